import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_POINTS, PAUSE_POINTS, faultPoint, holdAt, pausePoint } from './faults.ts';

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

  it('names eight distinct points', () => {
    expect(new Set(FAULT_POINTS).size).toBe(8);
  });
});

describe('pausePoint', () => {
  it('passes straight through when no hold is set', async () => {
    for (const point of PAUSE_POINTS) await pausePoint(point);
    expect(PAUSE_POINTS.length).toBeGreaterThan(0);
  });

  it('holds only the first caller, until released', async () => {
    const hold = holdAt('tickets.relate.after_check');
    const order: string[] = [];
    const first = pausePoint('tickets.relate.after_check').then(() => order.push('first'));
    await hold.reached;
    await pausePoint('tickets.relate.after_check').then(() => order.push('second'));
    expect(order).toEqual(['second']);
    hold.release();
    await first;
    expect(order).toEqual(['second', 'first']);
  });

  it('cannot be held outside a test build', () => {
    process.env.NODE_ENV = 'production';
    delete process.env.PISHKHAN_TEST_BUILD;
    expect(() => holdAt('tickets.relate.after_check')).toThrow(/test build/);
  });
});
