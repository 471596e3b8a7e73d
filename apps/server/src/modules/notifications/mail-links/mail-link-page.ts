import { escapeHtml } from '../templates/render.ts';
import type { MailLinkAction } from './mail-link-tokens.ts';

/**
 * The small server-rendered pages behind links in mail: no script, no outside resource, one form
 * that POSTs back to the same URL. Mail scanners open every link, so the page itself does nothing.
 */

type Lang = 'fa' | 'en';

const TEXT = {
  fa: {
    title: 'پیشخوان',
    confirmAsk: 'آیا درخواست {ticket} حل شده است؟ با دکمه زیر حل شدن آن را تأیید کنید تا بسته شود.',
    reopenAsk: 'اگر درخواست {ticket} هنوز حل نشده، با دکمه زیر آن را دوباره باز کنید.',
    confirmButton: 'تأیید می‌کنم، حل شد',
    reopenButton: 'دوباره باز شود',
    confirmDone: 'سپاس‌گزاریم. درخواست {ticket} بسته شد.',
    reopenDone: 'درخواست {ticket} دوباره باز شد و کارشناسان ما آن را پیگیری می‌کنند.',
    invalid: 'این پیوند نامعتبر است، منقضی شده یا پیش‌تر به کار رفته است.',
  },
  en: {
    title: 'Pishkhan',
    confirmAsk: 'Is request {ticket} solved? Confirm with the button below and it will be closed.',
    reopenAsk: 'If request {ticket} is not solved yet, reopen it with the button below.',
    confirmButton: 'Yes, it is solved',
    reopenButton: 'Reopen it',
    confirmDone: 'Thank you. Request {ticket} is closed.',
    reopenDone: 'Request {ticket} is open again; our agents will follow it up.',
    invalid: 'This link is not valid, has expired or was used already.',
  },
} as const;

/** A strict policy for these pages: nothing may load or run; the form posts only to this origin. */
export const MAIL_LINK_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function page(lang: Lang, inner: string): string {
  const dir = lang === 'fa' ? 'rtl' : 'ltr';
  return (
    `<!DOCTYPE html>\n<html lang="${lang}" dir="${dir}">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${TEXT[lang].title}</title>` +
    `<style>body{font-family:Vazirmatn,Tahoma,Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.8}button{font:inherit;padding:.5rem 1.5rem}</style></head>\n` +
    `<body>\n<h1>${TEXT[lang].title}</h1>\n${inner}\n</body>\n</html>\n`
  );
}

const ticketLabel = (number: number, title: string) => `#${number} «${escapeHtml(title)}»`;

/** The page a link opens: what it will do, and the one button that does it. */
export function askPage(lang: Lang, input: { action: MailLinkAction; formAction: string; ticketNumber: number; ticketTitle: string }): string {
  const t = TEXT[lang];
  const ask = (input.action === 'confirm' ? t.confirmAsk : t.reopenAsk).replace('{ticket}', ticketLabel(input.ticketNumber, input.ticketTitle));
  const button = input.action === 'confirm' ? t.confirmButton : t.reopenButton;
  return page(lang, `<p>${ask}</p>\n<form method="post" action="${escapeHtml(input.formAction)}"><button type="submit">${button}</button></form>`);
}

export function donePage(lang: Lang, input: { action: MailLinkAction; ticketNumber: number; ticketTitle: string }): string {
  const t = TEXT[lang];
  return page(lang, `<p>${(input.action === 'confirm' ? t.confirmDone : t.reopenDone).replace('{ticket}', ticketLabel(input.ticketNumber, input.ticketTitle))}</p>`);
}

/** A link that cannot be used (unknown, used, expired), or an action the ticket no longer allows (the message given). */
export function refusedPage(lang: Lang, message?: string): string {
  return page(lang, `<p>${escapeHtml(message ?? TEXT[lang].invalid)}</p>`);
}
