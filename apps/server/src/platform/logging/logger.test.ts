import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOGGER = fileURLToPath(new URL('./logger.ts', import.meta.url));

/** Runs `body` in a child Node process with `logger = createLogger('info')`; resolves with its output once it exits. */
function child(body: string, onStdout?: (text: string, kill: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `import { createLogger } from ${JSON.stringify(LOGGER)};\nconst logger = createLogger('info');\n${body}`;
  const proc = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    onStdout?.(stdout, () => proc.kill('SIGKILL'));
  });
  proc.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => proc.on('close', (code) => resolve({ code, stdout, stderr })));
}

const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string; n?: number; password?: string });

describe('the logger', () => {
  it('writes every line before an uncaught exception ends the process, whose cause goes to stderr', async () => {
    const run = await child(`for (let n = 0; n < 500; n++) logger.info({ n }, 'before the crash');\nthrow new Error('the cause of the crash');`);
    expect(run.code).toBe(1);
    expect(lines(run.stdout).map((l) => l.n)).toEqual(Array.from({ length: 500 }, (_, n) => n));
    expect(run.stderr).toContain('the cause of the crash');
  });

  it('writes every line before process.exit, and the fatal line that explains it', async () => {
    const run = await child(`for (let n = 0; n < 500; n++) logger.info({ n }, 'working');\nlogger.fatal('cannot go on');\nprocess.exit(3);`);
    expect(run.code).toBe(3);
    const written = lines(run.stdout);
    expect(written).toHaveLength(501);
    expect(written.at(-1)?.msg).toBe('cannot go on');
  });

  it('has written every line when the process is killed (SIGKILL: no exit handler runs)', async () => {
    const run = await child(`for (let n = 0; n < 300; n++) logger.info({ n }, 'committed');\nprocess.kill(process.pid, 'SIGKILL');`);
    expect(lines(run.stdout).map((l) => l.n)).toEqual(Array.from({ length: 300 }, (_, n) => n));
  });

  it('sends a lone line at once, without waiting for the process to end', async () => {
    const started = Date.now();
    let seenAfter = -1;
    await child(`logger.info('alone');\nsetTimeout(() => {}, 20_000);`, (text, kill) => {
      if (text.includes('"alone"')) {
        seenAfter = Date.now() - started;
        kill();
      }
    });
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    expect(seenAfter).toBeLessThan(10_000);
  });

  it('redacts secrets', async () => {
    const run = await child(`logger.info({ password: 'hunter2', user: { token: 't0ken' } }, 'signed in');`);
    expect(run.stdout).not.toContain('hunter2');
    expect(run.stdout).not.toContain('t0ken');
    expect(lines(run.stdout)[0]?.password).toBe('[redacted]');
  });
});
