/** A message size in the unit that reads best: bytes under 1 KB, KB (one decimal under 10) under 1 MB, else MB. */
export function sizeParts(bytes: number): { unit: 'bytes' | 'kb' | 'mb'; value: number } {
  if (bytes < 1024) return { unit: 'bytes', value: bytes };
  const round = (n: number) => (n < 10 ? Math.round(n * 10) / 10 : Math.round(n));
  if (bytes < 1024 * 1024) return { unit: 'kb', value: round(bytes / 1024) };
  return { unit: 'mb', value: round(bytes / (1024 * 1024)) };
}

/** The flags the server knows (email inbound); others are shown as they came. */
export const KNOWN_FLAGS = ['auto_reply', 'bulk', 'follow_up', 'forwarded_by_agent', 'id_reused', 'looped', 'reopened', 'stranger_reply', 'third_party_answer'] as const;
export const isKnownFlag = (flag: string): flag is (typeof KNOWN_FLAGS)[number] => (KNOWN_FLAGS as readonly string[]).includes(flag);
