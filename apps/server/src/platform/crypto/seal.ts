import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealKey } from './keys.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts a secret value at rest (mailbox passwords, TOTP seeds) with AES-256-GCM.
 * Output: `<keyId>.<base64url(iv | tag | ciphertext)>`. `context` binds the value to where it is
 * stored (e.g. "mailbox:12:password"), so a sealed value copied to another column will not open.
 */
export function seal(key: SealKey, plaintext: string, context = ''): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${key.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export class SealError extends Error {
  override name = 'SealError';
}

/** Decrypts a sealed value with whichever of `keys` its prefix names; throws SealError if it cannot. */
export function open(keys: SealKey[], sealed: string, context = ''): string {
  const dot = sealed.indexOf('.');
  if (dot < 1) throw new SealError('Not a sealed value');
  const key = keys.find((k) => k.id === sealed.slice(0, dot));
  if (!key) throw new SealError(`No key ${sealed.slice(0, dot)} to open this value`);
  const raw = Buffer.from(sealed.slice(dot + 1), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SealError('Sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('Sealed value failed authentication');
  }
}
