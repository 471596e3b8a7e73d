import type { UpdateContractBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { contractColumns, termsOf } from '../contract-fields.ts';
import type { ContractContext } from '../contracts.context.ts';
import { contractAccessOf } from '../contract-access.ts';
import { contractPolicy } from '../contracts.policy.ts';
import { findContractForUpdate, replaceContractRules, replacePenaltyTiers, tiersOfContracts, updateContractAtVersion, type ContractRow } from '../contracts.repository.ts';

/** An admin edits a contract at the version seen; rules and tiers given replace the old ones. Tickets already placed keep their policy until a selecting field changes. */
export const updateContract = defineCommand('contract.update', async (ctx: ContractContext, input: { actor: Actor; id: number } & UpdateContractBody): Promise<ContractRow> => {
  const { actor, id, version, ...body } = input;
  const found = await findContractForUpdate(ctx.db, id);
  const row = authorizeEdit(contractPolicy, actor, 'update', found, version, await contractAccessOf(ctx.db, found));
  const terms = termsOf(row, (await tiersOfContracts(ctx.db, [row.id])).get(row.id) ?? []);
  const { set, rules, tiers } = await contractColumns(ctx.db, body, { starts_on: row.starts_on, ends_on: row.ends_on, terms });
  if (rules) await replaceContractRules(ctx.db, row.id, rules);
  if (tiers) await replacePenaltyTiers(ctx.db, row.id, tiers);
  return updateContractAtVersion(ctx.db, row.id, row.version, { ...set, updated_at: ctx.clock.now() });
});
