import { EmailAddress } from '@pishkhan/contracts';

/** The one address rule of the server (contracts' EmailAddress, packages/text), so a chip the page accepts is one the API accepts. */
const ADDRESS = new RegExp((EmailAddress as unknown as { pattern: string }).pattern, 'u');
/** Bidi marks and whitespace copied along out of right-to-left text; the server strips them too. */
const EDGES = /^[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+|[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/g;

export interface Recipients {
  to: string[];
  cc: string[];
}

export const MAX_RECIPIENTS = 50;

export function isAddress(value: string): boolean {
  return value.length <= 320 && ADDRESS.test(value);
}

/**
 * What was typed or pasted into a recipients field → the chips to add (trimmed, `Name <a@b>` taken
 * as a@b, duplicates of each other and of `current` dropped, case-insensitively) and what is not an address.
 */
export function splitAddresses(typed: string, current: string[]): { add: string[]; invalid: string[] } {
  const seen = new Set(current.map((a) => a.toLowerCase()));
  const add: string[] = [];
  const invalid: string[] = [];
  for (const raw of typed.split(/[,;\n]+/)) {
    const part = raw.replace(EDGES, '');
    if (!part) continue;
    const angled = /<([^<>]+)>\s*$/.exec(part);
    const address = (angled ? angled[1]! : part).replace(EDGES, '');
    if (!isAddress(address)) invalid.push(part);
    else if (!seen.has(address.toLowerCase())) {
      seen.add(address.toLowerCase());
      add.push(address);
    }
  }
  return { add, invalid };
}

/** The reply-all default: the requester's first address in To, the Cc'd contacts' first addresses in Cc (not repeating To). */
export function defaultRecipients(requesterEmails: string[] | null, ccContactsEmails: string[][]): Recipients {
  const to = requesterEmails?.[0] ? [requesterEmails[0]] : [];
  const cc = splitAddresses(ccContactsEmails.map((e) => e[0] ?? '').filter(Boolean).join(','), to).add;
  return { to, cc };
}
