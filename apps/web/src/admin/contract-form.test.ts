import { describe, expect, it } from 'vitest';
import { epochDayOf } from '@pishkhan/calendar';
import type { Contract } from '@pishkhan/contracts';
import { DEFAULT_PREFS } from '../shared/format.ts';
import {
  contractDraftOf, contractStatus, createBodyOf, formatRials, jalaliMonthOf, moveItem, parseRials, parseWhole, termsOfDraft, updateBodyOf, type ContractDraft,
} from './contract-form.ts';

const day = (year: number, month: number, d: number) => epochDayOf({ calendar: 'jalali', year, month, day: d });

function draft(over: Partial<ContractDraft> = {}): ContractDraft {
  return {
    ...contractDraftOf(null, '7'),
    name: ' پشتیبانی سالانه ',
    period: { from: day(1405, 1, 1), to: day(1405, 12, 29) },
    policyId: '3',
    perBreach: '۵۰۰٬۰۰۰',
    perHour: '100,000',
    ...over,
  };
}

describe('contract form: amounts', () => {
  it('reads Persian, Arabic and Latin digits with thousands separators as a decimal string', () => {
    expect(parseRials('۱٬۲۵۰٬۰۰۰')).toBe('1250000');
    expect(parseRials('١٬٢٥٠٬٠٠٠')).toBe('1250000');
    expect(parseRials(' 1,250,000 ')).toBe('1250000');
    expect(parseRials('1 250 000')).toBe('1250000');
    expect(parseRials('007')).toBe('7');
    expect(parseRials('')).toBe('');
    expect(parseRials('1000000000000000')).toBe('1000000000000000');
  });

  it('refuses what is not a whole number of Rials up to 10^15', () => {
    for (const bad of ['12.5', '-3', 'abc', '۱۲a', '1000000000000001']) expect(parseRials(bad), bad).toBeNull();
    expect(parseWhole('۲۴')).toBe(24);
    expect(parseWhole('2.5')).toBeNull();
  });

  it('shows amounts grouped, in Persian digits in fa, exactly past 2^53', () => {
    expect(formatRials('1250000', DEFAULT_PREFS)).toBe('۱٬۲۵۰٬۰۰۰');
    expect(formatRials('1250000', { ...DEFAULT_PREFS, language: 'en', digits: 'latin' })).toBe('1,250,000');
    expect(formatRials('9007199254740993', { ...DEFAULT_PREFS, language: 'en', digits: 'latin' })).toBe('9,007,199,254,740,993');
  });
});

describe('contract form: tiers', () => {
  it('accepts ascending tiers that never charge less', () => {
    const result = termsOfDraft(draft({ tiers: [{ from: '۴', perBreach: '500000', perHour: '200000' }, { from: '24', perBreach: '1000000', perHour: '' }] }));
    expect(result).toEqual({ problem: 'tiersUnordered', index: 2 }); // a blank rate is 0, below the tier before
    const ok = termsOfDraft(draft({ tiers: [{ from: '۴', perBreach: '500000', perHour: '200000' }, { from: '24', perBreach: '1000000', perHour: '200000' }], cap: '' }));
    expect(ok).toEqual({ terms: { perBreach: '500000', perHour: '100000', tierBasis: 'delay_hours', tiers: [{ from: 4, perBreach: '500000', perHour: '200000' }, { from: 24, perBreach: '1000000', perHour: '200000' }], cap: null, capPeriod: 'jalali_month' } });
  });

  it('names the first tier out of order: a start not after the one before, or a rate below it or below the base', () => {
    const tier = (from: string, perBreach = '500000', perHour = '100000') => ({ from, perBreach, perHour });
    expect(termsOfDraft(draft({ tiers: [tier('24'), tier('4')] }))).toEqual({ problem: 'tiersUnordered', index: 2 });
    expect(termsOfDraft(draft({ tiers: [tier('4'), tier('4')] }))).toEqual({ problem: 'tiersUnordered', index: 2 });
    expect(termsOfDraft(draft({ tiers: [tier('4', '400000')] }))).toEqual({ problem: 'tiersUnordered', index: 1 });
    expect(termsOfDraft(draft({ tiers: [tier('0')] }))).toEqual({ problem: 'tierFromInvalid', index: 1 });
    expect(termsOfDraft(draft({ tiers: [tier('4', '5e5')] }))).toEqual({ problem: 'amountInvalid', field: 'tierPerBreach', index: 1 });
    expect(termsOfDraft(draft({ cap: '۱۰.۵' }))).toEqual({ problem: 'amountInvalid', field: 'cap' });
  });
});

describe('contract form: request bodies', () => {
  it('builds the create body: ISO period, ordered rules, terms; no account manager leaves the organisation’s', () => {
    const result = createBodyOf(draft({
      rules: [{ conditions: [{ field: 'priority', op: 'eq', value: ['1'] }], filter: { all: [] }, policyId: '4' }],
      cap: '2,000,000', capPeriod: 'contract', tierBasis: 'breach_count',
    }));
    expect(result).toEqual({
      body: {
        organizationId: 7, name: 'پشتیبانی سالانه', startsOn: '2026-03-21', endsOn: '2027-03-20', policyId: 3,
        rules: [{ filter: { all: [{ field: 'priority', op: 'eq', value: 1 }] }, policyId: 4 }],
        penalties: { perBreach: '500000', perHour: '100000', tierBasis: 'breach_count', tiers: [], cap: '2000000', capPeriod: 'contract' },
      },
    });
    expect(createBodyOf(draft({ accountManagerId: '9' }))).toMatchObject({ body: { accountManagerId: 9 } });
    expect(createBodyOf(draft({ organizationId: null }))).toEqual({ problem: 'required', field: 'organization' });
    expect(createBodyOf(draft({ period: null }))).toEqual({ problem: 'required', field: 'period' });
    expect(createBodyOf(draft({ rules: [{ conditions: [], filter: { all: [] }, policyId: null }] }))).toEqual({ problem: 'required', field: 'rulePolicy' });
  });

  it('round-trips a stored contract into the edit body at its version, keeping a filter the editor cannot show', () => {
    const anyFilter = { any: [{ field: 'tag', op: 'eq', value: 'vip' }] } as Contract['rules'][number]['filter'];
    const contract = {
      id: 5, organizationId: 7, name: 'Gold', startsOn: '2026-03-21', endsOn: '2027-03-20', startsOnJalali: { year: 1405, month: 1, day: 1 }, endsOnJalali: { year: 1405, month: 12, day: 29 },
      active: true, policyId: 3, accountManagerId: null, rules: [{ filter: anyFilter, policyId: 4 }],
      penalties: { perBreach: '0', perHour: '250000', tierBasis: 'delay_hours', tiers: [{ from: 8, perBreach: '0', perHour: '500000' }], cap: null, capPeriod: 'jalali_month' },
      version: 4, createdAt: '', updatedAt: '', abilities: { update: true, delete: true },
    } satisfies Contract;
    const editing = contractDraftOf(contract);
    expect(editing.rules[0]!.conditions).toBeNull();
    expect(updateBodyOf(editing, contract.version)).toEqual({
      body: {
        version: 4, name: 'Gold', startsOn: '2026-03-21', endsOn: '2027-03-20', policyId: 3, accountManagerId: null,
        rules: [{ filter: anyFilter, policyId: 4 }], penalties: contract.penalties,
      },
    });
  });

  it('tells a contract’s status on a day and the Jalali month of a day', () => {
    const c = { startsOn: '2026-03-21', endsOn: '2027-03-20' };
    expect(contractStatus(c, '2026-03-20')).toBe('upcoming');
    expect(contractStatus(c, '2026-03-21')).toBe('active');
    expect(contractStatus(c, '2027-03-20')).toBe('active');
    expect(contractStatus(c, '2027-03-21')).toBe('expired');
    expect(jalaliMonthOf(day(1405, 9, 12))).toBe('1405-09');
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
