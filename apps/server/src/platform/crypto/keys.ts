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

/**
 * The HMAC keys derived so far, by secret and purpose: HKDF per call was a fifth of mail out's
 * CPU (a Message-ID token per outgoing mail, several per inbound message). The keys stay the
 * same, so do the values. A process knows one or two secrets and a handful of purposes; the
 * bound only keeps a test run that makes many secrets from growing it without end.
 */
const hmacKeys = new Map<string, Buffer>();
const HMAC_KEYS_KEPT = 64;

function hmacKey(secret: string, purpose: string): Buffer {
  const name = `${purpose}\0${secret}`;
  let key = hmacKeys.get(name);
  if (!key) {
    if (hmacKeys.size >= HMAC_KEYS_KEPT) hmacKeys.clear();
    key = deriveKey(secret, `pishkhan/hmac/${purpose}`).key;
    hmacKeys.set(name, key);
  }
  return key;
}

/** HMAC-SHA256 (base64url) under a key derived from the secret for one purpose. */
export function hmac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', hmacKey(secret, purpose)).update(value).digest('base64url');
}
