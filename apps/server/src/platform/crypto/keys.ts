import { createHash, createHmac, hkdfSync } from 'node:crypto';

/** A symmetric key derived from PISHKHAN_SECRET, named by a short fingerprint. */
export interface SealKey {
  id: string;
  key: Buffer;
}

/**
 * Derives the sealing key from the configured secret (HKDF-SHA256). The id is a fingerprint of
 * the key, so a value sealed under an older secret names the key it needs (rotation: accounts issue).
 */
export function deriveKey(secret: string, purpose = 'pishkhan/seal/v1'): SealKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), purpose, 32));
  const id = createHmac('sha256', key).update('key-id').digest('base64url').slice(0, 8);
  return { id, key };
}

/** SHA-256 of a secret token, as stored in the database (hex). */
export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** HMAC-SHA256 (base64url) under a key derived from the secret for one purpose. */
export function hmac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', deriveKey(secret, `pishkhan/hmac/${purpose}`).key).update(value).digest('base64url');
}
