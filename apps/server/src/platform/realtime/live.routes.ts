import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../actor.ts';
import type { App } from '../http/server.ts';
import { requireCaller } from '../policy/index.ts';
import type { Realtime } from './hub.ts';
import { HEARTBEAT, RETRY_MS, sseFrame } from './sse.ts';
import type { LiveFrame } from './types.ts';

export interface LiveRouteOptions {
  /** The server's authenticator: each heartbeat re-reads the stream's session (sign-out, role change). */
  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Actor>;
  heartbeatMs: number;
}

/**
 * `GET /api/v1/live`: the caller's Server-Sent Events stream (session cookie or ticket-link
 * cookie, like any read). It opens with `ready` (its `id:` the last event this process delivered,
 * so a browser that reconnects sends Last-Event-ID) and answers a reconnect with `refetch`: what
 * happened while it was away is read again, not replayed. `?once=true` sends the opening and ends
 * (a probe; clients behind a buffering proxy can poll with it).
 */
export function registerLiveRoute(app: App, realtime: Realtime, options: LiveRouteOptions): void {
  app.get(
    '/api/v1/live',
    {
      schema: {
        tags: ['live'],
        summary: 'Live changes of tickets, queues, notifications and presence (text/event-stream)',
        querystring: Type.Object({ once: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request.actor);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      raw.write(`retry: ${RETRY_MS}\n\n`);
      const write = (frame: LiveFrame) => void raw.write(sseFrame(frame));
      write({ event: 'ready', id: realtime.lastEventId(), data: { heartbeatMs: options.heartbeatMs } });
      if (request.headers['last-event-id'] !== undefined) write({ event: 'refetch', data: {} });
      if (request.query.once) return void raw.end();

      const sink = { actor: caller as Actor, write, end: () => void raw.end() };
      const unsubscribe = realtime.subscribe(sink);
      let beating = false;
      const heartbeat = setInterval(() => {
        if (beating) return;
        beating = true;
        void (async () => {
          try {
            sink.actor = await options.authenticate(request, reply);
          } catch {
            sink.actor = { kind: 'anonymous', locale: request.language };
          }
          if (sink.actor.kind === 'anonymous') {
            write({ event: 'signed_out', data: {} });
            return void raw.end();
          }
          raw.write(HEARTBEAT);
        })().finally(() => (beating = false));
      }, options.heartbeatMs);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      raw.once('close', end);
      request.raw.once('close', end);
    },
  );
}
