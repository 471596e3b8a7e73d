import { defineErrors, defineTerms } from '../../platform/http/errors.ts';
import { defineIssueMessages } from '../../platform/http/input-issues.ts';

export const CalendarErrors = defineErrors({
  'calendar.built_in': {
    status: 422,
    fa: 'تقویم‌های پیش‌فرض سامانه حذف‌شدنی نیستند؛ می‌توانید ساعت‌هایشان را ویرایش کنید.',
    en: 'The built-in calendars cannot be deleted; their hours can be edited.',
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
