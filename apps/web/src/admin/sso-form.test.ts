import { describe, expect, it } from 'vitest';
import { blankDirectory, blankOidc, directoryBody, directoryDraft, oidcBody, oidcDraft, type Directory, type OidcProvider } from './sso-form.ts';

const directory: Directory = {
  id: 3, name: 'AD', url: 'ldaps://dc.example.ir', bindDn: 'cn=svc,dc=example,dc=ir', bindPasswordSet: true, tlsCaCertificate: null, startTls: false,
  userBase: 'ou=people,dc=example,dc=ir', userFilter: '(uid={login})', groupBase: null, groupFilter: '(member={dn})',
  attributes: { login: 'uid', email: 'mail', name: 'cn', id: 'entryUUID' },
  groupMappings: [{ group: 'cn=desk,dc=example,dc=ir', roles: ['analyst'], groupIds: [2] }],
  unmappedAs: 'none', syncEveryMinutes: 60, lastSyncedAt: null, active: true, version: 7,
};

describe('SSO config forms', () => {
  it('an edit keeps the sealed bind password unless a new one is typed, and sends the version read', () => {
    const draft = directoryDraft(directory);
    const body = directoryBody(draft, directory.version);
    expect(body).not.toHaveProperty('bindPassword');
    expect(body).toMatchObject({ version: 7, groupBase: null, tlsCaCertificate: null, syncEveryMinutes: 60, groupMappings: [{ group: 'cn=desk,dc=example,dc=ir', roles: ['analyst'], groupIds: [2] }] });
    expect(directoryBody({ ...draft, bindPassword: 'new secret', syncEveryMinutes: '۱۲۰' }, 7)).toMatchObject({ bindPassword: 'new secret', syncEveryMinutes: 120 });
  });

  it('drops empty mapping rows and sends blank optional fields as null', () => {
    const draft = { ...blankDirectory(), mappings: [{ match: '  ', roles: ['admin'], groupIds: [] }, { match: ' cn=admins ', roles: ['admin'], groupIds: ['1'] }] };
    expect(directoryBody(draft)).toMatchObject({ groupMappings: [{ group: 'cn=admins', roles: ['admin'], groupIds: [1] }], syncEveryMinutes: null, groupBase: null });
    expect(directoryBody(draft)).not.toHaveProperty('version');
  });

  it('an OpenID Connect provider: client secret write-only, claim mappings by value, scopes tidied', () => {
    const provider: OidcProvider = { id: 1, name: 'Keycloak', issuerUrl: 'https://id.example.ir/realms/x', clientId: 'desk', clientSecretSet: true, scopes: 'openid email', rolesClaim: 'groups', claimMappings: [{ value: 'desk-admins', roles: ['admin'], groupIds: [] }], unmappedAs: 'contact', redirectUri: 'https://desk/cb', active: true, version: 2 };
    expect(oidcBody(oidcDraft(provider), 2)).toEqual({ version: 2, name: 'Keycloak', issuerUrl: 'https://id.example.ir/realms/x', clientId: 'desk', scopes: 'openid email', rolesClaim: 'groups', claimMappings: [{ value: 'desk-admins', roles: ['admin'], groupIds: [] }], unmappedAs: 'contact', active: true });
    expect(oidcBody({ ...blankOidc(), clientSecret: 's3cret', scopes: ' openid   profile ' })).toMatchObject({ clientSecret: 's3cret', scopes: 'openid profile' });
  });
});
