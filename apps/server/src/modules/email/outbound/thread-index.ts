import { createHash } from 'node:crypto';

/**
 * Outlook's Thread-Index: a 22-byte header (6 bytes of time, 16 of a GUID) that every mail of a
 * conversation shares, plus a 5-byte block per reply, base64. Our mails of one ticket share a
 * header derived from the ticket's Message-ID token (stable, unguessable), so Outlook groups them
 * and mailin can match a reply that has nothing but a Thread-Index. Pure.
 */

/** FILETIME (100 ns since 1601-01-01) of an epoch-ms instant. */
function fileTime(ms: number): bigint {
  return (BigInt(Math.floor(ms)) + 11_644_473_600_000n) * 10_000n;
}

/** The 22-byte conversation header of a ticket: time of the ticket's first mail, and 16 bytes from its token. */
export function threadIndexHeader(ticketCreatedAt: number, token: string): Buffer {
  const header = Buffer.alloc(22);
  const ft = fileTime(ticketCreatedAt);
  // The six most significant bytes of the FILETIME.
  for (let i = 0; i < 6; i++) header[i] = Number((ft >> BigInt(56 - 8 * i)) & 0xffn);
  createHash('sha256').update(`pishkhan-thread:${token}`).digest().copy(header, 6, 0, 16);
  return header;
}

/** A reply's Thread-Index: the conversation's (or the mail replied to's) index and one 5-byte block for the time since the header. */
export function childThreadIndex(parent: Buffer, headerAt: number, at: number): string {
  const delta = fileTime(at) - fileTime(headerAt);
  const units = (delta < 0n ? 0n : delta) >> 18n; // the block's time resolution (~26 ms), 31 bits
  const block = Buffer.alloc(5);
  const v = units & 0x7fffffffn;
  block.writeUInt32BE(Number(v), 0);
  block[4] = Math.floor(Math.random() * 256) & 0xff;
  return Buffer.concat([parent, block]).toString('base64');
}

/** The parent bytes of a Thread-Index header value, or null when it is not one (too short, not base64). */
export function parseThreadIndex(value: string | null | undefined): Buffer | null {
  if (!value) return null;
  const bytes = Buffer.from(value.trim(), 'base64');
  return bytes.length >= 22 && (bytes.length - 22) % 5 === 0 ? bytes : null;
}
