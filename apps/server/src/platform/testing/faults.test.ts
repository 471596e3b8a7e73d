import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_POINTS, faultPoint } from './faults.ts';

const saved = { fault: process.env.PISHKHAN_TEST_FAULT, nodeEnv: process.env.NODE_ENV, build: process.env.PISHKHAN_TEST_BUILD };
function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(() => {
  restore('PISHKHAN_TEST_FAULT', saved.fault);
  restore('NODE_ENV', saved.nodeEnv);
  restore('PISHKHAN_TEST_BUILD', saved.build);
});

// If a guard were wrong, faultPoint would SIGKILL this test worker and the file would fail.
describe('faultPoint', () => {
  it('does nothing when no fault is configured, or another one is', () => {
    delete process.env.PISHKHAN_TEST_FAULT;
    for (const point of FAULT_POINTS) faultPoint(point);
    process.env.PISHKHAN_TEST_FAULT = 'jobs.after_claim';
    faultPoint('outbox.after_commit_before_dispatch');
    faultPoint('jobs.after_handler_before_commit');
    expect(process.pid).toBeGreaterThan(0);
  });

  it('does nothing outside a test build, even when the fault is named', () => {
    process.env.PISHKHAN_TEST_FAULT = 'jobs.after_claim';
    process.env.NODE_ENV = 'production';
    delete process.env.PISHKHAN_TEST_BUILD;
    faultPoint('jobs.after_claim');
    process.env.PISHKHAN_TEST_BUILD = '0';
    faultPoint('jobs.after_claim');
    expect(process.pid).toBeGreaterThan(0);
  });

  it('names three distinct points', () => {
    expect(new Set(FAULT_POINTS).size).toBe(3);
  });
});
