import { describe, expect, it } from 'vitest';
import type { SlaRule } from '@pishkhan/contracts';
import { conditionsOfFilter, filterOfConditions, moveRule, nextPosition, targetsDraftOf, targetsOfDraft } from './sla-form.ts';
import { markOf, weekDraftOf, weekOfDraft } from './calendar-form.ts';

const rule = (id: number, position: number): SlaRule => ({ id, position, filter: { all: [] }, policyId: 1, version: 1, createdAt: '', updatedAt: '' });

describe('SLA policy and rule forms', () => {
  it('round-trips targets in business minutes, whole hours shown as hours', () => {
    const targets = { '1': { firstResponse: 60, resolution: 480 }, '3': { nextResponse: 90 } };
    const draft = targetsDraftOf(targets);
    expect(draft['1'].firstResponse).toEqual({ amount: 1, unit: 'hours' });
    expect(draft['3'].nextResponse).toEqual({ amount: 90, unit: 'minutes' });
    expect(draft['2'].resolution.amount).toBe('');
    expect(targetsOfDraft(draft)).toEqual(targets);
  });

  it('writes the simple conditions as the filter language and reads them back', () => {
    const filter = filterOfConditions([{ field: 'priority', op: 'in', value: ['1', '2'] }, { field: 'type', op: 'eq', value: ['incident'] }, { field: 'tag', op: 'eq', value: [] }]);
    expect(filter).toEqual({ all: [{ field: 'priority', op: 'in', value: [1, 2] }, { field: 'type', op: 'eq', value: 'incident' }] });
    expect(conditionsOfFilter(filter)).toEqual([{ field: 'priority', op: 'in', value: ['1', '2'] }, { field: 'type', op: 'eq', value: ['incident'] }]);
    expect(conditionsOfFilter({ any: [] })).toBeNull();
  });

  it('moves a rule by renumbering only the rules whose place changes', () => {
    const rules = [rule(1, 10), rule(2, 20), rule(3, 30)];
    expect(moveRule(rules, 3, -1)).toEqual([{ id: 3, version: 1, position: 20 }, { id: 2, version: 1, position: 30 }]);
    expect(moveRule(rules, 1, -1)).toEqual([]);
    // Equal positions (rules added by the API at the same place) sort out too.
    expect(moveRule([rule(1, 0), rule(2, 0)], 2, -1)).toEqual([{ id: 2, version: 1, position: 10 }, { id: 1, version: 1, position: 20 }]);
    expect(nextPosition(rules)).toBe(40);
  });
});

describe('calendar forms', () => {
  it('checks working intervals before sending them', () => {
    const draft = weekDraftOf({ sat: [['08:00', '16:00']], fri: [] });
    expect(draft.sun).toEqual([]);
    expect(weekOfDraft(draft)).toEqual({ week: { sat: [['08:00', '16:00']], sun: [], mon: [], tue: [], wed: [], thu: [], fri: [] }, invalid: false });
    expect(weekOfDraft({ ...draft, mon: [['16:00', '08:00']] }).invalid).toBe(true);
    expect(weekOfDraft({ ...draft, mon: [['8', '12:00']] }).invalid).toBe(true);
  });

  it('marks a day: estimated holidays, closures, days off', () => {
    const day = (over: object) => ({ jalali: { calendar: 'jalali' as const, year: 1405, month: 9, day: 1 }, gregorian: { calendar: 'gregorian' as const, year: 2026, month: 11, day: 22 }, weekday: 'sat', inMonth: true, working: [] as [string, string][], holidays: [], estimated: false, ...over });
    const name = { fa: 'تاسوعا', en: 'Tasua' };
    expect(markOf(day({ holidays: [{ name, kind: 'official', estimated: true, region: null }], estimated: true }), 'en', '(estimated)')).toEqual({ kind: 'estimated', label: 'Tasua (estimated)' });
    expect(markOf(day({ holidays: [{ name, kind: 'official', estimated: false, region: null }] }), 'fa', '').kind).toBe('holiday');
    expect(markOf(day({ working: [['10:00', '16:00']], holidays: [{ name, kind: 'closure', estimated: false, region: 'تهران' }] }), 'fa', '').kind).toBe('partial');
    expect(markOf(day({}), 'en', '').kind).toBe('off');
    expect(markOf(day({ working: [['08:00', '16:00']] }), 'en', '')).toEqual({ kind: 'working', label: '08:00–16:00' });
  });
});
