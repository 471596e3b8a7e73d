/**
 * The penalty a contract's terms put on a period's breaches: pure integer arithmetic in BigInt
 * (integer Rials, never floats; ADR 0026). Each breach owes the rates of its tier — the last tier
 * whose `from` is reached by the breach's whole business hours of delay, or by its ordinal in the
 * period — per breach plus per business hour of delay (whole minutes, rounded down to the Rial);
 * the period's total is the sum, held to the cap.
 */

export interface PenaltyTermsN {
  perBreach: bigint;
  perHour: bigint;
  tierBasis: 'delay_hours' | 'breach_count';
  /** Ascending `from`; rates never below the tier before (checkTiers). */
  tiers: readonly { from: number; perBreach: bigint; perHour: bigint }[];
  cap: bigint | null;
}

export interface BreachDelay {
  /** Business minutes between due and met (or now); whole, not negative. */
  delayMinutes: number;
}

export interface PenaltyLineN {
  tier: number | null;
  perBreach: bigint;
  perHour: bigint;
  amount: bigint;
}

export interface PenaltyResult {
  lines: PenaltyLineN[];
  subtotal: bigint;
  total: bigint;
  capped: boolean;
}

/** The rates for a breach: the last tier reached by `key`, else the base rates. */
function ratesFor(terms: PenaltyTermsN, key: number): { tier: number | null; perBreach: bigint; perHour: bigint } {
  let out: { tier: number | null; perBreach: bigint; perHour: bigint } = { tier: null, perBreach: terms.perBreach, perHour: terms.perHour };
  for (const t of terms.tiers) if (key >= t.from) out = { tier: t.from, perBreach: t.perBreach, perHour: t.perHour };
  return out;
}

/** What one breach owes, given its ordinal (1-based) in the period. */
export function breachPenalty(terms: PenaltyTermsN, breach: BreachDelay, ordinal: number): PenaltyLineN {
  const minutes = Math.max(0, Math.floor(breach.delayMinutes));
  const key = terms.tierBasis === 'delay_hours' ? Math.floor(minutes / 60) : ordinal;
  const rates = ratesFor(terms, key);
  return { ...rates, amount: rates.perBreach + (rates.perHour * BigInt(minutes)) / 60n };
}

/** The period's penalty: every breach in order (the ordinal counts them), summed and capped. */
export function periodPenalty(terms: PenaltyTermsN, breaches: readonly BreachDelay[]): PenaltyResult {
  const lines = breaches.map((b, i) => breachPenalty(terms, b, i + 1));
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0n);
  const capped = terms.cap !== null && subtotal > terms.cap;
  return { lines, subtotal, total: capped ? terms.cap! : subtotal, capped };
}

/** The tier rule is shared with the web form (packages/contracts). */
export { firstUnorderedTier } from '@pishkhan/contracts';
