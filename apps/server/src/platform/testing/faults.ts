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
  // PISHKHAN_TEST_FAULT_AT=k fires at the k-th pass (a batch killed after message k), default the first.
  const at = Number(env.PISHKHAN_TEST_FAULT_AT ?? '1');
  const seen = (hits.get(name) ?? 0) + 1;
  hits.set(name, seen);
  if (seen < at) return;
  process.kill(process.pid, 'SIGKILL');
}

const hits = new Map<string, number>();

/** Every fault point placed in the code; README.md says where each one sits and what it proves. */
export const FAULT_POINTS = ['outbox.after_commit_before_dispatch', 'jobs.after_claim', 'jobs.after_handler_before_commit', 'email.after_commit_before_ack', 'sla.after_action_claimed', 'commands.group_before_commit', 'jobs.after_outside_before_record', 'outbox.inline_before_commit'] as const;
export type FaultPointName = (typeof FAULT_POINTS)[number];

/** Every pause point placed in the code (README.md): where a race test holds one transaction. */
export const PAUSE_POINTS = ['tickets.relate.after_check', 'backup.after_first_table'] as const;
export type PausePointName = (typeof PAUSE_POINTS)[number];

const holds = new Map<PausePointName, { reached(): void; released: Promise<void> }>();

/**
 * Named pause points for race tests, in the same process. When a test has called `holdAt(name)`,
 * the first caller to reach the point waits here until the test releases it; every later caller
 * (and every caller when no hold is set) passes straight through. Only a test build can set a
 * hold, so in production this is one map lookup.
 */
export async function pausePoint(name: PausePointName): Promise<void> {
  const hold = holds.get(name);
  if (!hold) return;
  holds.delete(name);
  hold.reached();
  await hold.released;
}

/** A hold set by `holdAt`: `reached` resolves when the first caller is waiting at the point; `release()` lets it go on. */
export interface PauseHold {
  reached: Promise<void>;
  release(): void;
}

/**
 * Tests: holds the next caller of pause point `name` until `release()`. Refused outside a test
 * build (NODE_ENV=test or PISHKHAN_TEST_BUILD=1), so production code can never be paused.
 */
export function holdAt(name: PausePointName): PauseHold {
  if (process.env.NODE_ENV !== 'test' && process.env.PISHKHAN_TEST_BUILD !== '1') throw new Error('Pause points can only be held in a test build');
  let reached!: () => void;
  let release!: () => void;
  const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  holds.set(name, { reached, released });
  return {
    reached: reachedPromise,
    release() {
      holds.delete(name);
      release();
    },
  };
}
