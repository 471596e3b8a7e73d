export { loadConfig, ConfigError } from './load.ts';
export type { Config } from './schema.ts';
export { SECRET_KEYS } from './schema.ts';
