import { Type } from 'typebox';
import { CreateSavedViewBody, ErrorEnvelope, IdParams, Preferences, PreferencesBody, SavedView, SavedViewList, UpdateSavedViewBody } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { savePreferences } from './commands/save-preferences.ts';
import { createSavedView } from './commands/create-saved-view.ts';
import { updateSavedView } from './commands/update-saved-view.ts';
import { deleteSavedView } from './commands/delete-saved-view.ts';
import { presentPreferences, presentSavedView } from './preferences.presenter.ts';
import { findPreferences, listSavedViews } from './preferences.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const tags = ['preferences'];

/** The signed-in user's own preferences and saved views (agents and contacts alike). */
export function registerPreferencesRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/me/preferences',
    { schema: { tags, summary: 'Your display preferences (defaults until first saved)', response: { 200: Preferences, ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      return presentPreferences(await findPreferences(ctx.db, actor.userId), actor.locale === 'en' ? 'en' : 'fa');
    },
  );

  app.put(
    '/api/v1/me/preferences',
    { schema: { tags, summary: 'Change your display preferences (at the version you saw; 0 before the first save)', body: PreferencesBody, response: { 200: Preferences, ...errors, 409: ErrorEnvelope } } },
    async (request) => presentPreferences(await savePreferences(ctx, { actor: request.actor, ...request.body }), 'fa'),
  );

  app.get(
    '/api/v1/me/views',
    { schema: { tags, summary: 'Your saved filtered views of the ticket list', response: { 200: SavedViewList, ...errors } } },
    async (request) => ({ items: (await listSavedViews(ctx.db, requireUser(request.actor).userId)).map(presentSavedView) }),
  );

  app.post(
    '/api/v1/me/views',
    { schema: { tags, summary: 'Save a filtered view (yours alone)', body: CreateSavedViewBody, response: { 201: SavedView, ...errors, 422: ErrorEnvelope } } },
    async (request, reply) => reply.status(201).send(presentSavedView(await createSavedView(ctx, { actor: request.actor, ...request.body }))),
  );

  app.patch(
    '/api/v1/me/views/:id',
    { schema: { tags, summary: 'Rename or refilter one of your views', params: IdParams, body: UpdateSavedViewBody, response: { 200: SavedView, ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope } } },
    async (request) => presentSavedView(await updateSavedView(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );

  app.delete(
    '/api/v1/me/views/:id',
    { schema: { tags, summary: 'Delete one of your views', params: IdParams, response: { 204: Type.Null(), ...errors, 404: ErrorEnvelope } } },
    async (request, reply) => {
      await deleteSavedView(ctx, { actor: request.actor, id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
