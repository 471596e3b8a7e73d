import { defineErrors, defineTerms } from '../../platform/http/errors.ts';
import { defineIssueMessages } from '../../platform/http/input-issues.ts';

export const CalendarErrors = defineErrors({
  'calendar.built_in': {
    status: 422,
    fa: 'تقویم‌های پیش‌فرض سامانه حذف‌شدنی نیستند؛ می‌توانید ساعت‌هایشان را ویرایش کنید.',
    en: 'The built-in calendars cannot be deleted; their hours can be edited.',
  },
  'calendar.in_use': {
    status: 409,
    fa: 'این تقویم را {kind:calendar_use} «{name}» به کار می‌برد و حذف‌شدنی نیست؛ نخست آن را به تقویم دیگری ببرید.',
    en: 'This calendar is in use by the {kind:calendar_use} "{name}" and cannot be deleted; move it to another calendar first.',
  },
  'calendar.no_working_time': {
    status: 422,
    fa: 'تقویم باید دست‌کم یک بازهٔ کاری در هفته داشته باشد.',
    en: 'A calendar needs at least one working interval in the week.',
  },
  'calendar.hijri_start_too_far': {
    status: 422,
    fa: 'آغاز اعلام‌شدهٔ ماه قمری بیش از {limit} روز با جدول یا برآورد فاصله دارد.',
    en: 'The announced start of the Hijri month is more than {limit} days from the table or the estimate.',
  },
});

export const CalendarIssues = defineIssueMessages({
  civil_date: { fa: '«{field}» تاریخی معتبر در این تقویم نیست.', en: '"{field}" is not a valid date in its calendar.' },
  time_range: { fa: 'در «{field}» پایان هر بازه باید پس از آغاز آن باشد.', en: 'In "{field}" each interval must end after it starts.' },
  time_zone: { fa: 'منطقهٔ زمانی «{field}» شناخته نیست.', en: 'The time zone in "{field}" is not known.' },
  holiday_date: {
    fa: '«{field}»: تعطیلی یا تاریخی یک‌باره دارد یا ماه و روزی سالانه، نه هر دو و نه هیچ‌کدام.',
    en: '"{field}": a holiday takes either a one-off date or a yearly month and day, not both or neither.',
  },
});

export const CalendarEntities = defineTerms('entity', {
  calendar: { fa: 'تقویم کاری', en: 'Calendar' },
  calendar_holiday: { fa: 'تعطیلی', en: 'Holiday' },
});

/** What may run on a calendar (calendar.in_use names the first). */
export const CalendarUseKinds = defineTerms('calendar_use', {
  sla_policy: { fa: 'توافق‌نامهٔ سطح خدمت', en: 'SLA policy' },
  agent_duty: { fa: 'برنامهٔ کاری کارشناس', en: "agent's working schedule" },
  group_assignment: { fa: 'برنامهٔ کاری گروه', en: "group's working schedule" },
});
