import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';
import { buildWorld, freePort, hasChromium, SKIP_MESSAGE, startServer, type RunningServer, type World } from './server.ts';

/** Without Chromium the browser tests skip with a clear message, and fail the run under CI=true. */
export function requireChromium(): void {
  if (hasChromium) return;
  if (process.env.CI === 'true') throw new Error(SKIP_MESSAGE.replace('SKIPPED', 'FAILED'));
  console.warn(SKIP_MESSAGE);
}

/** A real server with the e2e world and one headless Chromium, ready once the suite's beforeAll ran. */
export interface E2eDesk {
  server: RunningServer;
  world: World;
  browser: Browser;
  /** With `{ smtp: true }`: the port of the server's SMTP receiver, for a test that sends mail in. */
  smtpPort?: number;
}

/**
 * Call inside a `describe.skipIf(!hasChromium)` block: starts the server, builds the world and
 * launches the browser before the block's tests (then `ready`, if given), and stops both after them.
 */
export function useE2eDesk(ready?: (desk: E2eDesk) => Promise<void>, options: { smtp?: boolean } = {}): E2eDesk {
  const desk = {} as E2eDesk;
  beforeAll(async () => {
    if (options.smtp) desk.smtpPort = await freePort();
    desk.server = await startServer(desk.smtpPort ? { PISHKHAN_SMTP_PORT: String(desk.smtpPort) } : {});
    desk.world = await buildWorld(desk.server);
    desk.browser = await launch();
    await ready?.(desk);
  }, 180_000);
  afterAll(async () => {
    await desk.browser?.close();
    await desk.server?.stop();
  });
  return desk;
}
