import { makeOidcProvider, makeSsoDirectory } from '../../sso.ts';
import { fixed, seq, type Builder } from './builder.ts';

// Single sign-on: admin configuration; the public ways in name an inactive directory or provider (404 for anyone).

export const ssoRequests: Record<string, Builder> = {
  'GET /api/v1/admin/sso/directories': fixed('/api/v1/admin/sso/directories'),
  'POST /api/v1/admin/sso/directories': async () => ({
    url: '/api/v1/admin/sso/directories',
    payload: { name: `d${seq()}`, url: 'ldap://127.0.0.1:9', bindDn: 'cn=svc', bindPassword: 'x', userBase: 'dc=x', userFilter: '(uid={login})' },
  }),
  'GET /api/v1/admin/sso/directories/:id': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}` }),
  'PATCH /api/v1/admin/sso/directories/:id': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}`, payload: { version: 1, name: 'renamed' } }),
  'POST /api/v1/admin/sso/directories/:id/sync': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}/sync` }),
  'GET /api/v1/admin/sso/directories/:id/sync-runs': async (w) => ({ url: `/api/v1/admin/sso/directories/${(await makeSsoDirectory(w.t)).id}/sync-runs` }),
  'GET /api/v1/admin/sso/oidc-providers': fixed('/api/v1/admin/sso/oidc-providers'),
  'POST /api/v1/admin/sso/oidc-providers': async () => ({ url: '/api/v1/admin/sso/oidc-providers', payload: { name: `p${seq()}`, issuerUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's' } }),
  'GET /api/v1/admin/sso/oidc-providers/:id': async (w) => ({ url: `/api/v1/admin/sso/oidc-providers/${(await makeOidcProvider(w.t)).id}` }),
  'PATCH /api/v1/admin/sso/oidc-providers/:id': async (w) => ({ url: `/api/v1/admin/sso/oidc-providers/${(await makeOidcProvider(w.t)).id}`, payload: { version: 1, name: 'renamed' } }),
  'GET /api/v1/admin/sso/settings': fixed('/api/v1/admin/sso/settings'),
  'PUT /api/v1/admin/sso/settings': async () => ({ url: '/api/v1/admin/sso/settings', payload: { agentsRequireSso: false } }),
  'GET /api/v1/sso/options': fixed('/api/v1/sso/options'),
  'POST /api/v1/sso/directories/:id/session': async (w) => ({ url: `/api/v1/sso/directories/${(await makeSsoDirectory(w.t)).id}/session`, payload: { login: 'someone', password: 'x' } }),
  'GET /api/v1/sso/oidc/:id/start': async (w) => ({ url: `/api/v1/sso/oidc/${(await makeOidcProvider(w.t)).id}/start` }),
  'GET /api/v1/sso/oidc/:id/callback': async (w) => ({ url: `/api/v1/sso/oidc/${(await makeOidcProvider(w.t)).id}/callback?code=x&state=y` }),
};
