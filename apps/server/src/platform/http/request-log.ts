import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/**
 * One log line per request instead of Fastify's two ("incoming request", then "request completed"):
 * the completed line carries the request's method, URL and id as well as the status and time, and
 * the incoming line was half of a read's logging cost. Errors and Fastify's other lines are unchanged.
 *
 * The completed line is written with fields built here (Fastify's req/res serializers' fields, never
 * a header or a body), on a child of the logger without redaction: redaction copies and walks every
 * top-level value of a line against each path, which was most of the line's cost and finds nothing
 * in these fields. Error lines keep redaction (an error may carry anything).
 */
export class OneLineRequestLog extends LogController {
  readonly #line: Logger;
  constructor(logger: Logger) {
    super();
    this.#line = logger.child({}, { redact: [] });
  }
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    // The request's own logger (a pino child: createHttpServer takes a pino logger) decides the level; a route may set its own.
    else if ((reply.log as Logger).isLevelEnabled('info')) this.#line.info({ [this.requestIdLogLabel]: request.id, req: requestFields(request), res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** What Fastify's `req` serializer writes, with the URL as loggedUrl gives it. */
function requestFields(request: FastifyRequest) {
  return { method: request.method, url: loggedUrl(request), version: request.headers['accept-version'], host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/** Query parameters that carry a one-time secret (an OIDC callback's code and state, a token). */
const SECRET_QUERY = /([?&](?:code|state|token|access_token|id_token)=)[^&#]*/gi;

/**
 * The URL without the secrets some URLs carry: a path parameter named `token` (the links in mail,
 * `/m/:token`, each one use of a ticket action) is logged as the route's pattern, and the values
 * of SECRET_QUERY as `[redacted]`. A log line is read by more people than the mail was.
 */
export function loggedUrl(request: Pick<FastifyRequest, 'url' | 'params' | 'routeOptions'>): string {
  const params = request.params as Record<string, unknown> | undefined;
  const pattern = request.routeOptions?.url;
  const url = pattern && typeof params?.token === 'string' && pattern.includes(':token') ? pattern + queryOf(request.url) : request.url;
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at);
}
