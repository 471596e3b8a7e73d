import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
export const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-0123' };
export const PASSWORD = 'e2e-password-0123456789';

/** Chromium for the real-browser tests: Debian's, never a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_MESSAGE = `SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium); under CI=true this fails.`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The real server (`pishkhan start`, as `npm start` runs it) on a fresh SQLite data dir and a free
 * port; it builds the web app first when the build is missing or stale. `extraEnv` is added to its
 * environment (PISHKHAN_SMTP_PORT for a test that sends mail in).
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-e2e-'));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), PISHKHAN_SMTP_PORT: '0', ...extraEnv, HOST: '127.0.0.1', PISHKHAN_DATA_DIR: dataDir, PISHKHAN_ADMIN_EMAIL: ADMIN.email, PISHKHAN_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn', DATABASE_URL: '' };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'apps/server/src/main.ts'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not start within 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A contact with a sign-in, made by the CLI against the server's data dir (as an admin would). */
export function createContactUser(server: RunningServer, email: string, name: string): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'apps/server/src/main.ts'), 'user', 'create', '--email', email, '--name', name, '--contact', '--password', PASSWORD], {
    cwd: ROOT,
    env: { ...process.env, PISHKHAN_DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`user create failed: ${r.stderr}${r.stdout}`);
}

/** A tiny API client for setting the world up (cookie + CSRF), as the browser does. */
export class ApiClient {
  private cookie = '';
  private csrf = '';
  private readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  static async signIn(base: string, email: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(base);
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
    client.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    client.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return client;
  }

  /** Uploads one file to a ticket (multipart), as the composer does. */
  async upload(ticketId: number, filename: string, content: string): Promise<number> {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/plain' }), filename);
    const res = await fetch(`${this.base}/api/v1/tickets/${ticketId}/attachments`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf }, body: form });
    if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items: { id: number }[] }).items[0]!.id;
  }

  async call<T = any>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/v1${url}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'accept-language': 'en', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface World {
  server: RunningServer;
  admin: ApiClient;
  groupId: number;
  otherGroupId: number;
  analyst: { email: string; id: number };
  analyst2: { email: string; id: number };
  supervisor: { email: string; id: number };
  customer: { email: string; name: string };
}

/** The desk of the journeys: Service Desk (analyst, supervisor), Network (analyst2), one customer. */
export async function buildWorld(server: RunningServer): Promise<World> {
  const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  const groups = await admin.call<{ items: { id: number }[] }>('GET', '/groups');
  const groupId = groups.items[0]!.id;
  const otherGroupId = (await admin.call<{ id: number }>('POST', '/groups', { name: 'شبکه' })).id;
  const agent = async (email: string, name: string, roles: string[], groupIds: number[]) => ({
    email,
    id: (await admin.call<{ id: number }>('POST', '/agents', { email, name, roles, groupIds, password: PASSWORD })).id,
  });
  const analyst = await agent('analyst@e2e.test', 'سارا کارشناس', ['analyst'], [groupId]);
  const analyst2 = await agent('network@e2e.test', 'Reza Network', ['analyst'], [otherGroupId]);
  const supervisor = await agent('supervisor@e2e.test', 'مریم سرپرست', ['supervisor'], [groupId]);
  const customer = { email: 'customer@e2e.test', name: 'علی مشتری' };
  createContactUser(server, customer.email, customer.name);
  return { server, admin, groupId, otherGroupId, analyst, analyst2, supervisor, customer };
}
