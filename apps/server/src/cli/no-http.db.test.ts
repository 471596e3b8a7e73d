import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Pishkhan } from '../app.ts';
import { bootstrapInstallation } from '../bootstrap.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { TEST_SECRET, testConfig } from '../../test/harness.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { userCreate } from './user-create.ts';

let db: TestDatabase;
let pishkhan: Pishkhan;
beforeAll(async () => {
  db = await createTestDatabase();
  pishkhan = await buildApp({ config: testConfig(db), database: db.database, secret: TEST_SECRET, logger: createLogger('silent'), http: false });
});
afterAll(async () => {
  await pishkhan.close();
  await db.drop();
});

describe('the CLI’s app without the HTTP layer (user create, seed, reindex)', () => {
  it('has every contribution but no server: no routes, no plugins, nothing to listen', () => {
    expect('routeCatalog' in pishkhan.app).toBe(false);
    expect('listen' in pishkhan.app).toBe(false);
    expect(pishkhan.seedModes.map((m) => m.name).sort()).toEqual(['bench', 'demo']);
    expect(pishkhan.settings.length).toBeGreaterThan(3);
  });

  it('bootstraps the desk and creates a user through the commands', async () => {
    await bootstrapInstallation(pishkhan.ctx.db, pishkhan.ctx.config, pishkhan.ctx.clock, createLogger('silent'), pishkhan.settings);
    expect(await userCreate(pishkhan.ctx, { email: 'nohttp@desk.example', name: 'بی‌سرور', roles: 'analyst', password: 'a-long-password-1' })).toBe('Created nohttp@desk.example.');
    const row = await pishkhan.ctx.db.selectFrom('users').select('id').where('email_normalized', '=', 'nohttp@desk.example').executeTakeFirst();
    expect(row).toBeDefined();
  });
});
