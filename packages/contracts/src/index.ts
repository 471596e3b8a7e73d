export * from './common.ts';
export * from './session.ts';
export * from './events.ts';
