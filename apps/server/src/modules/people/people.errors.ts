import { defineErrors, defineTerms } from '../../platform/http/errors.ts';

/** Errors of the people module (the common record.* codes cover stale, conflict and unknown references). */
export const PeopleErrors = defineErrors({
  'organization.account_manager_not_crm': {
    status: 422,
    fa: 'مدیر حساب باید کارشناس فعالی با نقش مدیر ارتباط با مشتری باشد.',
    en: 'The account manager must be an active agent with the crm role.',
  },
  'agent.last_admin': {
    status: 409,
    fa: 'دست‌کم یک مدیر سامانه فعال باید بماند.',
    en: 'At least one active admin must remain.',
  },
  'merge.into_itself': {
    status: 422,
    fa: 'یک رکورد را نمی‌توان در خودش ادغام کرد.',
    en: 'A record cannot be merged into itself.',
  },
  'merge.into_inactive': {
    status: 422,
    fa: 'رکورد مقصد غیرفعال است یا خودش ادغام شده است؛ در آن نمی‌توان ادغام کرد.',
    en: 'The record to merge into is deactivated or has been merged itself.',
  },
  'merge.already_merged': {
    status: 409,
    fa: 'این رکورد پیش‌تر ادغام شده است.',
    en: 'This record has already been merged.',
  },
  'contact.duplicate_email': {
    status: 400,
    fa: 'یک نشانی ایمیل دو بار آمده است: {email}',
    en: 'The same email address is given twice: {email}',
  },
});

/** The records of this module as messages name them (`{entity:entity}` of record.not_found). */
export const PeopleEntities = defineTerms('entity', {
  organization: { fa: 'سازمان', en: 'Organization' },
  contact: { fa: 'مخاطب', en: 'Contact' },
  agent: { fa: 'کارشناس', en: 'Agent' },
  group: { fa: 'گروه', en: 'Group' },
});
