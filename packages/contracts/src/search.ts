import { Type, type Static } from 'typebox';
import { Id, Instant } from './common.ts';

/** The kinds of record a search finds. */
export const SEARCH_TYPES = ['ticket', 'contact', 'organization'] as const;
export const SearchType = Type.Union([Type.Literal('ticket'), Type.Literal('contact'), Type.Literal('organization')]);
export type SearchType = Static<typeof SearchType>;

/** GET /api/v1/search: the query language in `q`, and filters AND-ed with it. */
export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 500 }),
    /** Comma list of kinds (ticket, contact, organization); default all the caller may search. */
    type: Type.Optional(Type.String({ maxLength: 60, pattern: '^(ticket|contact|organization)(,(ticket|contact|organization))*$' })),
    /** Ticket statuses, comma list. */
    status: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    /** The tickets' assignee group. */
    groupId: Type.Optional(Id),
    /** Tickets created from / before these instants. */
    createdFrom: Type.Optional(Instant),
    createdTo: Type.Optional(Instant),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/**
 * A snippet of a record's text as it was written, with the ranges (UTF-16 offsets into `text`,
 * end exclusive) of the words the query matched. Plain text: the client marks the ranges itself.
 */
export const Snippet = Type.Object({
  /** Which text it is taken from: title, body (public text), internal (a note: agents only), meta (identifiers). */
  field: Type.Union([Type.Literal('title'), Type.Literal('body'), Type.Literal('internal'), Type.Literal('meta')]),
  text: Type.String(),
  highlights: Type.Array(Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })])),
});
export type Snippet = Static<typeof Snippet>;

export const SearchHit = Type.Object({
  type: SearchType,
  id: Id,
  /** The ticket's title, the contact's or organisation's name, as written. */
  title: Type.String(),
  titleHighlights: Type.Array(Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })])),
  /** Tickets: the number people see, and the status. */
  number: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(Type.String()),
  snippet: Type.Union([Snippet, Type.Null()]),
  /** The engine's rank: higher is better (comparable within one type). */
  score: Type.Number(),
  updatedAt: Instant,
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchPage = Type.Object({
  items: Type.Array(SearchHit),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type SearchPage = Static<typeof SearchPage>;

export const SimilarTicketsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) }, { additionalProperties: false });

export const SimilarTicket = Type.Object({
  id: Id,
  number: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  status: Type.String(),
  score: Type.Number(),
  createdAt: Instant,
});
export const SimilarTicketsPage = Type.Object({ items: Type.Array(SimilarTicket) });
export type SimilarTicketsPage = Static<typeof SimilarTicketsPage>;

/** GET /api/v1/search/rebuild: the progress of the latest index rebuild (admins). */
export const SearchRebuild = Type.Object({
  id: Id,
  status: Type.Union([Type.Literal('running'), Type.Literal('done')]),
  total: Type.Integer({ minimum: 0 }),
  done: Type.Integer({ minimum: 0 }),
  startedAt: Instant,
  finishedAt: Type.Union([Instant, Type.Null()]),
});
export type SearchRebuild = Static<typeof SearchRebuild>;
