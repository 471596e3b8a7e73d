import { defineErrors, defineTerms } from '../../platform/http/errors.ts';
import { defineIssueMessages } from '../../platform/http/input-issues.ts';

export const TicketErrors = defineErrors({
  'ticket.invalid_transition': {
    status: 409,
    fa: 'تغییر وضعیت از «{from:ticket_status}» به «{to:ticket_status}» مجاز نیست.',
    en: 'The status cannot change from "{from:ticket_status}" to "{to:ticket_status}".',
  },
  'ticket.closed': { status: 409, fa: 'درخواست بسته شده و قابل تغییر نیست.', en: 'The ticket is closed and cannot be changed.' },
  'ticket.merged': { status: 409, fa: 'این درخواست در #{number} ادغام شده است.', en: 'This ticket was merged into #{number}.' },
  'ticket.invalid_merge': { status: 409, fa: 'این دو درخواست را نمی‌توان ادغام کرد: {reason:merge_refusal}', en: 'These tickets cannot be merged: {reason:merge_refusal}' },
  'ticket.invalid_relation': { status: 409, fa: 'این پیوند مجاز نیست: {reason:relation_refusal}', en: 'This relation is not allowed: {reason:relation_refusal}' },
  'ticket.invalid_escalation': { status: 409, fa: 'این ارجاع مجاز نیست: {reason:escalation_refusal}', en: 'This escalation is not allowed: {reason:escalation_refusal}' },
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

/** The records of this module as messages name them (`{entity:entity}` of record.not_found). */
export const TicketEntities = defineTerms('entity', {
  ticket: { fa: 'درخواست', en: 'Ticket' },
  desk: { fa: 'میز خدمت', en: 'Service desk' },
  attachment: { fa: 'پیوست', en: 'Attachment' },
  watcher: { fa: 'دنبال‌کننده', en: 'Watcher' },
  relation: { fa: 'پیوند', en: 'Relation' },
  queue: { fa: 'صف', en: 'Queue' },
  category: { fa: 'دسته', en: 'Category' },
});

/** Status names (lifecycle.ts STATUSES), for messages and the timeline. */
export const StatusNames = defineTerms('ticket_status', {
  new: { fa: 'جدید', en: 'new' },
  open: { fa: 'باز', en: 'open' },
  pending_customer: { fa: 'در انتظار مشتری', en: 'pending customer' },
  pending_third_party: { fa: 'در انتظار طرف سوم', en: 'pending third party' },
  resolved: { fa: 'حل‌شده', en: 'resolved' },
  closed: { fa: 'بسته', en: 'closed' },
});

/** Why a merge is refused (details.reason of ticket.invalid_merge). */
export const MergeRefusals = defineTerms('merge_refusal', {
  self: { fa: 'درخواست را نمی‌توان در خودش ادغام کرد', en: 'a ticket cannot be merged into itself' },
  source_already_merged: { fa: 'این درخواست پیش‌تر ادغام شده است', en: 'this ticket is already merged' },
  target_already_merged: { fa: 'درخواست مقصد پیش‌تر ادغام شده است', en: 'the target ticket is already merged' },
  source_closed: { fa: 'این درخواست بسته است', en: 'this ticket is closed' },
  target_closed: { fa: 'درخواست مقصد بسته است', en: 'the target ticket is closed' },
});

/** Why a relation is refused (details.reason of ticket.invalid_relation). */
export const RelationRefusals = defineTerms('relation_refusal', {
  self: { fa: 'درخواست را نمی‌توان به خودش پیوند داد', en: 'a ticket cannot be related to itself' },
  merged: { fa: 'یکی از دو درخواست ادغام شده است', en: 'one of the tickets is merged' },
  exists: { fa: 'این پیوند پیش‌تر هست', en: 'this relation exists already' },
  second_parent: { fa: 'درخواست فرزند پیش‌تر والدی دارد', en: 'the child already has a parent' },
  cycle: { fa: 'این پیوند در درخت والد و فرزند دور می‌سازد', en: 'the link would close a cycle of parents and children' },
});

/** Why an escalation is refused (details.reason of ticket.invalid_escalation). */
export const EscalationRefusals = defineTerms('escalation_refusal', {
  same_group: { fa: 'درخواست همین حالا به این گروه سپرده شده است', en: 'the ticket is already assigned to this group' },
  at_managers: { fa: 'درخواست پیش‌تر به مدیران ارجاع شده است', en: 'the ticket is already escalated to the managers' },
  resolved: { fa: 'درخواست حل شده است', en: 'the ticket is resolved' },
  not_escalated: { fa: 'درخواست ارجاع سلسله‌مراتبی ندارد', en: 'the ticket is not escalated' },
});

/** This module's own kinds of bad input (filter language, ticket numbers, the priority matrix). */
export const TicketIssues = defineIssueMessages({
  ticket_number: { fa: '«{field}» شماره درخواست نیست', en: '"{field}" is not a ticket number' },
  priority_matrix: { fa: '«{field}» باید جدولی ۳ در ۳ از عددهای ۱ تا ۴ باشد', en: '"{field}" must be a 3 by 3 table of 1 to 4' },
  filter_json: { fa: '«{field}» جی‌سان معتبر نیست', en: '"{field}" is not valid JSON' },
  filter_depth: { fa: '«{field}» بیش از {limit} لایه تودرتو است', en: '"{field}" nests deeper than {limit} levels' },
  filter_shape: {
    fa: '«{field}» پذیرفته نیست (پالایه یا گروهی از همه، هریک، نقیض است یا شرطی از فیلد، عملگر و مقدار)',
    en: '"{field}" is not allowed (a filter is all, any, not, or a condition of field, op and value)',
  },
  filter_conditions: { fa: 'پالایه «{field}» بیش از {limit} شرط دارد', en: 'the filter "{field}" has more than {limit} conditions' },
  filter_op_of_field: {
    fa: 'این عملگر برای فیلد «{name}» پذیرفته نیست؛ «{field}» یکی از این‌ها باشد: {allowedValues:values}',
    en: 'this operator does not apply to the field "{name}"; "{field}" must be one of: {allowedValues:values}',
  },
  filter_no_value: { fa: 'عملگر «{op}» مقداری نمی‌گیرد؛ «{field}» را بردارید', en: 'the operator "{op}" takes no value; remove "{field}"' },
  filter_list_or_reference: { fa: '«{field}» باید فهرست یا {reference} باشد', en: '"{field}" must be a list or {reference}' },
  filter_text: { fa: '«{field}» باید متنی از ۱ تا {max} نویسه باشد', en: '"{field}" must be a text of 1 to {max} characters' },
  filter_relative_time: {
    fa: '«{field}» باید به شکل مقدار ({min} تا {max}) و واحد (یکی از {allowedValues:values}) باشد',
    en: '"{field}" must be an amount ({min} to {max}) and a unit (one of {allowedValues:values})',
  },
  filter_integer: { fa: '«{field}» باید عدد صحیحی از {min} تا {max} باشد', en: '"{field}" must be an integer from {min} to {max}' },
  filter_id: { fa: '«{field}» باید شناسه‌ای مثبت باشد', en: '"{field}" must be a positive id' },
  filter_id_or_reference: { fa: '«{field}» باید شناسه‌ای مثبت یا {reference} باشد', en: '"{field}" must be a positive id or {reference}' },
  filter_not_comparable: { fa: 'این فیلد با «{field}» مقایسه نمی‌شود', en: 'this field is not compared by "{field}"' },
});
