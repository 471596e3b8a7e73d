import { Type, type Static } from 'typebox';
import { Id, Instant, Language, Version } from './common.ts';
import { TicketFilter } from './filters.ts';
import { TICKET_SORTS } from './tickets.ts';

/** A user's own display preferences (GET/PUT /me/preferences); defaults until first saved. */
export const CalendarPreference = Type.Union([Type.Literal('jalali'), Type.Literal('gregorian')]);
export const DigitsPreference = Type.Union([Type.Literal('persian'), Type.Literal('latin')]);
export const ThemePreference = Type.Union([Type.Literal('light'), Type.Literal('dark')]);
/** An IANA zone name (checked by the server against Intl's zones). */
export const TimeZoneName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+\\-]+)*$' });

export const Preferences = Type.Object({
  language: Language,
  calendar: CalendarPreference,
  digits: DigitsPreference,
  timeZone: TimeZoneName,
  theme: ThemePreference,
  /** 0 until first saved; send it back with PUT (409 record.stale when another save came first). */
  version: Type.Integer({ minimum: 0 }),
});
export type Preferences = Static<typeof Preferences>;

export const PreferencesBody = Type.Object(
  {
    language: Type.Optional(Language),
    calendar: Type.Optional(CalendarPreference),
    digits: Type.Optional(DigitsPreference),
    timeZone: Type.Optional(TimeZoneName),
    theme: Type.Optional(ThemePreference),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type PreferencesBody = Static<typeof PreferencesBody>;

const ViewName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

/** A saved filtered view of the ticket list: the user's own, never shared. */
export const SavedView = Type.Object({
  id: Id,
  name: Type.String(),
  filter: TicketFilter,
  sort: Type.Union([Type.Enum(TICKET_SORTS), Type.Null()]),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
});
export type SavedView = Static<typeof SavedView>;

export const SavedViewList = Type.Object({ items: Type.Array(SavedView) });

export const CreateSavedViewBody = Type.Object(
  { name: ViewName, filter: TicketFilter, sort: Type.Optional(Type.Union([Type.Enum(TICKET_SORTS), Type.Null()])) },
  { additionalProperties: false },
);
export type CreateSavedViewBody = Static<typeof CreateSavedViewBody>;

export const UpdateSavedViewBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(ViewName),
    filter: Type.Optional(TicketFilter),
    sort: Type.Optional(Type.Union([Type.Enum(TICKET_SORTS), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateSavedViewBody = Static<typeof UpdateSavedViewBody>;
