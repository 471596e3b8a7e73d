import { Type } from 'typebox';
import { ErrorEnvelope, IdParams } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { notFound } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { accessSettings } from '../access/index.ts';
import { changeSsoSettings } from './commands/change-sso-settings.ts';
import { createDirectory } from './commands/create-directory.ts';
import { createOidcProvider } from './commands/create-oidc-provider.ts';
import { requestDirectorySync } from './commands/request-directory-sync.ts';
import { updateDirectory } from './commands/update-directory.ts';
import { updateOidcProvider } from './commands/update-oidc-provider.ts';
import { findDirectoryRow, listDirectoryRows } from './directories.repository.ts';
import { findOidcProviderRow, listOidcProviderRows } from './oidc-providers.repository.ts';
import { SsoEntities } from './sso.errors.ts';
import { assertSsoAdmin } from './sso.policy.ts';
import { presentDirectory, presentOidcProvider, presentSyncRun } from './sso.presenter.ts';
import { CreateDirectoryBody, CreateOidcProviderBody, Directory, OidcProvider, SsoSettings, SyncRun, UpdateDirectoryBody, UpdateOidcProviderBody } from './sso.schemas.ts';
import { latestSyncRuns } from './sync-runs.repository.ts';

const tags = ['sso'];
const readErrors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...readErrors, 409: ErrorEnvelope, 422: ErrorEnvelope };
const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

/** Admin → Single sign-on: directories, OpenID Connect providers, "agents must use SSO". Admins only; secrets are never shown. */
export function registerSsoConfigRoutes(app: App, ctx: AppContext): void {
  const base = '/api/v1/admin/sso';
  const admin = (actor: Parameters<typeof requireUser>[0], action: string) => assertSsoAdmin(requireUser(actor), action);

  app.get(`${base}/directories`, { schema: { tags, summary: 'List LDAP / Active Directory directories (admin)', response: { 200: Items(Directory), ...readErrors } } }, async (request) => {
    admin(request.actor, 'list');
    return { items: (await listDirectoryRows(ctx.db)).map(presentDirectory) };
  });

  app.post(
    `${base}/directories`,
    { schema: { tags, summary: 'Add a directory (admin): service account, user filter, group → role mappings; the bind password is sealed', body: CreateDirectoryBody, response: { 201: Directory, ...writeErrors } } },
    async (request, reply) => reply.status(201).send(presentDirectory(await createDirectory(ctx, { actor: request.actor, ...request.body }))),
  );

  app.get(`${base}/directories/:id`, { schema: { tags, summary: 'Read a directory (admin)', params: IdParams, response: { 200: Directory, ...readErrors } } }, async (request) => {
    admin(request.actor, 'read');
    const row = await findDirectoryRow(ctx.db, request.params.id);
    if (!row) throw notFound(SsoEntities.sso_directory);
    return presentDirectory(row);
  });

  app.patch(
    `${base}/directories/:id`,
    { schema: { tags, summary: 'Edit a directory at the version last read (admin); `active: false` turns it off', params: IdParams, body: UpdateDirectoryBody, response: { 200: Directory, ...writeErrors } } },
    async (request) => presentDirectory(await updateDirectory(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );

  app.post(
    `${base}/directories/:id/sync`,
    { schema: { tags, summary: 'Sync the directory’s agents and contacts now (admin): a job; its report appears under sync-runs', params: IdParams, response: { 202: Type.Null(), ...readErrors } } },
    async (request, reply) => {
      await requestDirectorySync(ctx, { actor: request.actor, id: request.params.id });
      return reply.status(202).send(null);
    },
  );

  app.get(
    `${base}/directories/:id/sync-runs`,
    { schema: { tags, summary: 'The latest sync reports of a directory, newest first (admin)', params: IdParams, response: { 200: Items(SyncRun), ...readErrors } } },
    async (request) => {
      admin(request.actor, 'read');
      if (!(await findDirectoryRow(ctx.db, request.params.id))) throw notFound(SsoEntities.sso_directory);
      return { items: (await latestSyncRuns(ctx.db, request.params.id)).map(presentSyncRun) };
    },
  );

  app.get(`${base}/oidc-providers`, { schema: { tags, summary: 'List OpenID Connect providers (admin)', response: { 200: Items(OidcProvider), ...readErrors } } }, async (request) => {
    admin(request.actor, 'list');
    return { items: (await listOidcProviderRows(ctx.db)).map((r) => presentOidcProvider(r, ctx.config.publicUrl)) };
  });

  app.post(
    `${base}/oidc-providers`,
    { schema: { tags, summary: 'Add an OpenID Connect provider (admin): issuer, client, claim → role mappings; the client secret is sealed', body: CreateOidcProviderBody, response: { 201: OidcProvider, ...writeErrors } } },
    async (request, reply) => reply.status(201).send(presentOidcProvider(await createOidcProvider(ctx, { actor: request.actor, ...request.body }), ctx.config.publicUrl)),
  );

  app.get(`${base}/oidc-providers/:id`, { schema: { tags, summary: 'Read an OpenID Connect provider (admin)', params: IdParams, response: { 200: OidcProvider, ...readErrors } } }, async (request) => {
    admin(request.actor, 'read');
    const row = await findOidcProviderRow(ctx.db, request.params.id);
    if (!row) throw notFound(SsoEntities.sso_oidc_provider);
    return presentOidcProvider(row, ctx.config.publicUrl);
  });

  app.patch(
    `${base}/oidc-providers/:id`,
    { schema: { tags, summary: 'Edit an OpenID Connect provider at the version last read (admin)', params: IdParams, body: UpdateOidcProviderBody, response: { 200: OidcProvider, ...writeErrors } } },
    async (request) => presentOidcProvider(await updateOidcProvider(ctx, { actor: request.actor, id: request.params.id, ...request.body }), ctx.config.publicUrl),
  );

  app.get(`${base}/settings`, { schema: { tags, summary: 'Single sign-on settings (admin)', response: { 200: SsoSettings, ...readErrors } } }, async (request) => {
    admin(request.actor, 'read');
    return { agentsRequireSso: await accessSettings.get(ctx.db, 'access.agents_require_sso') };
  });

  app.put(
    `${base}/settings`,
    { schema: { tags, summary: 'Require single sign-on for agents (admin; admins keep their password as a way in)', body: SsoSettings, response: { 200: SsoSettings, ...writeErrors } } },
    async (request) => changeSsoSettings(ctx, { actor: request.actor, ...request.body }),
  );
}
