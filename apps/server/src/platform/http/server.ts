import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type RawServerDefault } from 'fastify';
import { hasUnstorableText, toStorableText } from '@pishkhan/text';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import cookie from '@fastify/cookie';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import type { Logger } from 'pino';
import addFormatsPlugin from 'ajv-formats';
import type { FastifySchema, HTTPMethods } from 'fastify';
import type { Actor } from '../actor.ts';
import { CommonErrors, DomainError, errorDefinition, renderMessage } from './errors.ts';
import { issuesFromAjv } from './input-issues.ts';
import { languageFromHeader, type Language } from './language.ts';
import { securityHeadersHook } from './security-headers.ts';
import { OneLineRequestLog } from './request-log.ts';
import { nullableResponseSerializer } from './response-serializer.ts';
import { serializersOnFirstUse, validatorsOnFirstUse } from './compiled-on-first-use.ts';
import { isUniqueViolation } from '../db/dialects/index.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    language: Language;
  }
  interface FastifyInstance {
    /** Every route as registered, with its schema: the route matrix and the bad-input test read it. */
    routeCatalog: RouteEntry[];
    /**
     * Answers a GET for a path no route knows and outside /api (the web app's deep links such as
     * /tickets/12 or /portal/requests/3 load the app's page); set by platform/http/web-app.ts.
     */
    pageFallback: ((request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) | null;
  }
  interface FastifyContextConfig {
    /**
     * 'public': reachable without signing in. 'password-change': signed in, and open to a user who
     * must still replace a generated password or an admin who must still enrol a second factor
     * (session and password routes). 'totp-enrolment': signed in, open to an admin who must still
     * enrol (the TOTP routes). Default: signed in with nothing pending.
     */
    auth?: 'public' | 'required' | 'password-change' | 'totp-enrolment' | 'link';
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  public: boolean;
}

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

/**
 * Two validators: query strings and params coerce ("5" → 5, "a" → ["a"]) as HTTP needs; JSON
 * bodies never coerce, so a number sent for a string field is refused, not silently converted.
 */
export function createAjvPair() {
  // verbose: a union's error carries its branches and the data, so that its message can list the allowed values.
  const base = { useDefaults: true, removeAdditional: false as const, allErrors: false, strict: false, verbose: true };
  const body = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const other = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  return { body, other };
}

function validators() {
  const { body, other } = createAjvPair();
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) => (httpPart === 'body' ? body : other).compile(schema);
}

export interface HttpOptions {
  logger: Logger;
  trustProxy: boolean;
  /** Largest JSON body (descriptions and replies are at most 100k characters). */
  bodyLimit: number;
  /** Largest uploaded file the parser lets through; the storage port enforces the business limit (a setting) while streaming. */
  uploadLimit: number;
  /** Resolves the request's actor from its cookie or token; checks CSRF for cookie-authenticated writes. */
  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Actor>;
  /**
   * Rate limits of the routes that opt in (`config: { rateLimit: PUBLIC_RATE_LIMIT }`): per address
   * and route, `max` a minute, counted in `store` (a table: every process shares the counters).
   */
  rateLimit?: { max: number; store?: FastifyRateLimitStoreCtor };
  /** Slow-client limits (default 10 s each); tests shorten them. */
  timeouts?: Partial<HttpTimeouts>;
}

/**
 * How long a client may take. `headersMs`: from connecting to the end of the request headers.
 * `bodyIdleMs`: the longest pause between two bytes of a request body — a long upload that keeps
 * flowing is never cut, a body that stalls or trickles slower than this is.
 */
export interface HttpTimeouts {
  headersMs: number;
  bodyIdleMs: number;
  /**
   * The whole of a body that is not an upload (JSON, at most bodyLimit): a client that trickles a
   * byte just inside the idle limit still cannot hold a request — the public sign-in — open for long.
   */
  smallBodyMs: number;
}

const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, bodyIdleMs: 10_000, smallBodyMs: 30_000 };

/**
 * Builds the Fastify instance every module registers its routes on: TypeBox validation,
 * OpenAPI, security headers, the one error envelope `{ code, message, details }`.
 */
export async function createHttpServer(options: HttpOptions): Promise<App> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new OneLineRequestLog(options.logger),
    // Responses serialised without running Ajv on every nullable field (response-serializer.ts).
    schemaController: { compilersFactory: { buildSerializer: serializersOnFirstUse(nullableResponseSerializer()) as never } },
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimit,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node checks the headers timeout on this interval (30 s by default, which would triple it).
      connectionsCheckingInterval: Math.max(250, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
    },
    // Node's own refusals (malformed request line, headers over the size limit, headers timeout) in the envelope.
    clientErrorHandler: sendClientError,
    // Fastify's refusals before routing (an undecodable URL) in the envelope.
    frameworkErrors: (error, request, reply) => {
      request.language = languageFromHeader(request.headers['accept-language']) ?? 'fa';
      void sendError(error, request, reply);
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  watchBodyIdle(app, timeouts);
  app.setValidatorCompiler(validatorsOnFirstUse(validators()));
  // The API speaks JSON (and multipart on the upload routes: uploads.ts); any other body is a 415, never silently ignored.
  app.removeContentTypeParser('text/plain');

  const catalog: RouteEntry[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]) as HTTPMethods[];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      catalog.push({ method, url: route.url, schema: route.schema, public: route.config?.auth === 'public' || route.config?.auth === 'link' || route.url.startsWith('/api/docs') });
    }
  });

  app.decorate('pageFallback', null);
  // Read by the upload routes' own scope (uploads.ts), the only one that parses multipart.
  app.decorate('uploadLimit', options.uploadLimit);
  const isPageFallback = (request: FastifyRequest) => request.is404 && app.pageFallback !== null && (request.method === 'GET' || request.method === 'HEAD') && !/^\/(api|metrics|assets)(\/|$|\?)/.test(request.url);
  app.decorateRequest('actor', undefined as never);
  app.decorateRequest('language', 'fa');

  app.addHook('onRequest', securityHeadersHook());
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    max: options.rateLimit?.max ?? 30,
    timeWindow: 60_000,
    ...(options.rateLimit?.store ? { store: options.rateLimit.store } : {}),
    // The envelope, like every other refusal; the plugin sets Retry-After itself.
    errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode, retryAfter: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Pishkhan API', version: '1', description: 'Pishkhan (پیشخوان) service desk REST API' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pishkhan_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (request, reply) => {
    request.language = languageFromHeader(request.headers['accept-language']) ?? 'fa';
    reply.header('x-request-id', request.id);
    // Bodies are text in UTF-8 or multipart; a JSON body in UTF-16 or Latin-1 would be misread, not refused.
    if (!isUtf8OrNoCharset(request.headers['content-type'])) throw new DomainError(CommonErrors['request.unsupported_charset']);
    // The query parser leaves a malformed escape as it came (`%E0%A4%A` would be read as that text): refuse it instead.
    if (!isDecodableQuery(request.url)) throw new DomainError(CommonErrors['request.bad_query']);
    // 'link': a page or action authorised by a one-time token in its URL alone (links in mail);
    // the session, if any, is not read, so a signed-in browser's form POST needs no CSRF header.
    if (request.url.startsWith('/api/docs') || request.routeOptions.config?.auth === 'link') {
      request.actor = { kind: 'anonymous', locale: request.language };
      return;
    }
    request.actor = await options.authenticate(request, reply);
    if (request.actor.kind === 'user' && !languageFromHeader(request.headers['accept-language'])) request.language = request.actor.locale;
    const auth = request.routeOptions.config?.auth ?? 'required';
    if (auth === 'public' || isPageFallback(request)) return;
    if (request.actor.kind === 'anonymous') throw new DomainError(CommonErrors['auth.required']);
    // Enforced here, once for every route, so that no route can forget it.
    if (request.actor.kind === 'user' && request.actor.mustChangePassword && auth !== 'password-change') {
      throw new DomainError(CommonErrors['auth.password_change_required']);
    }
    if (request.actor.kind === 'user' && request.actor.mustEnrolTotp && auth !== 'password-change' && auth !== 'totp-enrolment') {
      throw new DomainError(CommonErrors['auth.totp_enrolment_required']);
    }
  });

  // Text the databases cannot store is refused at the edge, for every route, before validation.
  // The hooks that do no async work for every request take Fastify's callback form: no promise each.
  app.addHook('preValidation', (request, _reply, done) => {
    for (const [part, value] of [['params', request.params], ['query', request.query], ['body', request.body]] as const) {
      const path = unstorablePath(value, part);
      if (path !== undefined) return done(new DomainError(CommonErrors['request.unstorable_text'], { field: path }));
    }
    done();
  });

  // Responses may carry session data (the CSRF token, a ticket's text): no browser or proxy stores them.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => (isPageFallback(request) ? app.pageFallback!(request, reply) : sendError(new DomainError(CommonErrors['request.not_found']), request, reply)));
  return app;
}

/** Whether every name and value of the URL's query string is well-formed percent-encoded UTF-8. */
export function isDecodableQuery(url: string): boolean {
  const at = url.indexOf('?');
  if (at < 0) return true;
  for (const part of url.slice(at + 1).split(/[&=]/)) {
    if (!part.includes('%')) continue;
    try {
      decodeURIComponent(part);
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether a Content-Type names no charset or UTF-8 (the only text encoding the API reads). */
export function isUtf8OrNoCharset(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType);
  return match === null || /^utf-?8$/i.test(match[1] ?? '');
}

/**
 * Cuts a request whose body pauses longer than `bodyIdleMs` between bytes, or whose non-upload
 * body takes longer than `smallBodyMs` in all: the timers run only while a body is arriving, so a
 * slow handler or a long download is never cut by them. A reply sent while the body is still
 * arriving ends the connection.
 * The client gets a 408 in the envelope when nothing was answered yet.
 */
function watchBodyIdle(app: App, limits: Pick<HttpTimeouts, 'bodyIdleMs' | 'smallBodyMs'>): void {
  const pending = new WeakMap<Duplex, { language: Language; answered: () => boolean }>();
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    const hasBody = raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0;
    const socket = raw.socket as Duplex & Partial<Pick<Socket, 'setTimeout'>>;
    // Injected requests (tests) have no real socket.
    if (!hasBody || raw.complete || typeof socket?.setTimeout !== 'function') return done();
    pending.set(socket, { language: languageFromHeader(raw.headers['accept-language']) ?? 'fa', answered: () => reply.raw.headersSent });
    socket.setTimeout(limits.bodyIdleMs);
    const upload = /^multipart\//i.test(raw.headers['content-type'] ?? '');
    const deadline = upload ? undefined : setTimeout(() => socket.emit('timeout'), limits.smallBodyMs);
    deadline?.unref();
    const finished = () => {
      clearTimeout(deadline);
      pending.delete(socket);
      if (!socket.destroyed) socket.setTimeout?.(0);
    };
    raw.once('end', finished);
    raw.once('close', finished);
    done();
  });
  // A reply sent before its body arrived (a refusal, or an upload to a ticket that does not exist)
  // closes the connection: Node would otherwise keep reading the rest of the body for the next
  // request on the connection, with no limit, and a stalled client would hold it open for ever.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (pending.has(request.raw.socket) && !request.raw.complete) reply.header('connection', 'close');
    done(null, payload);
  });
  app.server.on('timeout', (socket: Duplex) => {
    const waiting = pending.get(socket);
    pending.delete(socket);
    if (waiting && !waiting.answered() && socket.writable) socket.end(rawErrorResponse(408, CommonErrors['request.timeout'], waiting.language));
    socket.destroy();
  });
}

/** A whole HTTP/1.1 error response in the envelope, for the places where only the socket is left. */
function rawErrorResponse(status: number, code: string, lang: Language): string {
  const body = JSON.stringify({ code, message: renderMessage(code, lang, {}), details: {} });
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status] ?? 'Error';
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Node's `clientError`: the request could not be parsed, so no route or hook runs. The language
 * comes from an Accept-Language header among the bytes that did arrive; Persian otherwise.
 */
function sendClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, CommonErrors['request.headers_too_large']]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, CommonErrors['request.timeout']]
        : [400, CommonErrors['request.malformed']];
  const head = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 64 * 1024).toString('latin1') : '';
  const lang = languageFromHeader(/\r\naccept-language:([^\r\n]*)/i.exec(head)?.[1]?.trim()) ?? 'fa';
  if (socket.writable) socket.end(rawErrorResponse(status, code, lang));
  socket.destroy();
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = request.language ?? 'fa';
  const { code, details, status } = classify(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  // A refusal that says how long to wait says it the HTTP way too.
  if (status === 429 && typeof details.retryAfter === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(details.retryAfter));
  // Set here as well as in onSend: Fastify's refusals before routing (an undecodable URL) skip the hooks.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ code, message: renderMessage(code, lang, details), details });
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  validation?: Array<{ instancePath?: string; schemaPath?: string; keyword?: string; params?: Record<string, unknown>; schema?: unknown; data?: unknown }>;
  validationContext?: string;
  message?: string;
}

function classify(error: unknown): { code: string; details: Record<string, unknown>; status: number } {
  if (error instanceof DomainError) {
    return { code: error.code, details: error.details, status: errorDefinition(error.code)?.status ?? 400 };
  }
  if (isUniqueViolation(error)) return { code: CommonErrors['record.conflict'], details: { field: 'unique' }, status: 409 };
  const e = (error ?? {}) as FastifyLikeError;
  if (e.validation) {
    const issues = issuesFromAjv(e.validation, e.validationContext ?? 'body');
    return { code: CommonErrors['request.invalid'], details: { field: issues[0]?.field ?? '', issues }, status: 400 };
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: CommonErrors['request.bad_json'], details: {}, status: 400 };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { code: CommonErrors['request.unsupported_media_type'], details: {}, status: 415 };
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: CommonErrors['request.bad_url'], details: {}, status: 400 };
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return { code: CommonErrors['request.bad_multipart'], details: {}, status: 400 };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return { code: CommonErrors['request.too_large'], details: {}, status: 413 };
  }
  if (isMultipartParserError(e.message)) return { code: CommonErrors['request.bad_multipart'], details: {}, status: 400 };
  if (e.statusCode === 429) {
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    return { code: CommonErrors['request.rate_limited'], details: typeof retryAfter === 'number' ? { retryAfter } : {}, status: 429 };
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's other refusals of the request as such: the code is machine-readable, the message ours.
    return { code: CommonErrors['request.invalid'], details: { field: '', reason: e.code ?? null, issues: [{ in: 'request', field: '', keyword: 'unparsed', params: {} }] }, status: e.statusCode };
  }
  return { code: CommonErrors['server.error'], details: {}, status: 500 };
}

/** The multipart parser (busboy) rejects a malformed body with plain errors: these are its messages. */
function isMultipartParserError(message: string | undefined): boolean {
  return message !== undefined && /^(Multipart: Boundary not found|Unexpected end of (multipart data|form)|Malformed part header|.* terminated early due to unexpected end of multipart data)$/.test(message);
}

/** The path of the first string (or key) in a parsed request part that the databases cannot store. */
function unstorablePath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return hasUnstorableText(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (hasUnstorableText(key)) return `${path}.${toStorableText(key)}`;
    const found = unstorablePath(item, `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
