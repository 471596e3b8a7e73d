import addressparser from 'nodemailer/lib/addressparser';
import type { MailAddress } from './parse-mail.ts';

/** A display name needs quotes when it holds more than atoms and spaces (non-ASCII included). */
const PLAIN_NAME = /^[A-Za-z0-9_ \t!#$%&'*+\-/=?^`{|}~]+$/;
const COMMENT_FORM = /^\s*[^\s<>()",]+@[^\s<>()",]+\s*\([^()]*\)\s*$/;

/**
 * An address header's text the way a person reads it: `Name <a@b>` (the name quoted when it is
 * more than atoms), a bare `a@b` without a name, the comment form `a@b (Name)` kept as written;
 * empty groups ("undisclosed-recipients:;") and words without an address drop out.
 */
export function addressHeaderText(written: string): string {
  if (COMMENT_FORM.test(written) || /^\s*"[^"]*"\s*$/.test(written)) return written.trim();
  let entries: ReturnType<typeof addressparser>;
  try {
    entries = addressparser(written);
  } catch {
    return written.trim();
  }
  const out: string[] = [];
  let anyAddress = false;
  const walk = (list: ReturnType<typeof addressparser>) => {
    for (const e of list) {
      if ('group' in e && e.group) {
        walk(e.group);
        continue;
      }
      const address = ('address' in e && e.address ? e.address : '').trim();
      const name = (e.name ?? '').trim();
      if (address) {
        anyAddress = true;
        out.push(name ? `${quoted(name)} <${address}>` : address);
      } else if (name && /<\s*>/.test(written)) {
        out.push(`${quoted(name)} <>`);
      }
    }
  };
  walk(entries);
  if (!anyAddress && out.length === 0 && written.includes('@')) return written.trim();
  return out.join(', ');
}

function quoted(name: string): string {
  return PLAIN_NAME.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

/** Addresses read from a header text (for headers mailparser could not read: 8-bit bytes). */
export function parseAddresses(text: string): MailAddress[] {
  const out: MailAddress[] = [];
  const walk = (list: ReturnType<typeof addressparser>) => {
    for (const e of list) {
      if ('group' in e && e.group) walk(e.group);
      else if ('address' in e && e.address && e.address.includes('@')) out.push({ address: e.address.trim(), name: (e.name ?? '').trim() });
    }
  };
  try {
    walk(addressparser(text));
  } catch {
    // no addresses
  }
  return out;
}
