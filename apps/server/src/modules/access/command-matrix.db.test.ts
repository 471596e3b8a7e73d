import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onBehalfOf, type Actor } from '../../platform/actor.ts';
import type { Command } from '../../platform/commands/index.ts';
import { DomainError, errorDefinition } from '../../platform/http/errors.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { CALLS } from '../../../test/command-matrix/calls.ts';
import { buildWorld, type World } from '../../../test/route-matrix/world.ts';
import { COMMAND_MATRIX, COMMAND_ROLES, type CommandOutcome, type CommandRole } from './command-matrix.ts';
import { jobActorLoader } from './index.ts';

// Every command of every module, found on disk (not from a list someone must remember to extend).
const modulesDir = path.resolve(import.meta.dirname, '..');
async function allCommands(): Promise<Map<string, Command<any, any, unknown>>> {
  const found = new Map<string, Command<any, any, unknown>>();
  for (const module of readdirSync(modulesDir)) {
    const dir = path.join(modulesDir, module, 'commands');
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    } catch {
      continue;
    }
    for (const file of files) {
      for (const value of Object.values(await import(path.join(dir, file)))) {
        if (typeof value === 'function' && 'commandName' in value) found.set((value as Command<any, any, unknown>).commandName, value as Command<any, any, unknown>);
      }
    }
  }
  return found;
}

/** What a call answered, as the HTTP edge would map it: 'ok' for anything but 401/403/404. */
async function outcomeOf(run: () => Promise<unknown>): Promise<CommandOutcome | string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof DomainError)) return `threw ${(error as Error).message}`;
    const status = errorDefinition(error.code)?.status;
    return status === 401 || status === 403 || status === 404 ? status : 'ok';
  }
}

describe('command matrix: every command as every caller on a foreign record, with no route in front', () => {
  let t: TestApp;
  let w: World;
  let commands: Map<string, Command<any, any, unknown>>;
  const actors = {} as Record<CommandRole, Actor>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    commands = await allCommands();
    const load = jobActorLoader(t.ctx);
    for (const role of COMMAND_ROLES) {
      if (role === 'channel') actors.channel = onBehalfOf('mail', w.people.contact.contactId!);
      else actors[role] = (await load(t.ctx.db, w.people[role].userId))!;
    }
  });
  afterAll(() => t?.destroy());

  it('runs on the dialect under test', () => {
    expect(t.dialect).toBe(process.env.PISHKHAN_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite');
  });

  it('has a row and a call for every command, and no row without a command', () => {
    const names = [...commands.keys()].sort();
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => !(n in COMMAND_MATRIX))).toEqual([]);
    expect(names.filter((n) => !(n in CALLS))).toEqual([]);
    expect(Object.keys(COMMAND_MATRIX).filter((n) => !commands.has(n))).toEqual([]);
  });

  it('answers each caller as the matrix says', async () => {
    const wrong: string[] = [];
    for (const [name, expect] of Object.entries(COMMAND_MATRIX)) {
      const command = commands.get(name);
      if (!command) continue;
      for (const role of COMMAND_ROLES) {
        const call = await CALLS[name]!(w);
        const got = await outcomeOf(() => command({ ...t.ctx, ...call.ctx }, { ...call.input, actor: actors[role] }));
        if (got !== expect[role]) wrong.push(`${name} as ${role}: expected ${expect[role]}, got ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
