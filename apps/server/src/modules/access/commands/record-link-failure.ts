import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { AccessContext } from '../access.context.ts';
import { countAttempt, linkIpKey } from '../brute-force.ts';

/**
 * Counts a dead invitation or reset link (unknown, used or expired) against the address it came
 * from, so that trying tokens backs off like guessing passwords. Anyone's failure may be recorded:
 * the caller is whoever failed. No audit entry: a dead link names nobody.
 */
export const recordLinkFailure = defineCommand(
  'link.record_failure',
  async (ctx: AccessContext, input: { actor: Actor; ip?: string }): Promise<void> => {
    await countAttempt(ctx, [linkIpKey(input.ip)]);
  },
);
