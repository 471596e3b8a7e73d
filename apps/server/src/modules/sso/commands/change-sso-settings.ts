import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { accessSettings } from '../../access/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertSsoAdmin } from '../sso.policy.ts';
import type { SsoSettings } from '../sso.schemas.ts';
import type { SsoConfigContext } from './create-directory.ts';

/** Sets "agents must use SSO" (admin; the setting is access's, which enforces it at password sign-in); audited as a settings change. */
export const changeSsoSettings = defineCommand('sso.settings_change', async (ctx: SsoConfigContext, input: { actor: Actor } & SsoSettings): Promise<SsoSettings> => {
  assertSsoAdmin(input.actor, 'update');
  const before = await accessSettings.get(ctx.db, 'access.agents_require_sso');
  if (before !== input.agentsRequireSso) {
    await accessSettings.set(ctx.db, 'access.agents_require_sso', input.agentsRequireSso, ctx.clock.now());
    await recordAudit(ctx, input.actor, 'settings.changed', { targetType: 'setting', targetId: 'access.agents_require_sso', details: { from: before, to: input.agentsRequireSso } });
  }
  return { agentsRequireSso: input.agentsRequireSso };
});
