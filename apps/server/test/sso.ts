import { systemActor } from '../src/platform/actor.ts';
import { createDirectory } from '../src/modules/sso/commands/create-directory.ts';
import { createOidcProvider } from '../src/modules/sso/commands/create-oidc-provider.ts';
import type { TestApp } from './harness.ts';

/** A directory row (nothing listens at its URL), made as the system; `active: false` unless asked. */
export async function makeSsoDirectory(t: TestApp, input: { active?: boolean } = {}): Promise<{ id: number; version: number }> {
  const row = await createDirectory(t.ctx, {
    actor: systemActor('system'),
    name: 'Matrix directory',
    url: 'ldap://127.0.0.1:9',
    bindDn: 'cn=svc,dc=example,dc=test',
    bindPassword: 'svc-secret',
    userBase: 'dc=example,dc=test',
    userFilter: '(uid={login})',
    active: input.active ?? false,
  });
  return { id: row.id, version: row.version };
}

/** An OpenID Connect provider row (nothing listens at its issuer), made as the system; `active: false` unless asked. */
export async function makeOidcProvider(t: TestApp, input: { active?: boolean } = {}): Promise<{ id: number; version: number }> {
  const row = await createOidcProvider(t.ctx, {
    actor: systemActor('system'),
    name: 'Matrix IdP',
    issuerUrl: 'http://127.0.0.1:9/oidc',
    clientId: 'pishkhan',
    clientSecret: 'client-secret',
    active: input.active ?? false,
  });
  return { id: row.id, version: row.version };
}
