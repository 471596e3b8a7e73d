import type { CreateContractBody, PenaltyTerms, UpdateContractBody } from '@pishkhan/contracts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';
import type { Db } from '../../schema.ts';
import { findAgent } from '../people/index.ts';
import { findSlaPolicy } from '../sla/index.ts';
import { checkTicketFilter, ticketFilterFields } from '../tickets/index.ts';
import { isValidIsoDate } from './contract-dates.ts';
import { ContractErrors } from './contracts.errors.ts';
import type { ContractRow, PenaltyTierRow } from './contracts.repository.ts';
import type { ContractTables } from './contracts.tables.ts';
import { firstUnorderedTier } from './penalties.ts';

export const NO_PENALTIES: PenaltyTerms = { perBreach: '0', perHour: '0', tierBasis: 'delay_hours', tiers: [], cap: null, capPeriod: 'jalali_month' };

type Columns = Partial<Omit<ContractTables['contracts'], 'id' | 'version' | 'created_at' | 'updated_at' | 'organization_id'>>;

/** The terms as stored (amounts ≤ 10^15 Rials are exact in a JS number and a 64-bit column). */
export function termsOf(row: ContractRow, tiers: readonly PenaltyTierRow[]): PenaltyTerms {
  return {
    perBreach: String(row.penalty_per_breach),
    perHour: String(row.penalty_per_hour),
    tierBasis: row.penalty_tier_basis as PenaltyTerms['tierBasis'],
    tiers: tiers.map((t) => ({ from: t.from_value, perBreach: String(t.per_breach), perHour: String(t.per_hour) })),
    cap: row.penalty_cap === null ? null : String(row.penalty_cap),
    capPeriod: row.penalty_cap_period as PenaltyTerms['capPeriod'],
  };
}

async function checkPolicy(db: Db, id: number, field: string): Promise<void> {
  if (!(await findSlaPolicy(db, id))) throw new DomainError(CommonErrors['record.invalid_reference'], { field });
}

/**
 * The columns, rules and tiers a create or edit sets, checked: real dates in order (422), the
 * policies and the account manager exist (422), rule filters in the tickets' filter language (400),
 * tiers that keep the penalty monotonic (422). `current` is the row an edit starts from.
 */
export async function contractColumns(
  db: Db,
  body: Partial<Omit<CreateContractBody, 'organizationId'>> | Omit<UpdateContractBody, 'version'>,
  current: { starts_on: string; ends_on: string; terms: PenaltyTerms } | undefined,
): Promise<{ set: Columns; rules?: { filter: string; policy_id: number }[]; tiers?: { from_value: number; per_breach: number; per_hour: number }[] }> {
  const set: Columns = {};
  if (body.name !== undefined) set.name = body.name;
  for (const field of ['startsOn', 'endsOn'] as const) {
    const v = body[field];
    if (v !== undefined && !isValidIsoDate(v)) throw invalidInput(field, 'format', { format: 'date' });
  }
  if (body.startsOn !== undefined) set.starts_on = body.startsOn;
  if (body.endsOn !== undefined) set.ends_on = body.endsOn;
  const starts = set.starts_on ?? current?.starts_on;
  const ends = set.ends_on ?? current?.ends_on;
  if (starts !== undefined && ends !== undefined && ends < starts) throw new DomainError(ContractErrors['contract.period_invalid']);
  if (body.policyId !== undefined) {
    await checkPolicy(db, body.policyId, 'policyId');
    set.policy_id = body.policyId;
  }
  if (body.accountManagerId !== undefined) {
    if (body.accountManagerId !== null && !(await findAgent(db, body.accountManagerId))) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'accountManagerId' });
    set.account_manager_id = body.accountManagerId;
  }
  let rules: { filter: string; policy_id: number }[] | undefined;
  if (body.rules !== undefined) {
    rules = [];
    for (const [i, r] of body.rules.entries()) {
      await checkPolicy(db, r.policyId, `rules/${i}/policyId`);
      rules.push({ filter: JSON.stringify(checkTicketFilter(r.filter, ticketFilterFields, `rules/${i}/filter`)), policy_id: r.policyId });
    }
  }
  let tiers: { from_value: number; per_breach: number; per_hour: number }[] | undefined;
  if (body.penalties !== undefined) {
    const terms: PenaltyTerms = { ...(current?.terms ?? NO_PENALTIES), ...body.penalties };
    const at = firstUnorderedTier({ perBreach: BigInt(terms.perBreach), perHour: BigInt(terms.perHour), tiers: terms.tiers.map((t) => ({ from: t.from, perBreach: BigInt(t.perBreach), perHour: BigInt(t.perHour) })) });
    if (at >= 0) throw new DomainError(ContractErrors['contract.tiers_unordered'], { index: at + 1 });
    set.penalty_per_breach = Number(terms.perBreach);
    set.penalty_per_hour = Number(terms.perHour);
    set.penalty_tier_basis = terms.tierBasis;
    set.penalty_cap = terms.cap === null ? null : Number(terms.cap);
    set.penalty_cap_period = terms.capPeriod;
    tiers = terms.tiers.map((t) => ({ from_value: t.from, per_breach: Number(t.perBreach), per_hour: Number(t.perHour) }));
  }
  return { set, ...(rules ? { rules } : {}), ...(tiers ? { tiers } : {}) };
}
