import { foldDigits } from '@pishkhan/text';

/**
 * The ticket tag in a subject, `[#10234]` (with the configured prefix, in any digit script; also
 * "[Ticket#10234]" as other desks write it): the ticket numbers it names, first first.
 */
export function subjectTicketNumbers(subject: string, prefix = '#'): number[] {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`\\[\\s*(?:ticket\\s*)?${escaped}\\s*([0-9\\u06f0-\\u06f9\\u0660-\\u0669]{1,15})\\s*\\]`, 'giu');
  const out: number[] = [];
  for (const m of subject.matchAll(pattern)) {
    const n = Number(foldDigits(m[1]!));
    if (Number.isSafeInteger(n) && n > 0 && !out.includes(n)) out.push(n);
  }
  return out;
}
