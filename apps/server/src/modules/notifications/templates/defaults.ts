import type { NotificationKind } from '@pishkhan/contracts';

/**
 * The built-in email template of every kind in fa and en. An admin's edit is stored
 * (notification_templates) and wins; deleting nothing ever loses these. Text with {{placeholders}}.
 */
export interface TemplateText {
  subject: string;
  body: string;
}

/** Placeholders every kind offers. */
const COMMON = ['recipientName', 'ticketNumber', 'ticketTitle', 'actorName', 'ticketLink', 'portalLink'] as const;

/** The placeholders of each kind (what an admin may use; the preview fills each with sample data). */
export const PLACEHOLDERS: Readonly<Record<NotificationKind, readonly string[]>> = {
  'ticket.received': [...COMMON, 'invitationLink'],
  'ticket.public_reply': COMMON,
  'ticket.waiting_for_customer': COMMON,
  'ticket.resolved': [...COMMON, 'confirmLink', 'reopenLink'],
  'ticket.closed': COMMON,
  'ticket.new_in_group': [...COMMON, 'groupName'],
  'ticket.assigned': COMMON,
  'ticket.customer_replied': COMMON,
  'ticket.referral_returned': COMMON,
  'ticket.escalated': [...COMMON, 'escalationLevel'],
  'ticket.referred': [...COMMON, 'groupName'],
  'ticket.pending_reached': COMMON,
  'ticket.sla_warning': [...COMMON, 'slaTarget', 'dueAt'],
  'ticket.sla_breached': [...COMMON, 'slaTarget', 'dueAt'],
  'account.invitation': ['recipientName', 'actionLink', 'expiresAt', 'portalLink'],
  'account.password_reset': ['recipientName', 'actionLink', 'expiresAt', 'portalLink'],
  'account.sign_up': ['recipientName', 'actionLink', 'expiresAt', 'portalLink'],
  'account.locked': ['recipientName', 'until', 'portalLink'],
  'contract.expiring': ['recipientName', 'actorName', 'portalLink', 'contractName', 'endsOn'],
};

/** Kinds addressed to the customer (requester, contacts who watch); the rest go to agents. */
export const CUSTOMER_KINDS: ReadonlySet<NotificationKind> = new Set([
  'ticket.received',
  'ticket.public_reply',
  'ticket.waiting_for_customer',
  'ticket.resolved',
  'ticket.closed',
]);

const fa = (subject: string, ...lines: string[]): TemplateText => ({ subject, body: lines.join('\n') });
const en = fa;

export const DEFAULT_TEMPLATES: Readonly<Record<NotificationKind, { fa: TemplateText; en: TemplateText }>> = {
  'ticket.received': {
    fa: fa(
      'درخواست شما ثبت شد [#{{ticketNumber}}] {{ticketTitle}}',
      '{{recipientName}} گرامی،',
      '',
      'درخواست شما با شماره {{ticketNumber}} ثبت شد و به‌زودی بررسی می‌شود.',
      'موضوع: {{ticketTitle}}',
      '',
      'مشاهده و پاسخ به درخواست، بدون گذرواژه: {{ticketLink}}',
      'برای پیگیری همه‌ی درخواست‌ها در پیشخوان مشتریان: {{invitationLink}}',
      '',
      'در پاسخ به این نامه شماره درخواست را در موضوع نگه دارید.',
    ),
    en: en(
      'Your request was received [#{{ticketNumber}}] {{ticketTitle}}',
      'Dear {{recipientName}},',
      '',
      'Your request number {{ticketNumber}} was received and will be looked at soon.',
      'Subject: {{ticketTitle}}',
      '',
      'View and answer the request, no password needed: {{ticketLink}}',
      'Follow all your requests in the customer portal: {{invitationLink}}',
      '',
      'When you reply to this mail, keep the ticket number in the subject.',
    ),
  },
  'ticket.public_reply': {
    fa: fa('پاسخ تازه به درخواست شما [#{{ticketNumber}}] {{ticketTitle}}', '{{recipientName}} گرامی،', '', '{{actorName}} به درخواست {{ticketNumber}} پاسخ داد.', 'موضوع: {{ticketTitle}}', '', 'مشاهده پاسخ: {{ticketLink}}'),
    en: en('New reply to your request [#{{ticketNumber}}] {{ticketTitle}}', 'Dear {{recipientName}},', '', '{{actorName}} replied to request {{ticketNumber}}.', 'Subject: {{ticketTitle}}', '', 'Read the reply: {{ticketLink}}'),
  },
  'ticket.waiting_for_customer': {
    fa: fa(
      'منتظر پاسخ شما هستیم [#{{ticketNumber}}] {{ticketTitle}}',
      '{{recipientName}} گرامی،',
      '',
      'برای ادامه کار روی درخواست {{ticketNumber}} به پاسخ شما نیاز داریم.',
      'موضوع: {{ticketTitle}}',
      '',
      'مشاهده درخواست: {{ticketLink}}',
    ),
    en: en(
      'We are waiting for you [#{{ticketNumber}}] {{ticketTitle}}',
      'Dear {{recipientName}},',
      '',
      'To go on with request {{ticketNumber}} we need your answer.',
      'Subject: {{ticketTitle}}',
      '',
      'View the request: {{ticketLink}}',
    ),
  },
  'ticket.resolved': {
    fa: fa(
      'درخواست شما حل شد [#{{ticketNumber}}] {{ticketTitle}}',
      '{{recipientName}} گرامی،',
      '',
      'درخواست {{ticketNumber}} حل شد.',
      'موضوع: {{ticketTitle}}',
      '',
      'اگر مشکل برطرف شده، تأیید کنید: {{confirmLink}}',
      'اگر هنوز مشکل دارید، درخواست را دوباره باز کنید: {{reopenLink}}',
    ),
    en: en(
      'Your request was resolved [#{{ticketNumber}}] {{ticketTitle}}',
      'Dear {{recipientName}},',
      '',
      'Request {{ticketNumber}} was resolved.',
      'Subject: {{ticketTitle}}',
      '',
      'If it is solved, please confirm: {{confirmLink}}',
      'If not, reopen it: {{reopenLink}}',
    ),
  },
  'ticket.closed': {
    fa: fa('درخواست شما بسته شد [#{{ticketNumber}}] {{ticketTitle}}', '{{recipientName}} گرامی،', '', 'درخواست {{ticketNumber}} بسته شد. از همراهی شما سپاسگزاریم.', 'موضوع: {{ticketTitle}}', '', 'مشاهده درخواست: {{ticketLink}}'),
    en: en('Your request was closed [#{{ticketNumber}}] {{ticketTitle}}', 'Dear {{recipientName}},', '', 'Request {{ticketNumber}} was closed. Thank you.', 'Subject: {{ticketTitle}}', '', 'View the request: {{ticketLink}}'),
  },
  'ticket.new_in_group': {
    fa: fa('درخواست تازه در گروه {{groupName}} [#{{ticketNumber}}] {{ticketTitle}}', 'درخواست {{ticketNumber}} در گروه {{groupName}} ثبت شد.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('New ticket in {{groupName}} [#{{ticketNumber}}] {{ticketTitle}}', 'Ticket {{ticketNumber}} arrived in {{groupName}}.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.assigned': {
    fa: fa('درخواست به شما واگذار شد [#{{ticketNumber}}] {{ticketTitle}}', '{{actorName}} درخواست {{ticketNumber}} را به شما واگذار کرد.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Ticket assigned to you [#{{ticketNumber}}] {{ticketTitle}}', '{{actorName}} assigned ticket {{ticketNumber}} to you.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.customer_replied': {
    fa: fa('پاسخ مشتری [#{{ticketNumber}}] {{ticketTitle}}', '{{actorName}} به درخواست {{ticketNumber}} پاسخ داد.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Customer replied [#{{ticketNumber}}] {{ticketTitle}}', '{{actorName}} replied to ticket {{ticketNumber}}.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.referral_returned': {
    fa: fa('ارجاع برگشت [#{{ticketNumber}}] {{ticketTitle}}', 'درخواست {{ticketNumber}} که ارجاع داده بودید حل شد و به شما برگشت.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Referral returned [#{{ticketNumber}}] {{ticketTitle}}', 'Ticket {{ticketNumber}}, which you referred, was resolved and is back with you.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.escalated': {
    fa: fa('ارجاع به شما (سطح {{escalationLevel}}) [#{{ticketNumber}}] {{ticketTitle}}', 'درخواست {{ticketNumber}} به شما ارجاع شد (سطح {{escalationLevel}}).', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Escalated to you (level {{escalationLevel}}) [#{{ticketNumber}}] {{ticketTitle}}', 'Ticket {{ticketNumber}} was escalated to you (level {{escalationLevel}}).', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.referred': {
    fa: fa('ارجاع به گروه شما [#{{ticketNumber}}] {{ticketTitle}}', 'درخواست {{ticketNumber}} به گروه {{groupName}} ارجاع شد.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Referred to your group [#{{ticketNumber}}] {{ticketTitle}}', 'Ticket {{ticketNumber}} was referred to the group {{groupName}}.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.pending_reached': {
    fa: fa('زمان انتظار سر رسید [#{{ticketNumber}}] {{ticketTitle}}', 'زمان انتظار درخواست {{ticketNumber}} سر رسید و دوباره باز است.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Pending time reached [#{{ticketNumber}}] {{ticketTitle}}', 'The pending time of ticket {{ticketNumber}} was reached; it is open again.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.sla_warning': {
    fa: fa('نزدیک به مهلت [#{{ticketNumber}}] {{ticketTitle}}', 'مهلت «{{slaTarget}}» درخواست {{ticketNumber}} نزدیک است: {{dueAt}}.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Due soon [#{{ticketNumber}}] {{ticketTitle}}', 'The {{slaTarget}} of ticket {{ticketNumber}} is due soon: {{dueAt}}.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'ticket.sla_breached': {
    fa: fa('مهلت گذشت [#{{ticketNumber}}] {{ticketTitle}}', 'مهلت «{{slaTarget}}» درخواست {{ticketNumber}} گذشت ({{dueAt}}) و درخواست بالاتر ارجاع شد.', 'موضوع: {{ticketTitle}}', '', '{{ticketLink}}'),
    en: en('Breached [#{{ticketNumber}}] {{ticketTitle}}', 'The {{slaTarget}} of ticket {{ticketNumber}} was due {{dueAt}} and is breached; the ticket was escalated.', 'Title: {{ticketTitle}}', '', '{{ticketLink}}'),
  },
  'account.invitation': {
    fa: fa('دعوت به پیشخوان', 'سلام،', '', 'برای شما در پیشخوان حساب کاربری ساخته شده است. برای گزینش گذرواژه و ورود، این پیوند را باز کنید:', '{{actionLink}}', '', 'این پیوند یک بار کار می‌کند و تا {{expiresAt}} معتبر است.'),
    en: en('Your invitation to Pishkhan', 'Hello,', '', 'An account has been made for you in Pishkhan. Open this link to choose a password and sign in:', '{{actionLink}}', '', 'The link works once and is valid until {{expiresAt}}.'),
  },
  'account.password_reset': {
    fa: fa('بازنشانی گذرواژهٔ پیشخوان', 'سلام،', '', 'برای گزینش گذرواژهٔ تازه این پیوند را باز کنید:', '{{actionLink}}', '', 'این پیوند یک بار کار می‌کند و تا {{expiresAt}} معتبر است. اگر شما درخواست نکرده‌اید، این نامه را نادیده بگیرید؛ گذرواژهٔ کنونی تغییر نمی‌کند.'),
    en: en('Reset your Pishkhan password', 'Hello,', '', 'Open this link to choose a new password:', '{{actionLink}}', '', 'The link works once and is valid until {{expiresAt}}. If you did not ask for it, ignore this mail; your password stays as it is.'),
  },
  'account.sign_up': {
    fa: fa('تأیید نشانی ایمیل', 'سلام،', '', 'برای پایان ثبت‌نام در درگاه مشتریان این پیوند را باز کنید:', '{{actionLink}}', '', 'این پیوند یک بار کار می‌کند و تا {{expiresAt}} معتبر است. اگر شما ثبت‌نام نکرده‌اید، این نامه را نادیده بگیرید.'),
    en: en('Confirm your email address', 'Hello,', '', 'Open this link to finish signing up to the customer portal:', '{{actionLink}}', '', 'The link works once and is valid until {{expiresAt}}. If you did not sign up, ignore this mail.'),
  },
  'account.locked': {
    fa: fa('حساب پیشخوان شما موقتاً قفل شد', 'سلام،', '', 'پس از چند بار ورود ناموفق، ورود به حساب شما تا {{until}} بسته است. پس از آن دوباره می‌توانید وارد شوید، یا مدیر می‌تواند زودتر قفل را بردارد.', '', 'اگر این تلاش‌ها از شما نبوده است، پس از باز شدن قفل گذرواژه را عوض کنید و به مدیر خبر دهید.'),
    en: en('Your Pishkhan account is locked for a while', 'Hello,', '', 'After several failed sign-ins, signing in to your account is closed until {{until}}. You can sign in again after that, or an admin can lift the lock sooner.', '', 'If these attempts were not yours, change your password once it opens and tell an admin.'),
  },
  'contract.expiring': {
    fa: fa('پایان نزدیک قرارداد «{{contractName}}»', '{{recipientName}} گرامی،', '', 'قرارداد «{{contractName}}» در {{endsOn}} به پایان می‌رسد. برای تمدید یا قرارداد تازه اقدام کنید.'),
    en: en('Contract "{{contractName}}" ends soon', 'Dear {{recipientName}},', '', 'The contract "{{contractName}}" ends on {{endsOn}}. Arrange a renewal or a new contract.'),
  },
};

/** Sample values for the preview (Persian and English), with markup in the title to show that it is escaped. */
export const SAMPLE_VALUES: Readonly<Record<'fa' | 'en', Readonly<Record<string, string>>>> = {
  fa: {
    recipientName: 'مریم احمدی',
    ticketNumber: '10234',
    ticketTitle: 'چاپگر طبقه دوم <کار نمی‌کند>',
    actorName: 'علی رضایی',
    ticketLink: 'https://desk.example/portal/tickets/10234',
    portalLink: 'https://desk.example/portal',
    confirmLink: 'https://desk.example/m/sample-confirm-token',
    reopenLink: 'https://desk.example/m/sample-reopen-token',
    groupName: 'میز خدمت',
    escalationLevel: '۱',
    slaTarget: 'حل',
    dueAt: '۱۲ آذر ۱۴۰۵، ۱۴:۳۰',
    contractName: 'پشتیبانی ۱۴۰۵',
    endsOn: '۲۹ اسفند ۱۴۰۵',
    actionLink: 'https://desk.example/accept-invitation#token=sample',
    expiresAt: '۱۲ آذر ۱۴۰۵، ۱۵:۳۰',
    until: '۱۲ آذر ۱۴۰۵، ۱۵:۱۵',
  },
  en: {
    recipientName: 'Maryam Ahmadi',
    ticketNumber: '10234',
    ticketTitle: 'Second-floor printer <does not print>',
    actorName: 'Ali Rezaei',
    ticketLink: 'https://desk.example/portal/tickets/10234',
    portalLink: 'https://desk.example/portal',
    confirmLink: 'https://desk.example/m/sample-confirm-token',
    reopenLink: 'https://desk.example/m/sample-reopen-token',
    groupName: 'Service Desk',
    escalationLevel: '1',
    slaTarget: 'resolution',
    dueAt: '2 December 2026, 14:30 (Tehran)',
    contractName: 'Support 1405',
    endsOn: '20 March 2027',
    actionLink: 'https://desk.example/accept-invitation#token=sample',
    expiresAt: '2 December 2026, 15:30 (Tehran)',
    until: '2 December 2026, 15:15 (Tehran)',
  },
};

/** The name of an SLA target in a notification (the {{slaTarget}} placeholder). */
export const SLA_TARGET_NAMES: Readonly<Record<'fa' | 'en', Readonly<Record<'first_response' | 'next_response' | 'resolution', string>>>> = {
  fa: { first_response: 'نخستین پاسخ', next_response: 'پاسخ بعدی', resolution: 'حل' },
  en: { first_response: 'first response', next_response: 'next response', resolution: 'resolution' },
};

/** A due time as a reader of the desk's zone reads it: Jalali in fa, Gregorian in en (the {{dueAt}} placeholder). */
export function dueAtText(iso: string, language: 'fa' | 'en'): string {
  const format = new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', { timeZone: 'Asia/Tehran', dateStyle: 'long', timeStyle: 'short' });
  return language === 'fa' ? format.format(new Date(iso)) : `${format.format(new Date(iso))} (Tehran)`;
}

/** A contract's last day (ISO) as its reader reads it: Jalali in fa, Gregorian in en (the {{endsOn}} placeholder). */
export function dayText(isoDate: string, language: 'fa' | 'en'): string {
  const format = new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long' });
  return format.format(new Date(`${isoDate}T12:00:00Z`));
}
