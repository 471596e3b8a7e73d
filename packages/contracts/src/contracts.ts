import { Type, type Static } from 'typebox';
import { Abilities, Id, Instant, ShortText, Version } from './common.ts';
import { TicketFilter } from './filters.ts';

/**
 * An amount of money: integer Rials as a decimal string (ADR 0026). Stored in 64-bit columns;
 * strings in JSON because totals may pass 2^53. An entered amount is at most 10^15 Rials.
 */
export const Rials = Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', maxLength: 16 });
/** A Gregorian calendar date, ISO `YYYY-MM-DD` (the day in the desk's zone, Asia/Tehran). */
export const IsoDate = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
const JalaliDate = Type.Object({ year: Type.Integer(), month: Type.Integer(), day: Type.Integer() });

/** A contract rule: tickets of the organisation matching `filter` get `policyId`; first in order wins. */
export const ContractRule = Type.Object({ filter: TicketFilter, policyId: Id });
export type ContractRule = Static<typeof ContractRule>;

/** One tier: from `from` (business hours of delay, or the breach's ordinal in the period) the rates are these. */
export const PenaltyTier = Type.Object({ from: Type.Integer({ minimum: 1, maximum: 1_000_000 }), perBreach: Rials, perHour: Rials });
export type PenaltyTier = Static<typeof PenaltyTier>;

/** The penalty terms: per breach and/or per business hour of delay, tiered, capped per period. */
export const PenaltyTerms = Type.Object({
  perBreach: Rials,
  perHour: Rials,
  /** What a tier's `from` counts: whole business hours of the breach's delay, or the breach's ordinal in the period. */
  tierBasis: Type.Union([Type.Literal('delay_hours'), Type.Literal('breach_count')]),
  /** Ascending `from`, rates never lower than the tier (or base) before. */
  tiers: Type.Array(PenaltyTier, { maxItems: 20 }),
  /** The most owed per period; null: no cap. */
  cap: Type.Union([Rials, Type.Null()]),
  /** The period of the cap and of breach ordinals: a Jalali month (default) or the contract's whole period. */
  capPeriod: Type.Union([Type.Literal('jalali_month'), Type.Literal('contract')]),
});
export type PenaltyTerms = Static<typeof PenaltyTerms>;

export const Contract = Type.Object({
  id: Id,
  organizationId: Id,
  name: Type.String(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  startsOnJalali: JalaliDate,
  endsOnJalali: JalaliDate,
  /** Today (in Tehran) is within the period. */
  active: Type.Boolean(),
  policyId: Id,
  accountManagerId: Type.Union([Id, Type.Null()]),
  rules: Type.Array(ContractRule),
  penalties: PenaltyTerms,
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});
export type Contract = Static<typeof Contract>;
export const ContractList = Type.Object({ items: Type.Array(Contract) });

const PenaltyTermsBody = Type.Partial(PenaltyTerms, { additionalProperties: false });

export const CreateContractBody = Type.Object(
  {
    organizationId: Id,
    name: ShortText(200),
    startsOn: IsoDate,
    endsOn: IsoDate,
    policyId: Id,
    /** Absent: the organisation's account manager. */
    accountManagerId: Type.Optional(Type.Union([Id, Type.Null()])),
    rules: Type.Optional(Type.Array(ContractRule, { maxItems: 50 })),
    penalties: Type.Optional(PenaltyTermsBody),
  },
  { additionalProperties: false },
);
export type CreateContractBody = Static<typeof CreateContractBody>;

export const UpdateContractBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(ShortText(200)),
    startsOn: Type.Optional(IsoDate),
    endsOn: Type.Optional(IsoDate),
    policyId: Type.Optional(Id),
    accountManagerId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** Replaces the rules, in this order. */
    rules: Type.Optional(Type.Array(ContractRule, { maxItems: 50 })),
    penalties: Type.Optional(PenaltyTermsBody),
  },
  { additionalProperties: false },
);
export type UpdateContractBody = Static<typeof UpdateContractBody>;

export const ContractListQuery = Type.Object({ organizationId: Type.Optional(Id) });
export const ContractDeleteQuery = Type.Object({ version: Version });
/** A Jalali month `YYYY-MM` (default: the current one in Tehran). Ignored when the cap period is the contract. */
export const PenaltyQuery = Type.Object({ period: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })) });

export const PenaltyLine = Type.Object({
  ticketId: Id,
  target: Type.Union([Type.Literal('first_response'), Type.Literal('next_response'), Type.Literal('resolution')]),
  dueAt: Instant,
  /** When it was met; null: still running (the delay runs to now). */
  metAt: Type.Union([Instant, Type.Null()]),
  /** Business minutes between due and met (or now) in the ticket's policy's calendar. */
  delayMinutes: Type.Integer({ minimum: 0 }),
  /** The tier's `from`; null: the base rates. */
  tier: Type.Union([Type.Integer(), Type.Null()]),
  perBreach: Rials,
  perHour: Rials,
  amount: Rials,
});
export const PenaltyReport = Type.Object({
  contractId: Id,
  /** `YYYY-MM` (Jalali) or `contract`. */
  period: Type.String(),
  from: Instant,
  to: Instant,
  breaches: Type.Integer({ minimum: 0 }),
  lines: Type.Array(PenaltyLine),
  /** Sum of the lines before the cap. */
  subtotal: Type.String(),
  cap: Type.Union([Type.String(), Type.Null()]),
  capped: Type.Boolean(),
  /** What is owed for the period: min(subtotal, cap). */
  total: Type.String(),
});
export type PenaltyReport = Static<typeof PenaltyReport>;

/** Penalty rates as integers (BigInt Rials), for the tier rule both the server and the web app apply. */
export interface PenaltyRates {
  perBreach: bigint;
  perHour: bigint;
  tiers: ReadonlyArray<{ from: number; perBreach: bigint; perHour: bigint }>;
}

/**
 * Tiers that keep the penalty monotonic: `from` strictly ascending and each tier's rates at least
 * those of the tier (or the base rates) before it. Returns the index of the first offending tier, or
 * -1. The server refuses such terms (422 contract.tiers_unordered); the web form says so before sending.
 */
export function firstUnorderedTier(terms: PenaltyRates): number {
  let prev = { from: 0, perBreach: terms.perBreach, perHour: terms.perHour };
  for (const [i, t] of terms.tiers.entries()) {
    if (t.from <= prev.from || t.perBreach < prev.perBreach || t.perHour < prev.perHour) return i;
    prev = t;
  }
  return -1;
}
