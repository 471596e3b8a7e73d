import { defineErrors } from '../../platform/http/errors.ts';

export const TicketErrors = defineErrors({
  'ticket.invalid_transition': {
    status: 409,
    fa: 'تغییر وضعیت از «{from}» به «{to}» مجاز نیست.',
    en: 'The status cannot change from "{from}" to "{to}".',
  },
  'ticket.closed': { status: 409, fa: 'درخواست بسته شده و قابل تغییر نیست.', en: 'The ticket is closed and cannot be changed.' },
  'ticket.merged': { status: 409, fa: 'این درخواست در #{number} ادغام شده است.', en: 'This ticket was merged into #{number}.' },
  'ticket.invalid_merge': { status: 409, fa: 'این دو درخواست را نمی‌توان ادغام کرد: {reason}', en: 'These tickets cannot be merged: {reason}' },
  'ticket.invalid_relation': { status: 409, fa: 'این پیوند مجاز نیست: {reason}', en: 'This relation is not allowed: {reason}' },
  'ticket.invalid_escalation': { status: 409, fa: 'این ارجاع مجاز نیست: {reason}', en: 'This escalation is not allowed: {reason}' },
  'ticket.assignee_not_in_group': {
    status: 422,
    fa: 'کارشناس انتخاب‌شده عضو گروه مسئول نیست.',
    en: 'The chosen agent is not a member of the assignee group.',
  },
  'ticket.override_reason_required': {
    status: 422,
    fa: 'برای تغییر دستی اولویت، دلیل لازم است.',
    en: 'A reason is required to override the priority.',
  },
  'ticket.pending_until_in_past': { status: 422, fa: 'زمان انتظار باید در آینده باشد.', en: 'The pending-until time must be in the future.' },
  'ticket.pending_until_needs_pending': {
    status: 422,
    fa: 'زمان انتظار فقط برای وضعیت‌های «در انتظار» معنا دارد.',
    en: 'A pending-until time needs a pending status.',
  },
  'ticket.field_not_editable': { status: 403, fa: 'شما اجازه تغییر «{field}» را ندارید.', en: 'You may not change "{field}".' },
  'attachment.too_large': { status: 413, fa: 'پیوست از حد مجاز ({limit} بایت) بزرگ‌تر است.', en: 'The attachment exceeds the limit of {limit} bytes.' },
  'attachment.missing_file': { status: 400, fa: 'فایلی ارسال نشده است.', en: 'No file was sent.' },
});
