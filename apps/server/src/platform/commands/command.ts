import type { Kysely } from 'kysely';
import type { Actor, ActorResolver } from '../actor.ts';
import type { Clock } from '../clock/index.ts';
import { dialectOf } from '../db/dialects/index.ts';
import { groupedTransaction } from '../db/group-commit.ts';
import { transaction } from '../db/transaction.ts';

/**
 * The one shape of every write use-case (docs/architecture.md, "The command contract"):
 *
 *   const doThing = defineCommand('module.do_thing', async (ctx, input) => { … });
 *   await doThing(ctx, { actor, …fields });
 *
 * - `ctx` is what the command needs (at least `db` and `clock`); `input` names the `actor`.
 * - The command authorises inside (not visible → 404, not allowed → 403), validates and reads in
 *   its unit of work, records its events, and returns what the presenter needs.
 * - It runs in its own unit of work, or — when `ctx.db` already is one — in the caller's: a channel
 *   that commits its dedup row together with the ticket calls it as
 *   `transaction(db, (trx) => createTicket({ ...ctx, db: trx }, input))`.
 */
export interface CommandContext {
  db: Kysely<any>;
  clock: Clock;
  /** Resolves a system actor on behalf of a contact into that contact's identity (app.ts injects people's). */
  resolveActor?: ActorResolver;
}

export interface CommandInput {
  actor: Actor;
}

export type Command<C extends CommandContext, I extends CommandInput, R> = ((ctx: C, input: I) => Promise<R>) & {
  readonly commandName: string;
};

export interface CommandOptions<C, I, P> {
  /**
   * Slow work that must not hold the unit of work open — password hashing above all (on SQLite one
   * open transaction holds the only connection, so every other request would wait for argon2).
   * Runs before the transaction, with ctx.db; it reads and refuses but never writes. Its result is
   * the body's third argument; the body re-checks cheaply what may have changed in between.
   */
  prepare(ctx: C, input: I): Promise<P>;
}

export function defineCommand<C extends CommandContext, I extends CommandInput, R, P = undefined>(
  name: string,
  run: (ctx: C, input: I, prepared: P) => Promise<R>,
  options?: CommandOptions<C, I, P>,
): Command<C, I, R> {
  const command = async (ctx: C, input: I) => {
    const prepared = options ? await options.prepare(ctx, input) : (undefined as P);
    return unitOfWork(ctx.db, async (trx) => run({ ...ctx, db: trx }, { ...input, actor: await resolved(ctx, trx, input.actor) }, prepared));
  };
  return Object.assign(command, { commandName: name });
}

/**
 * Runs fn in the caller's transaction when `db` is one; else in a unit of work of its own — on a
 * dialect with group commit (SQLite) a savepoint of the next shared transaction, answered after
 * its commit (group-commit.ts, ADR 0029), else a transaction. afterCommit works in all three.
 * Inside fn, use only `trx`: on SQLite a query or command on the root db waits for the one
 * connection that fn's transaction holds, forever.
 */
export function unitOfWork<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return dialectOf(db).groupCommit ? groupedTransaction(db, fn) : transaction(db, fn);
}

/** A system actor on behalf of a contact gets that contact's identity before the command authorises. */
async function resolved(ctx: CommandContext, trx: Kysely<any>, actor: Actor): Promise<Actor> {
  if (actor.kind !== 'system' || actor.onBehalfOf === undefined || actor.contact !== undefined) return actor;
  if (!ctx.resolveActor) throw new Error('A command called on behalf of a contact needs ctx.resolveActor');
  return ctx.resolveActor(trx, actor);
}
