import type { CreateContractBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { findOrganization } from '../../people/index.ts';
import { contractColumns, NO_PENALTIES } from '../contract-fields.ts';
import type { ContractContext } from '../contracts.context.ts';
import { assertContractAdmin } from '../contracts.policy.ts';
import { insertContract, replaceContractRules, replacePenaltyTiers, type ContractRow } from '../contracts.repository.ts';

/** An admin adds an organisation's contract: its Jalali period (stored as ISO days), SLA policy, rules, account manager (default: the organisation's) and penalty terms. */
export const createContract = defineCommand('contract.create', async (ctx: ContractContext, input: { actor: Actor } & CreateContractBody): Promise<ContractRow> => {
  const { actor, organizationId, ...body } = input;
  assertContractAdmin(actor, 'create');
  const organization = await findOrganization(ctx.db, organizationId);
  if (!organization) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'organizationId' });
  const { set, rules, tiers } = await contractColumns(ctx.db, { ...body, penalties: body.penalties ?? {} }, undefined);
  const now = ctx.clock.now();
  const row = await insertContract(ctx.db, {
    organization_id: organizationId,
    name: body.name,
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    policy_id: body.policyId,
    account_manager_id: body.accountManagerId === undefined ? organization.account_manager_id : set.account_manager_id!,
    penalty_per_breach: set.penalty_per_breach ?? Number(NO_PENALTIES.perBreach),
    penalty_per_hour: set.penalty_per_hour ?? Number(NO_PENALTIES.perHour),
    penalty_tier_basis: set.penalty_tier_basis ?? NO_PENALTIES.tierBasis,
    penalty_cap: set.penalty_cap ?? null,
    penalty_cap_period: set.penalty_cap_period ?? NO_PENALTIES.capPeriod,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await replaceContractRules(ctx.db, row.id, rules ?? []);
  await replacePenaltyTiers(ctx.db, row.id, tiers ?? []);
  return row;
});
