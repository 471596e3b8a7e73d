import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createHttpServer, type App, type HttpTimeouts } from './server.ts';
import { registerUploadRoutes } from './uploads.ts';

// Slow clients on a real socket (port 0). Most limits are shortened for the test (2 s where the
// server defaults to 10 s); a client slower than them is cut with a 408 in the envelope, a long
// upload that keeps flowing goes through. The last test runs at the server's own defaults, with
// the figures of the finding: a 1-byte-per-5-s client is cut, a 50 MB upload at 1 MB/s is not.

const IDLE_MS = 2000;
const SMALL_BODY_MS = 4000;
let app: App;
let port: number;

/** A server with the test's two routes: a public sign-in that reads a JSON body, and an upload that counts the bytes it received. */
async function serverWith(timeouts: Partial<HttpTimeouts> | undefined): Promise<App> {
  const server = await createHttpServer({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    uploadLimit: 64 * 1024 * 1024,
    authenticate: async () => ({ kind: 'anonymous', locale: 'fa' }),
    ...(timeouts ? { timeouts } : {}),
  });
  server.post('/sign-in', { config: { auth: 'public' } }, async () => ({ ok: true }));
  registerUploadRoutes(server, (uploads) => {
    uploads.post('/upload', { config: { auth: 'public' } }, async (request) => {
      let size = 0;
      for await (const part of request.parts()) {
        if (part.type === 'file') for await (const chunk of part.file) size += (chunk as Buffer).length;
      }
      return { size };
    });
    // Answers without reading its body, as a refusal of an upload does.
    uploads.post('/early', { config: { auth: 'public' } }, async (_request, reply) => reply.status(404).send({ code: 'record.not_found' }));
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  return server;
}

beforeAll(async () => {
  app = await serverWith({ headersMs: IDLE_MS, bodyIdleMs: IDLE_MS, smallBodyMs: SMALL_BODY_MS });
  port = (app.server.address() as { port: number }).port;
});
afterAll(() => app.close());

interface Outcome {
  status: number;
  body: string;
  /** Milliseconds from the first byte written until the server closed the connection. */
  elapsed: number;
}

/** Opens a connection, lets `drive` write to it, and resolves when the server closes it. */
function exchange(drive: (socket: Socket) => void, guardMs = 30_000, toPort = port): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(toPort, '127.0.0.1');
    const chunks: Buffer[] = [];
    const guard = setTimeout(() => socket.destroy(), guardMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: rest.join('\r\n\r\n'), elapsed: Date.now() - started });
    });
    socket.on('connect', () => drive(socket));
  });
}

/** Writes one byte now and one every `everyMs` after, until the socket closes. */
function trickle(socket: Socket, bytes: string, everyMs: number): void {
  let i = 0;
  socket.write(bytes[i++]!);
  const timer = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) return clearInterval(timer);
    socket.write(bytes[i++]!);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

const signInHead = (length: number) => `POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('slow clients', () => {
  it('cuts a body that never arrives after the idle limit, with a 408 in the envelope (fa)', async () => {
    const res = await exchange((s) => s.write(signInHead(40)));
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'request.timeout', message: expect.stringMatching(/[\u0600-\u06FF]/) });
    expect(res.elapsed).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(res.elapsed).toBeLessThan(IDLE_MS + 1500);
  });

  it('cuts a body that trickles a byte every 3 s (slower than the 2 s idle limit)', async () => {
    const body = JSON.stringify({ email: 'a@example.test', password: 'secret-secret' });
    const res = await exchange((s) => {
      s.write(signInHead(Buffer.byteLength(body)));
      trickle(s, body, 3000);
    });
    expect(res.status).toBe(408);
    expect(res.elapsed).toBeLessThan(3000 + IDLE_MS + 1500);
  });

  it('cuts a JSON body that trickles just inside the idle limit (a byte a second) once it has taken the whole-body limit', async () => {
    const body = JSON.stringify({ email: 'a@example.test', password: 'secret-secret' });
    const res = await exchange((s) => {
      s.write(signInHead(Buffer.byteLength(body)));
      trickle(s, body, 1000);
    });
    expect(res.status).toBe(408);
    expect(res.elapsed).toBeGreaterThanOrEqual(SMALL_BODY_MS - 100);
    expect(res.elapsed).toBeLessThan(SMALL_BODY_MS + 1500);
  });

  it('cuts headers that trickle in, after the headers limit, with a 408 in the envelope', async () => {
    const res = await exchange((s) => {
      s.write('POST /sign-in HTTP/1.1\r\nHost: x\r\n');
      trickle(s, 'X-Slow: ' + 'a'.repeat(100), 400);
    });
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'request.timeout' });
    expect(res.elapsed).toBeLessThan(IDLE_MS + 2000);
  });

  it('closes the connection when the answer comes before the body (else the rest of a stalled body would hold it open)', async () => {
    const res = await exchange((s) => s.write('POST /early HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n'));
    expect(res.status).toBe(404);
    expect(res.elapsed).toBeLessThan(IDLE_MS / 2);
  });

  it('lets a 10 MB upload at about 2 MB/s through (longer than every limit, but never idle)', async () => {
    const size = 10 * 1024 * 1024;
    const res = await exchange((s) => uploadAt(s, size, 2 * 1024 * 1024));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ size });
    expect(res.elapsed).toBeGreaterThan(IDLE_MS * 2);
  }, 30_000);
});

describe('slow clients at the server defaults (10 s idle and headers, 30 s for a JSON body)', () => {
  // The two run side by side, so the test takes as long as the upload: about 50 s, mostly waiting.
  it('cuts a sign-in that sends a byte every 5 s, and lets a 50 MB upload at 1 MB/s through', async () => {
    const server = await serverWith(undefined);
    try {
      const at = (server.server.address() as { port: number }).port;
      const body = JSON.stringify({ email: 'a@example.test', password: 'secret-secret-secret' });
      const size = 50 * 1024 * 1024;
      const [slow, upload] = await Promise.all([
        exchange(
          (s) => {
            s.write(signInHead(Buffer.byteLength(body)));
            trickle(s, body, 5000);
          },
          60_000,
          at,
        ),
        exchange((s) => uploadAt(s, size, 1024 * 1024), 90_000, at),
      ]);
      // Never idle for 10 s, so the whole-body limit cuts it: at 30 s, not after the 80 s it took to send.
      expect(slow.status).toBe(408);
      expect(JSON.parse(slow.body)).toMatchObject({ code: 'request.timeout', message: expect.stringMatching(/[\u0600-\u06FF]/) });
      expect(slow.elapsed).toBeGreaterThanOrEqual(30_000 - 100);
      expect(slow.elapsed).toBeLessThan(32_000);
      expect(upload.status).toBe(200);
      expect(JSON.parse(upload.body)).toEqual({ size });
      expect(upload.elapsed).toBeGreaterThan(45_000);
    } finally {
      await server.close();
    }
  }, 90_000);
});

/** Sends a multipart upload of `size` bytes at `bytesPerSecond`, evenly (a slice every 50 ms). */
function uploadAt(s: Socket, size: number, bytesPerSecond: number): void {
  const boundary = 'slowupload';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  s.write(
    `POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
      `Content-Length: ${head.length + size + tail.length}\r\n\r\n`,
  );
  s.write(head);
  const started = Date.now();
  let sent = 0;
  const timer = setInterval(() => {
    if (s.destroyed) return clearInterval(timer);
    const due = Math.min(size, Math.floor(((Date.now() - started) / 1000) * bytesPerSecond));
    if (due > sent) {
      s.write(Buffer.alloc(due - sent, 7));
      sent = due;
    }
    if (sent >= size) {
      clearInterval(timer);
      s.write(tail);
    }
  }, 50);
}
