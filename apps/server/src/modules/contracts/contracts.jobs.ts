import { defineJob, type AppContext } from '../../context.ts';
import { recordEvent } from '../../platform/events/index.ts';
import type { Contribution } from '../../platform/modules.ts';
import { dayOf, nextDay } from './contract-dates.ts';
import { claimNotice, contractsEndingBetween } from './contracts.repository.ts';
import { contractSettings } from './contracts.settings.ts';

const DAY_MS = 86_400_000;
const BATCH = 500;

/**
 * The daily expiry notice: each contract whose last day is within `contracts.expiry_notice_days`
 * (30) of today (Tehran) and that has an account manager gets `contract.expiring` once — the key
 * `contract:<id>:<last day>:expiry` is claimed in the transaction that records the event (a moved
 * end date is a new notice); notifications tells the account manager in-app and by email.
 */
export function contractJobs(ctx: AppContext): Pick<Contribution, 'jobs' | 'schedules' | 'settings'> {
  const expiryNotice = defineJob('contracts.expiry_notice', {
    runsAs: 'system',
    handler: async ({ trx }) => {
      const days = await contractSettings.get(trx, 'contracts.expiry_notice_days');
      if (days <= 0) return;
      const now = ctx.clock.now();
      const today = dayOf(now);
      for (const c of await contractsEndingBetween(trx, today, nextDay(today, days), BATCH)) {
        if (c.account_manager_id === null) continue;
        const noticeKey = `contract:${c.id}:${c.ends_on}:expiry`;
        if (!(await claimNotice(trx, { notice_key: noticeKey, contract_id: c.id, created_at: now }))) continue;
        await recordEvent(trx, ctx.clock, 'contract.expiring', { contractId: c.id, organizationId: c.organization_id, name: c.name, endsOn: c.ends_on, accountManagerId: c.account_manager_id, noticeKey });
      }
    },
  });
  return { jobs: [expiryNotice], schedules: [{ name: 'contracts.expiry_notice', job: 'contracts.expiry_notice', everyMs: DAY_MS }], settings: [contractSettings] };
}
