import type { MailAddress, ParsedMail } from '../parsing/parse-mail.ts';
import { parseAddresses } from '../parsing/address-text.ts';
import { rawHeaderTexts } from '../parsing/raw-headers.ts';

const FORWARD_HEAD = /^\s*(?:-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht|پیام بازارسال‌شده|پیام اصلی)\s*-{2,}|begin forwarded message:)\s*$/imu;
const FROM_LINE = /^\s*\*?(?:from|von|از)\*?\s*:\s*(.+)$/imu;

/**
 * The original sender of a mail an agent forwards into the desk: the From: line under the
 * forward marker of the body (Gmail, Outlook, Apple Mail, Persian clients), or the From of an
 * attached forwarded message (.eml). Null when the mail is no forward.
 */
export function forwardedSender(mail: Pick<ParsedMail, 'text' | 'attachments'>): MailAddress | null {
  const head = FORWARD_HEAD.exec(mail.text);
  if (head) {
    const after = mail.text.slice(head.index + head[0].length, head.index + head[0].length + 2000);
    const from = FROM_LINE.exec(after)?.[1];
    const address = from ? parseAddresses(from.replace(/\[mailto:[^\]]*\]/gi, ''))[0] : undefined;
    if (address) return address;
  }
  const eml = mail.attachments.find((a) => a.contentType === 'message/rfc822');
  if (eml) {
    const from = rawHeaderTexts(eml.content, null).get('from')?.at(-1);
    const address = from ? parseAddresses(from)[0] : undefined;
    if (address) return address;
  }
  return null;
}
