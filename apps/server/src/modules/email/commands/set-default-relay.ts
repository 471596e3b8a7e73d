import type { DefaultRelayChange } from '@pishkhan/contracts';
import { hasRole, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { seal } from '../../../platform/crypto/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { AppContext } from '../../../context.ts';
import { heldForRelay, markOutbound } from '../outbound/outbound.repository.ts';
import { DEFAULT_RELAY_SEAL_CONTEXT, outboundSettings, type DefaultRelaySetting } from '../outbound/outbound.settings.ts';

/**
 * An admin sets (or clears, with null) the relay that mailboxes without their own send through.
 * The password is sealed; omitted, the stored one stays; null removes it. Mail held for want of a
 * relay goes back to the queue once there is one (up to 1,000 per change).
 */
export const setDefaultRelay = defineCommand(
  'email.set_default_relay',
  async (ctx: AppContext, input: { actor: Actor; relay: DefaultRelayChange['relay'] }): Promise<DefaultRelaySetting | null> => {
    const actor = requireUser(input.actor);
    if (!hasRole(actor, 'admin')) throw forbidden('email.relay');
    const now = ctx.clock.now();
    const before = await outboundSettings.get(ctx.db, 'email.default_relay');
    let next: DefaultRelaySetting | null = null;
    if (input.relay) {
      const { password, ...rest } = input.relay;
      next = {
        host: rest.host,
        port: rest.port,
        security: rest.security,
        user: rest.user ?? null,
        passwordSealed: password === undefined ? (before?.passwordSealed ?? null) : password === null ? null : seal(ctx.sealKeys[0]!, password, DEFAULT_RELAY_SEAL_CONTEXT),
      };
    }
    await outboundSettings.set(ctx.db, 'email.default_relay', next, now);
    if (next) {
      for (const id of await heldForRelay(ctx.db, 1_000)) {
        await markOutbound(ctx.db, id, { status: 'queued', reason: null, updated_at: now });
        await ctx.jobs.enqueue(ctx.db, 'email.send_message', { outboundId: id }, { uniqueKey: `email.send_message:${id}:${now}` });
      }
    }
    return next;
  },
);
