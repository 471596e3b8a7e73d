import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { hitRateLimit } from './rate-limits.repository.ts';

/** The route options a public endpoint opts into: the per-address limit set by PISHKHAN_PUBLIC_RATE_LIMIT. */
export const PUBLIC_RATE_LIMIT = { rateLimit: {} } as const;

/**
 * The route options of ticket submission: customers (a contact-only sign-in, or a ticket link's
 * customer) get the same per-minute limit per sign-in (else per address), counted once the actor is
 * known (preHandler); the desk's agents are not limited.
 */
export const PORTAL_SUBMISSION_RATE_LIMIT = {
  rateLimit: {
    hook: 'preHandler',
    allowList: (request: FastifyRequest) => request.actor?.kind === 'user' && request.actor.agent !== null,
    keyGenerator: (request: FastifyRequest) => (request.actor?.kind === 'user' ? `user:${request.actor.userId}` : request.ip),
  },
} as const;

/**
 * @fastify/rate-limit's store on the `rate_limits` table (fixed windows, one upsert per hit), so the
 * counters are the same in every process sharing the PostgreSQL database; keyed by route and address.
 */
export function rateLimitStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  const store = (prefix: string): FastifyRateLimitStore => ({
    incr(key, callback, timeWindow) {
      const now = clock.now();
      hitRateLimit(db, `${prefix}${key}`, now, timeWindow).then(
        ({ hits, windowStart }) => callback(null, { current: hits, ttl: Math.max(0, windowStart + timeWindow - now) }),
        (error: Error) => callback(error),
      );
    },
    child(params) {
      // The plugin hands the route's merged limits with the route itself as `routeInfo`.
      const route = (params as unknown as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return store(`${String(route.method ?? '')}:${String(route.url ?? '')}:`);
    },
  });
  return class {
    constructor() {
      return store('global:');
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
