import pino, { type Logger } from 'pino';

/** Paths never written to logs, whatever the level. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  'password',
  'token',
  'secret',
];

/** Lines gather up to this many bytes before a write (one write for ≈ 20 request lines under load). */
const BUFFER_BYTES = 4096;
/** …and never wait longer than this: operators and the tests that wait for a line read them live. */
const FLUSH_EVERY_MS = 100;

/**
 * JSON lines on stdout (or `dest`), buffered: a write per line was a syscall and a thread-pool round
 * trip per request. pino flushes what is buffered synchronously when the process exits — process.exit,
 * an empty event loop, an uncaught exception or rejection (Node emits 'exit' then too) — so the lines
 * before a crash come out, and Node writes its cause to stderr. Only a SIGKILL loses the last ≤ 100 ms.
 */
export function createLogger(level: string, dest: number | string = 1): Logger {
  // Nothing to write: no buffer and no flush timer (tests build many of these).
  if (level === 'silent') return pino({ level });
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination({ dest, sync: false, minLength: BUFFER_BYTES, periodicFlush: FLUSH_EVERY_MS }));
}

export type { Logger };
