import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { registerArticleRoutes } from './articles.routes.ts';
import { registerAttachmentRoutes } from './attachments.routes.ts';
import { registerMergeRoutes } from './merge.routes.ts';
import { registerRelationRoutes } from './relations.routes.ts';
import { registerWatcherRoutes } from './watchers.routes.ts';

/** Registers the timeline routes (articles, attachments, relations, merge, watchers). */
export function registerTicketTimeline(app: App, ctx: AppContext): void {
  registerArticleRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
  registerRelationRoutes(app, ctx);
  registerMergeRoutes(app, ctx);
  registerWatcherRoutes(app, ctx);
}
