import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerPreferencesRoutes } from './preferences.routes.ts';

/** Registers /me/preferences and /me/views; contributes nothing else (no jobs, settings or events). */
export function registerPreferences(app: App, ctx: AppContext): Contribution<AppContext> {
  registerPreferencesRoutes(app, ctx);
  return { module: 'preferences' };
}
