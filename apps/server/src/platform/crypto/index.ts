export { deriveKey, sha256Hex, hmac, type SealKey } from './keys.ts';
export { seal, open, SealError } from './seal.ts';
export { randomToken, issueOneTimeToken, consumeOneTimeToken, peekOneTimeToken } from './one-time-tokens.ts';
