import { Type, type Static } from 'typebox';
import { Abilities, Id, Instant, ShortText, Version } from './common.ts';

/** Wall-clock `HH:MM`, 00:00–24:00, read in the calendar's zone. */
export const WallTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
/** A working interval `[start, end)` of one day. */
export const TimeRangeSchema = Type.Tuple([WallTime, WallTime]);
const Ranges = Type.Array(TimeRangeSchema, { maxItems: 12 });

export const CalendarSystemSchema = Type.Union([Type.Literal('jalali'), Type.Literal('gregorian')]);
export type CalendarSystemName = Static<typeof CalendarSystemSchema>;

/** A date as entered or shown: Jalali or Gregorian. */
export const CivilDateSchema = Type.Object({
  calendar: CalendarSystemSchema,
  year: Type.Integer({ minimum: 1, maximum: 3000 }),
  month: Type.Integer({ minimum: 1, maximum: 12 }),
  day: Type.Integer({ minimum: 1, maximum: 31 }),
});
export type CivilDateValue = Static<typeof CivilDateSchema>;

/** Working intervals per weekday (Saturday first); a missing or empty weekday is a day off. */
export const WeekHours = Type.Object({
  sat: Type.Optional(Ranges),
  sun: Type.Optional(Ranges),
  mon: Type.Optional(Ranges),
  tue: Type.Optional(Ranges),
  wed: Type.Optional(Ranges),
  thu: Type.Optional(Ranges),
  fri: Type.Optional(Ranges),
});
export type WeekHours = Static<typeof WeekHours>;

/** Hours for one date that differ from the week: `hours` replace them (a shift), `breaks` are cut out. */
export const DateHoursSchema = Type.Object({
  date: CivilDateSchema,
  hours: Type.Optional(Ranges),
  breaks: Type.Optional(Ranges),
});

const Names = Type.Object({ fa: ShortText(200), en: ShortText(200) });
const TimeZone = Type.String({ minLength: 1, maxLength: 64 });

export const HolidayKind = Type.Union([Type.Literal('official'), Type.Literal('closure'), Type.Literal('custom')]);
export type HolidayKind = Static<typeof HolidayKind>;

/** A day off stored on a calendar: once on a date, or every year on a Jalali month and day. */
export const CalendarHoliday = Type.Object({
  id: Id,
  kind: HolidayKind,
  /** One-off: the date (in the calendar's display system). Yearly: null. */
  date: Type.Union([CivilDateSchema, Type.Null()]),
  /** Yearly on this Jalali month and day; null for one-off. */
  yearly: Type.Union([Type.Object({ month: Type.Integer(), day: Type.Integer() }), Type.Null()]),
  /** A closure of some hours only (else the whole day). */
  hours: Type.Union([Ranges, Type.Null()]),
  name: Names,
  /** Where a closure applies (a province): a note for people, not a rule. */
  region: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type CalendarHoliday = Static<typeof CalendarHoliday>;

export const Calendar = Type.Object({
  id: Id,
  name: Type.String(),
  timeZone: Type.String(),
  week: WeekHours,
  dateHours: Type.Array(DateHoursSchema),
  displayCalendar: CalendarSystemSchema,
  /** Iran's official holidays apply, generated from the rules for every year. */
  officialHolidays: Type.Boolean(),
  /** 'tehran' and '24x7' are the built-in calendars; they cannot be deleted. */
  builtIn: Type.Union([Type.Literal('tehran'), Type.Literal('24x7'), Type.Null()]),
  holidays: Type.Array(CalendarHoliday),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});
export type Calendar = Static<typeof Calendar>;

export const CalendarSummary = Type.Omit(Calendar, ['holidays', 'week', 'dateHours']);
export const CalendarList = Type.Object({ items: Type.Array(CalendarSummary) });

export const CreateCalendarBody = Type.Object({
  name: ShortText(200),
  timeZone: Type.Optional(TimeZone),
  week: Type.Optional(WeekHours),
  dateHours: Type.Optional(Type.Array(DateHoursSchema, { maxItems: 1000 })),
  displayCalendar: Type.Optional(CalendarSystemSchema),
  officialHolidays: Type.Optional(Type.Boolean()),
});
export type CreateCalendarBody = Static<typeof CreateCalendarBody>;

export const UpdateCalendarBody = Type.Object({
  version: Version,
  name: Type.Optional(ShortText(200)),
  timeZone: Type.Optional(TimeZone),
  week: Type.Optional(WeekHours),
  dateHours: Type.Optional(Type.Array(DateHoursSchema, { maxItems: 1000 })),
  displayCalendar: Type.Optional(CalendarSystemSchema),
  officialHolidays: Type.Optional(Type.Boolean()),
});
export type UpdateCalendarBody = Static<typeof UpdateCalendarBody>;

/** A holiday the admin adds: one-off on a date, or yearly on a Jalali month/day. */
export const AddHolidayBody = Type.Object({
  version: Version,
  kind: Type.Optional(Type.Union([Type.Literal('official'), Type.Literal('custom')])),
  date: Type.Optional(CivilDateSchema),
  yearly: Type.Optional(Type.Object({ month: Type.Integer({ minimum: 1, maximum: 12 }), day: Type.Integer({ minimum: 1, maximum: 31 }) })),
  name: Names,
});
export type AddHolidayBody = Static<typeof AddHolidayBody>;

export const RemoveHolidayQuery = Type.Object({ version: Version });
export const HolidayParams = Type.Object({ id: Id, holidayId: Id });

/** An unplanned closure (snow, pollution), often for one province and announced the evening before. */
export const AddClosureBody = Type.Object({
  version: Version,
  date: CivilDateSchema,
  /** Closed hours only (e.g. ['08:00','10:00']); absent: the whole day. */
  hours: Type.Optional(Ranges),
  region: Type.Optional(ShortText(200)),
  name: Type.Optional(Names),
});
export type AddClosureBody = Static<typeof AddClosureBody>;

/** "Hijri month M of year Y starts on <date>", as announced: moves the official holidays of that month. */
export const ConfirmHijriMonthBody = Type.Object({
  hijriYear: Type.Integer({ minimum: 1300, maximum: 1600 }),
  hijriMonth: Type.Integer({ minimum: 1, maximum: 12 }),
  startsOn: CivilDateSchema,
});
export type ConfirmHijriMonthBody = Static<typeof ConfirmHijriMonthBody>;

export const HijriConfirmation = Type.Object({
  hijriYear: Type.Integer(),
  hijriMonth: Type.Integer(),
  startsOn: Type.Object({ jalali: CivilDateSchema, gregorian: CivilDateSchema }),
  /** Where the table or the estimate had it before. */
  previously: Type.Object({ jalali: CivilDateSchema, gregorian: CivilDateSchema }),
  /** Ids of the calendars whose holidays moved (those that follow the official holidays). */
  calendarIds: Type.Array(Id),
  confirmedAt: Instant,
});
export type HijriConfirmation = Static<typeof HijriConfirmation>;
export const HijriConfirmationList = Type.Object({ items: Type.Array(HijriConfirmation) });

export const MonthQuery = Type.Object({
  calendar: Type.Optional(CalendarSystemSchema),
  year: Type.Integer({ minimum: 1, maximum: 3000 }),
  month: Type.Integer({ minimum: 1, maximum: 12 }),
});

/** One day of the month view: the web picker's data. */
export const CalendarDay = Type.Object({
  jalali: CivilDateSchema,
  gregorian: CivilDateSchema,
  weekday: Type.String(),
  inMonth: Type.Boolean(),
  /** Working intervals that day, wall clock in the calendar's zone; empty on a day off. */
  working: Ranges,
  holidays: Type.Array(Type.Object({ name: Names, kind: HolidayKind, estimated: Type.Boolean(), region: Type.Union([Type.String(), Type.Null()]) })),
  /** A holiday that day rests on an estimated Hijri month start. */
  estimated: Type.Boolean(),
});
export const CalendarMonth = Type.Object({
  calendarId: Id,
  version: Version,
  calendar: CalendarSystemSchema,
  year: Type.Integer(),
  month: Type.Integer(),
  weeks: Type.Array(Type.Array(CalendarDay)),
});
export type CalendarMonth = Static<typeof CalendarMonth>;

export const CalendarHistoryEntry = Type.Object({
  id: Id,
  version: Version,
  action: Type.String(),
  actorUserId: Type.Union([Id, Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Instant,
});
export const CalendarHistoryList = Type.Object({ items: Type.Array(CalendarHistoryEntry) });
