import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerSsoConfigRoutes } from './config.routes.ts';
import { registerSsoSignInRoutes } from './sign-in.routes.ts';
import { ssoJobs } from './sso.jobs.ts';

export { SsoErrors } from './sso.errors.ts';
export { resealSsoSecrets } from './sso-secrets.ts';

/** Registers the single sign-on routes (admin configuration, the public ways in); contributes the directory sync job and its minute schedule. */
export function registerSso(app: App, ctx: AppContext): Contribution<AppContext> {
  registerSsoConfigRoutes(app, ctx);
  registerSsoSignInRoutes(app, ctx);
  return { module: 'sso', ...ssoJobs(ctx) };
}
