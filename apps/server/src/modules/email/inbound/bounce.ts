import type { ParsedMail } from '../parsing/parse-mail.ts';
import { rawHeaderTexts } from '../parsing/raw-headers.ts';
import { failedRecipients } from './safety.ts';

/** What a bounce tells: the Message-ID of the mail that bounced (from the returned message or headers) and who failed. */
export function bounceFacts(mail: ParsedMail): { originalMessageIds: string[]; failed: Array<{ address: string; status: string | null }> } {
  const ids: string[] = [];
  const failed: Array<{ address: string; status: string | null }> = [];
  for (const a of mail.attachments) {
    if (a.contentType === 'message/delivery-status') failed.push(...failedRecipients(a.content.toString('utf8')));
    if (a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers') {
      const id = rawHeaderTexts(a.content, null).get('message-id')?.[0]?.trim();
      if (id) ids.push(id.startsWith('<') ? id : `<${id}>`);
    }
  }
  // Some servers quote the returned headers in the text only.
  for (const m of mail.text.matchAll(/^\s*Message-ID:\s*(<[^<>\s]+>)/gim)) if (!ids.includes(m[1]!)) ids.push(m[1]!);
  if (failed.length === 0) {
    for (const m of mail.text.matchAll(/<([^<>\s@]+@[^<>\s]+)>\s*:?\s*(?:host|recipient|user|mailbox|550|5\.\d\.\d)/gi)) {
      if (!failed.some((f) => f.address === m[1]!.toLowerCase())) failed.push({ address: m[1]!.toLowerCase(), status: null });
    }
  }
  return { originalMessageIds: ids, failed };
}
