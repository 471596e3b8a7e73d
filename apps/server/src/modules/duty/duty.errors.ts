import { defineErrors, defineTerms } from '../../platform/http/errors.ts';

export const DutyErrors = defineErrors({
  'duty.away_in_past': {
    status: 422,
    fa: 'تاریخ بازگشت باید در آینده باشد.',
    en: 'The return date must be in the future.',
  },
  'duty.unknown_calendar': {
    status: 422,
    fa: 'تقویم کاری انتخاب‌شده وجود ندارد.',
    en: 'The chosen working calendar does not exist.',
  },
});

export const DutyEntities = defineTerms('entity', {
  agent_duty: { fa: 'برنامهٔ کاری کارشناس', en: "Agent's duty" },
  group_assignment: { fa: 'واگذاری خودکار گروه', en: "Group's automatic assignment" },
});
