import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, QRCode, verify } from './load-totp-libraries.ts';
import { open, resealed, seal, sha256Hex, type SealKey } from '../../platform/crypto/index.ts';
import type { Db } from '../../schema.ts';
import { listSealedTotpSecrets, storeSealedTotpSecret } from './totp.repository.ts';

/**
 * The TOTP second factor's pure parts (RFC 6238: 30-second steps, 6 digits, SHA-1 — what every
 * authenticator app reads): secrets sealed with the desk key, the otpauth URI and its QR code
 * (drawn here as SVG, no outside service sees the secret), code checks that refuse a step already
 * used, and the recovery codes (only their SHA-256 is kept).
 */
export const TOTP_ISSUER = 'Pishkhan';
export const RECOVERY_CODE_COUNT = 10;
/** One step either side: a phone clock 30 s off still works. */
const TOLERANCE_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret({ length: 20 });

const sealContext = (userId: number) => `user:${userId}:totp`;
export const sealTotpSecret = (keys: SealKey[], userId: number, secret: string): string => seal(keys[0]!, secret, sealContext(userId));
export const openTotpSecret = (keys: SealKey[], userId: number, sealed: string): string => open(keys, sealed, sealContext(userId));

export function otpauthUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The otpauth URI as an SVG QR code in a data URL, for an <img> on the enrolment page. */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export const isTotpCode = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s+/g, ''));

/** The time step a 6-digit code matches at `nowMs` (after `afterTimeStep`, so a code works once), or null. */
export async function matchTotpCode(secret: string, code: string, nowMs: number, afterTimeStep: number | null): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten fresh recovery codes, `xxxxx-xxxxx` (about 49 bits each), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces, dashes or not) → the hash it is stored as. */
export function recoveryCodeHash(code: string): string {
  return sha256Hex(`totp-recovery:${code.toLowerCase().replace(/[\s-]+/g, '')}`);
}

/** The secret rotation's part (src/sealed-values.ts): every TOTP secret sealed again under keys[0]; returns how many changed. */
export async function resealTotpSecrets(db: Db, keys: SealKey[]): Promise<number> {
  let count = 0;
  for (const row of await listSealedTotpSecrets(db)) {
    const again = resealed(keys, row.secret_sealed, sealContext(Number(row.user_id)));
    if (again === null) continue;
    await storeSealedTotpSecret(db, Number(row.user_id), again);
    count += 1;
  }
  return count;
}
