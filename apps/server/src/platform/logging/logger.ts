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

/**
 * JSON lines on stdout (or `dest`), each written as it is logged (synchronously). Buffered writes
 * (4 KB or 100 ms; ADR 0036) were tried and taken back: a SIGKILL — the OOM killer, `kill -9`, a
 * supervisor's timeout — lost the last lines, which are the ones a post-mortem reads (the SLA
 * sweep's two-process test reads from a killed process's log exactly the batches it committed).
 */
export function createLogger(level: string, dest: number | string = 1): Logger {
  // Nothing to write: no destination at all (tests build many of these).
  if (level === 'silent') return pino({ level });
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, pino.destination({ dest, sync: true }));
}

export type { Logger };
