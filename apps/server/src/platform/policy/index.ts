export { authorize, authorizeEdit, abilities, type Policy } from './policy.ts';
export { requireUser, requireCaller } from './require.ts';
