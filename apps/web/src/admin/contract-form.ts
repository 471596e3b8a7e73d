import type { Contract, CreateContractBody, PenaltyTerms, TicketFilter, UpdateContractBody } from '@pishkhan/contracts';
import { firstUnorderedTier } from '@pishkhan/contracts';
import { civilDateOf, epochDayOf, isoDateOf, parseIsoDate } from '@pishkhan/calendar';
import { locale, type DisplayPrefs } from '../shared/format.ts';
import { conditionsOfFilter, filterOfConditions, type ConditionDraft } from './sla-form.ts';

/**
 * The contract form's logic, pure (contract-form.test.ts): amounts typed in any digits with
 * separators, the tiers' order checked before a submit (as the server checks it, 422
 * `contract.tiers_unordered`), the request bodies, and a contract's status on a given day.
 */

/** The most an entered amount may be (packages/contracts `Rials`, ADR 0026). */
const MAX_RIALS = 10n ** 15n;
const MAX_TIER_FROM = 1_000_000;

/** Persian (U+06F0…) and Arabic-Indic (U+0660…) digits as Latin ones. */
function latinDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/**
 * An amount of Rials as typed ("۱٬۲۵۰٬۰۰۰", "1,250,000", "١٢٥٠ ٠٠٠") → its decimal string ("1250000");
 * blank → ''; null when it is not a whole number of Rials up to 10^15.
 */
export function parseRials(text: string): string | null {
  const compact = latinDigits(text).replace(/[\s,\u066c\u060c\u2009\u202f'_]/g, '');
  if (compact === '') return '';
  if (!/^[0-9]+$/.test(compact)) return null;
  const value = BigInt(compact);
  return value > MAX_RIALS ? null : value.toString();
}

/** Rials grouped in thousands in the user's digits (۱٬۲۵۰٬۰۰۰ / 1,250,000); exact past 2^53. */
export function formatRials(value: string, prefs: DisplayPrefs): string {
  return new Intl.NumberFormat(locale(prefs), { useGrouping: true }).format(BigInt(value));
}

/** A whole number typed in any digits (a tier's start); null when it is not one. */
export function parseWhole(text: string): number | null {
  const compact = latinDigits(text).replace(/[\s,\u066c]/g, '');
  return /^[0-9]{1,7}$/.test(compact) ? Number(compact) : null;
}

export type TierDraft = { from: string; perBreach: string; perHour: string };
/** A rule as edited: the simple conditions, or (a filter the editor cannot show) the stored filter kept as is. */
export type RuleDraft = { conditions: ConditionDraft[] | null; filter: TicketFilter; policyId: string | null };

export type ContractDraft = {
  organizationId: string | null;
  name: string;
  /** Epoch days, both ends included. */
  period: { from: number; to: number } | null;
  policyId: string | null;
  /** null: none (on create: the organisation's own account manager). */
  accountManagerId: string | null;
  rules: RuleDraft[];
  perBreach: string;
  perHour: string;
  tierBasis: PenaltyTerms['tierBasis'];
  tiers: TierDraft[];
  /** Blank: no cap. */
  cap: string;
  capPeriod: PenaltyTerms['capPeriod'];
};

const dayOfIso = (iso: string) => epochDayOf(parseIsoDate(iso));

export function contractDraftOf(contract: Contract | null, organizationId: string | null = null): ContractDraft {
  const terms = contract?.penalties;
  return {
    organizationId: contract ? String(contract.organizationId) : organizationId,
    name: contract?.name ?? '',
    period: contract ? { from: dayOfIso(contract.startsOn), to: dayOfIso(contract.endsOn) } : null,
    policyId: contract ? String(contract.policyId) : null,
    accountManagerId: contract?.accountManagerId ? String(contract.accountManagerId) : null,
    rules: (contract?.rules ?? []).map((r) => ({ conditions: conditionsOfFilter(r.filter), filter: r.filter, policyId: String(r.policyId) })),
    perBreach: terms ? terms.perBreach : '',
    perHour: terms ? terms.perHour : '',
    tierBasis: terms?.tierBasis ?? 'delay_hours',
    tiers: (terms?.tiers ?? []).map((t) => ({ from: String(t.from), perBreach: t.perBreach, perHour: t.perHour })),
    cap: terms?.cap ?? '',
    capPeriod: terms?.capPeriod ?? 'jalali_month',
  };
}

/** Why a draft cannot be sent yet; `field` names the amount that is not one, `index` the tier (1-based). */
export type DraftProblem =
  | { problem: 'required'; field: 'organization' | 'name' | 'period' | 'policy' | 'rulePolicy' }
  | { problem: 'amountInvalid'; field: 'perBreach' | 'perHour' | 'cap' | 'tierPerBreach' | 'tierPerHour'; index?: number }
  | { problem: 'tierFromInvalid'; index: number }
  | { problem: 'tiersUnordered'; index: number };

/** The server's tier rule, shared (packages/contracts): the form says so before sending. */
export { firstUnorderedTier };

/** The penalty terms of a draft, checked; a blank rate is 0 and a blank cap no cap. */
export function termsOfDraft(draft: ContractDraft): { terms: PenaltyTerms } | DraftProblem {
  const perBreach = parseRials(draft.perBreach);
  if (perBreach === null) return { problem: 'amountInvalid', field: 'perBreach' };
  const perHour = parseRials(draft.perHour);
  if (perHour === null) return { problem: 'amountInvalid', field: 'perHour' };
  const cap = parseRials(draft.cap);
  if (cap === null) return { problem: 'amountInvalid', field: 'cap' };
  const tiers: PenaltyTerms['tiers'] = [];
  for (const [i, t] of draft.tiers.entries()) {
    const from = parseWhole(t.from);
    if (from === null || from < 1 || from > MAX_TIER_FROM) return { problem: 'tierFromInvalid', index: i + 1 };
    const tierBreach = parseRials(t.perBreach);
    if (tierBreach === null) return { problem: 'amountInvalid', field: 'tierPerBreach', index: i + 1 };
    const tierHour = parseRials(t.perHour);
    if (tierHour === null) return { problem: 'amountInvalid', field: 'tierPerHour', index: i + 1 };
    tiers.push({ from, perBreach: tierBreach || '0', perHour: tierHour || '0' });
  }
  const terms: PenaltyTerms = { perBreach: perBreach || '0', perHour: perHour || '0', tierBasis: draft.tierBasis, tiers, cap: cap === '' ? null : cap, capPeriod: draft.capPeriod };
  const at = firstUnorderedTier({ perBreach: BigInt(terms.perBreach), perHour: BigInt(terms.perHour), tiers: tiers.map((t) => ({ from: t.from, perBreach: BigInt(t.perBreach), perHour: BigInt(t.perHour) })) });
  return at >= 0 ? { problem: 'tiersUnordered', index: at + 1 } : { terms };
}

type Common = Omit<CreateContractBody, 'organizationId' | 'accountManagerId'>;

function commonOf(draft: ContractDraft): { body: Common } | DraftProblem {
  if (draft.name.trim() === '') return { problem: 'required', field: 'name' };
  if (!draft.period) return { problem: 'required', field: 'period' };
  if (!draft.policyId) return { problem: 'required', field: 'policy' };
  if (draft.rules.some((r) => !r.policyId)) return { problem: 'required', field: 'rulePolicy' };
  const terms = termsOfDraft(draft);
  if ('problem' in terms) return terms;
  return {
    body: {
      name: draft.name.trim(),
      startsOn: isoDateOf(draft.period.from),
      endsOn: isoDateOf(draft.period.to),
      policyId: Number(draft.policyId),
      rules: draft.rules.map((r) => ({ filter: r.conditions ? filterOfConditions(r.conditions) : r.filter, policyId: Number(r.policyId) })),
      penalties: terms.terms,
    },
  };
}

/** POST /admin/contracts: no account manager chosen leaves it to the organisation's. */
export function createBodyOf(draft: ContractDraft): { body: CreateContractBody } | DraftProblem {
  if (!draft.organizationId) return { problem: 'required', field: 'organization' };
  const common = commonOf(draft);
  if ('problem' in common) return common;
  return { body: { organizationId: Number(draft.organizationId), ...common.body, ...(draft.accountManagerId ? { accountManagerId: Number(draft.accountManagerId) } : {}) } };
}

/** PATCH /admin/contracts/:id at the version read: every field (rules replaced in order); no account manager is none. */
export function updateBodyOf(draft: ContractDraft, version: number): { body: UpdateContractBody } | DraftProblem {
  const common = commonOf(draft);
  if ('problem' in common) return common;
  return { body: { version, ...common.body, accountManagerId: draft.accountManagerId ? Number(draft.accountManagerId) : null } };
}

export type ContractStatus = 'active' | 'upcoming' | 'expired';

/** Where `today` (ISO, in Tehran) falls against the contract's period. */
export function contractStatus(contract: Pick<Contract, 'startsOn' | 'endsOn'>, today: string): ContractStatus {
  if (today < contract.startsOn) return 'upcoming';
  return today > contract.endsOn ? 'expired' : 'active';
}

/** The Jalali month `YYYY-MM` that holds an epoch day (the penalty report's period). */
export function jalaliMonthOf(epochDay: number): string {
  const d = civilDateOf(epochDay, 'jalali');
  return `${d.year}-${String(d.month).padStart(2, '0')}`;
}

/** Moves a rule one place up (-1) or down (+1) in the draft's order. */
export function moveItem<T>(items: T[], index: number, delta: -1 | 1): T[] {
  const j = index + delta;
  if (j < 0 || j >= items.length) return items;
  const out = [...items];
  [out[index], out[j]] = [out[j]!, out[index]!];
  return out;
}
