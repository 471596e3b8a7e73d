import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/modules/access/index.ts';

// Pieces every factory file shares: the one password test users sign in with (hashed once per
// run, because hashing is deliberately slow) and a short random suffix for unique names.
export const PASSWORD = 'correct-horse-battery-staple';
let cachedHash: Promise<string> | undefined;
export const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));
export const unique = () => randomBytes(4).toString('hex');
