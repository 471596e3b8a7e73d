import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { contractAccessOf } from '../contract-access.ts';
import type { ContractContext } from '../contracts.context.ts';
import { contractPolicy } from '../contracts.policy.ts';
import { deleteContractRow, findContractForUpdate } from '../contracts.repository.ts';

/** An admin removes a contract; tickets keep the policy it chose until a selecting field changes. */
export const deleteContract = defineCommand('contract.delete', async (ctx: ContractContext, input: { actor: Actor; id: number; version: number }): Promise<void> => {
  const found = await findContractForUpdate(ctx.db, input.id);
  const row = authorizeEdit(contractPolicy, input.actor, 'delete', found, input.version, await contractAccessOf(ctx.db, found));
  await deleteContractRow(ctx.db, row.id);
});
