import type { ErrorEnvelope, SessionResponse } from '@pishkhan/contracts';

/**
 * The one HTTP client of both entries: JSON in and out, the session cookie (same origin), the
 * CSRF token the server returned at sign-in sent back as X-CSRF-Token on every write, and the
 * user's language as Accept-Language so that error messages arrive in it.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let language: 'fa' | 'en' = 'fa';

export function rememberSession(session: SessionResponse | null): void {
  csrfToken = session?.csrfToken ?? null;
}

export function setApiLanguage(lang: 'fa' | 'en'): void {
  language = lang;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `keepalive`: the request outlives the page (a leave sent as the tab closes or navigates away). */
async function request<T>(method: Method, path: string, body?: unknown, options: { keepalive?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload ?? null, credentials: 'same-origin', ...(options.keepalive ? { keepalive: true } : {}) });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const envelope = (data ?? {}) as Partial<ErrorEnvelope>;
    throw new ApiError(response.status, envelope.code ?? 'request.failed', envelope.message ?? response.statusText, envelope.details ?? {});
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string, options?: { keepalive?: boolean }) => request<T>('DELETE', path, undefined, options),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/** Query string from defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '') as [string, string | number][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
