import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../harness.ts';
import { PASSWORD } from './common.ts';
import { makeAgent } from './people.ts';

/** An HTTP client bound to one signed-in session (cookie + CSRF header), over app.inject. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function anonymousClient(app: FastifyInstance): Client {
  return clientWith(app, {});
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  return sessionClient(app, res, res.json().csrfToken);
}

/** The client of the session a sign-in answer (password, single sign-on) set in its cookie. */
export function sessionClient(app: FastifyInstance, res: LightMyRequestResponse, csrfToken: string): Client {
  const cookie = res.cookies.find((c) => c.name === 'pishkhan_session')!;
  return clientWith(app, { cookie: `pishkhan_session=${cookie.value}`, 'x-csrf-token': csrfToken, 'accept-language': 'en' });
}

/** A client carrying the session a sign-in answer started (its cookie and CSRF token): e.g. the second factor's. */
export function clientOfSession(app: FastifyInstance, res: LightMyRequestResponse): Client {
  return sessionClient(app, res, res.json().csrfToken);
}

function clientWith(app: FastifyInstance, headers: Record<string, string>): Client {
  const request = (options: InjectOptions) => app.inject({ ...options, headers: { ...headers, ...(options.headers ?? {}) } });
  const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown) =>
    request({ method, url, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** A fresh app and a signed-in admin (a people test's usual start). */
export async function appWithAdmin(): Promise<{ t: TestApp; admin: Client }> {
  const t = await createTestApp();
  return { t, admin: await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email) };
}
