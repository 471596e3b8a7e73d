/**
 * Named crash points for the crash tests. When the process is a test build and
 * PISHKHAN_TEST_FAULT names this point, the process kills itself with SIGKILL right here: no
 * finally blocks, no shutdown hooks, no flush — exactly like a power cut or the OOM killer.
 * In a production build (neither NODE_ENV=test nor PISHKHAN_TEST_BUILD=1) this is a no-op.
 */
export function faultPoint(name: FaultPointName): void {
  const env = process.env;
  if (env.PISHKHAN_TEST_FAULT !== name) return;
  if (env.NODE_ENV !== 'test' && env.PISHKHAN_TEST_BUILD !== '1') return;
  process.kill(process.pid, 'SIGKILL');
}

/** Every fault point placed in the code; README.md says where each one sits and what it proves. */
export const FAULT_POINTS = ['outbox.after_commit_before_dispatch', 'jobs.after_claim', 'jobs.after_handler_before_commit'] as const;
export type FaultPointName = (typeof FAULT_POINTS)[number];
