export { deriveKey, sha256Hex, hmac, type SealKey } from './keys.ts';
export { seal, open, SealError } from './seal.ts';
export { RotationErrors } from './rotation.errors.ts';
export { resealed, startSecretRotation, findRotation, secretRotationContribution, type SealedValue, type Rotation } from './rotation.ts';
export { randomToken, issueOneTimeToken, consumeOneTimeToken, peekOneTimeToken } from './one-time-tokens.ts';
