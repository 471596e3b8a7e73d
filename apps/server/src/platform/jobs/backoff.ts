/** Base delay of the first retry. */
export const BACKOFF_BASE_MS = 1_000;
/** No retry waits longer than this, however many attempts came before. */
export const BACKOFF_CAP_MS = 60 * 60 * 1_000;
/** Jitter adds up to this fraction of the delay, so that jobs failing together do not retry together. */
export const BACKOFF_JITTER = 0.25;

/**
 * Delay before retry `attempt` (1-based: the delay after the first failure is attempt 1):
 * exponential (1 s, 2 s, 4 s, … capped at one hour) plus up to 25 % random jitter.
 * `random` is injectable so that tests can pin the jitter.
 */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 32));
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  return Math.round(delay + delay * BACKOFF_JITTER * random());
}
