/**
 * Outlook's Thread-Index: base64 of a 22-byte header (a FILETIME and a GUID) that stays the same
 * for a whole conversation, plus 5 bytes per reply. The first 22 bytes are the conversation's root.
 */
export function threadIndexRoot(threadIndex: string | null | undefined): string | null {
  if (!threadIndex) return null;
  const clean = threadIndex.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return null;
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length < 22) return null;
  return bytes.subarray(0, 22).toString('base64');
}
