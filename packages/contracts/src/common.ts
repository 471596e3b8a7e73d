import { Type, type Static, type TSchema } from 'typebox';

/** A database id as it travels in the API. */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const IdParams = Type.Object({ id: Id });
/** A UTC instant, ISO-8601. */
export const Instant = Type.String({ format: 'date-time' });
export const Language = Type.Union([Type.Literal('fa'), Type.Literal('en')]);

export const ErrorEnvelope = Type.Object({
  code: Type.String({ description: 'Machine-readable error code, e.g. ticket.invalid_transition' }),
  message: Type.String({ description: "Human message in the caller's language (fa or en)" }),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
};

/** `{ items, nextCursor }`: every list of the API. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** Abilities of the caller on a record, sent so that the UI shows only what will work. */
export const Abilities = Type.Record(Type.String(), Type.Boolean());

/** Optimistic concurrency: the version the client last saw. */
export const Version = Type.Integer({ minimum: 1 });

/** Bounded free text of a short field (names, titles). */
export const ShortText = (max = 200) => Type.String({ minLength: 1, maxLength: max });
/** Bounded long text (descriptions, article bodies). */
export const LongText = (max = 100_000) => Type.String({ maxLength: max });

/**
 * The optional `Idempotency-Key` header of channel-ready writes (POST /tickets, …/replies, …/notes):
 * a repeat with the same key returns the first result and writes nothing.
 */
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });

/**
 * An email address as written, by the one address rule: a practical addr-spec (dot-atom local
 * part; no quotes, brackets, controls or whitespace; a domain of labels, Unicode letters allowed).
 * The pattern is packages/text's EMAIL_ADDRESS_PATTERN (isEmailAddress), kept equal by a server
 * test; addresses are normalised (trimmed, lower-cased) for matching.
 */
export const EmailAddress = Type.String({ minLength: 3, maxLength: 320, pattern: '^[\\s\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]*(?=[^@]{1,64}@)[A-Za-z0-9!#$%&\'*+/=?^_`{|}~\\-\\p{L}\\p{Nd}\\p{M}]+(?:\\.[A-Za-z0-9!#$%&\'*+/=?^_`{|}~\\-\\p{L}\\p{Nd}\\p{M}]+)*@(?:[\\p{L}\\p{Nd}\\p{M}](?:[\\p{L}\\p{Nd}\\p{M}\\-]{0,61}[\\p{L}\\p{Nd}\\p{M}])?\\.)*(?=[\\p{Nd}\\-]*[\\p{L}\\p{M}])[\\p{L}\\p{Nd}\\p{M}](?:[\\p{L}\\p{Nd}\\p{M}\\-]{0,61}[\\p{L}\\p{Nd}\\p{M}])?[\\s\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]*$' });
