import { hasRole, isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { accessSettings } from '../access.settings.ts';

/** An admin turns portal self sign-up on or off (`access.portal_sign_up`); audited as a settings change. */
export const changePortalSettings = defineCommand('access.portal_settings_change', async (ctx: AccessContext, input: { actor: Actor; signUp: boolean }): Promise<{ signUp: boolean }> => {
  if (!isTrustedSystem(input.actor) && !hasRole(input.actor, 'admin')) throw forbidden('update');
  const before = await accessSettings.get(ctx.db, 'access.portal_sign_up');
  if (before !== input.signUp) {
    await accessSettings.set(ctx.db, 'access.portal_sign_up', input.signUp, ctx.clock.now());
    await recordAudit(ctx, input.actor, 'settings.changed', { targetType: 'setting', targetId: 'access.portal_sign_up', details: { from: before, to: input.signUp } });
  }
  return { signUp: input.signUp };
});
