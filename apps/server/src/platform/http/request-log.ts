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

/** What Fastify's `req` serializer writes. */
function requestFields(request: FastifyRequest) {
  return { method: request.method, url: request.url, version: request.headers['accept-version'], host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
