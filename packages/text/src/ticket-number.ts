/**
 * Ticket numbers as people write them: «#۱۰۲۳۴», «١٠٢٣٤», «10234», the installation's prefix
 * form («PK-10234» when the prefix is «PK-»), pasted from right-to-left text with bidi marks.
 */
import { normalizeForSearch } from './search-key.ts';

/** Options of `parseTicketNumber`. */
export interface TicketNumberOptions {
  /** The configured prefix shown before numbers (`tickets.number_prefix`); «#» is always accepted. */
  prefix?: string;
}

/** At most 15 digits, so every number is a safe integer. */
const DIGITS = /^[0-9]{1,15}$/;

/**
 * The ticket number in `input` (digits in any script, with the configured prefix or «#» before
 * them, spaces around it and invisible controls ignored, the prefix compared as a search key so case and
 * Arabic letter forms do not matter), or null when the input is not a ticket number (≥ 1).
 */
export function parseTicketNumber(input: string, options: TicketNumberOptions = {}): number | null {
  let s = normalizeForSearch(input);
  const prefix = normalizeForSearch(options.prefix ?? '');
  if (prefix !== '' && s.startsWith(prefix)) s = s.slice(prefix.length).trimStart();
  else if (s.startsWith('#')) s = s.slice(1).trimStart();
  if (!DIGITS.test(s)) return null;
  const n = Number(s);
  return n >= 1 ? n : null;
}
