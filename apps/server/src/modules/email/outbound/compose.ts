import { escapeHtml } from '../../notifications/index.ts';

/** Pure pieces of an outgoing mail: addresses, the subject tag, the HTML alternative of plain text. */

export interface MailAddress {
  address: string;
  name: string | null;
}

/** The address as it is sent: no surrounding spaces or direction marks (the API's address rule allows them around). */
export function cleanAddress(address: string): string {
  return address.replace(/^[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+|[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/g, '');
}

const keyOf = (address: string) => cleanAddress(address).toLowerCase();

/**
 * To, Cc and Bcc without repeats (an address keeps its first place: To before Cc before Bcc) and
 * without our own mailboxes (`ours`: lower-cased), so a reply-all never mails the desk itself.
 */
export function recipientLists(
  lists: { to: readonly MailAddress[]; cc: readonly MailAddress[]; bcc: readonly MailAddress[] },
  ours: ReadonlySet<string>,
): { to: MailAddress[]; cc: MailAddress[]; bcc: MailAddress[] } {
  const seen = new Set<string>(ours);
  const take = (list: readonly MailAddress[]) =>
    list.flatMap((a) => {
      const key = keyOf(a.address);
      if (key === '' || seen.has(key)) return [];
      seen.add(key);
      return [{ address: cleanAddress(a.address), name: a.name }];
    });
  const to = take(lists.to);
  const cc = take(lists.cc);
  return { to, cc, bcc: take(lists.bcc) };
}

/** The ticket tag `[#10234]` in the subject (added in front when missing): what threads a reply whose headers were lost. */
export function taggedSubject(subject: string, ticketNumber: number, prefix = ''): string {
  const oneLine = subject.replace(/[\r\n\t]+/g, ' ').trim();
  const tag = `[#${ticketNumber}]`;
  return oneLine.includes(tag) ? oneLine : `${prefix}${tag} ${oneLine}`.trim();
}

/** Plain text as the HTML alternative: escaped, paragraphs at blank lines, line breaks kept; right-to-left for fa. */
export function plainToHtml(text: string, language: 'fa' | 'en'): string {
  const dir = language === 'fa' ? 'rtl' : 'ltr';
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`);
  return (
    `<!DOCTYPE html>\n<html lang="${language}" dir="${dir}">\n<head><meta charset="utf-8"></head>\n` +
    `<body dir="${dir}" style="direction:${dir};text-align:${language === 'fa' ? 'right' : 'left'};font-family:Vazirmatn,Tahoma,Arial,sans-serif;line-height:1.7">\n` +
    `${paragraphs.join('\n')}\n</body>\n</html>\n`
  );
}

/** The body with the group's signature under the usual "-- " separator (mail clients fold it). */
export function withSignature(body: string, signature: string | null | undefined): string {
  return signature && signature.trim() ? `${body.trimEnd()}\n\n-- \n${signature.trim()}` : body;
}
