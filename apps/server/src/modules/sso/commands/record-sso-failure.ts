import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordAudit } from '../../audit/index.ts';

/** Audits a single sign-on attempt that failed before any sign-in was known (a forged or stale callback, a provider's refusal). Anyone's failure may be recorded. */
export const recordSsoFailure = defineCommand(
  'sso.record_failure',
  async (ctx: Parameters<typeof recordAudit>[0], input: { actor: Actor; source: 'ldap' | 'oidc'; sourceId: number; reason: string; ip?: string }): Promise<void> => {
    await recordAudit(ctx, input.actor, 'sso.sign_in_failed', {
      targetType: input.source === 'ldap' ? 'sso_directory' : 'sso_oidc_provider',
      targetId: input.sourceId,
      ip: input.ip ?? null,
      details: { source: input.source, reason: input.reason.slice(0, 100) },
    });
  },
);
