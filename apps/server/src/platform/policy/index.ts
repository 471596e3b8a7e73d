export { authorize, authorizeEdit, abilities, type Policy } from './policy.ts';
export { requireUser } from './require.ts';
