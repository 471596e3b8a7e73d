import type { JobMap, JobName } from '@pishkhan/contracts';
import type { Logger } from 'pino';
import type { ActorResolver, ActorSidesLoader, ContactSignInPort } from './platform/actor.ts';
import type { Config } from './platform/config/index.ts';
import type { Clock } from './platform/clock/index.ts';
import type { SealKey } from './platform/crypto/index.ts';
import type { DialectSupport } from './platform/db/index.ts';
import type { EventBus } from './platform/events/types.ts';
import { defineJob as defineAnyJob } from './platform/jobs/define.ts';
import type { JobDefinition, Jobs } from './platform/jobs/types.ts';
import type { Realtime } from './platform/realtime/index.ts';
import type { SearchIndex } from './platform/search/types.ts';
import type { BlobStorage } from './platform/storage/types.ts';
import type { DB, Db } from './schema.ts';

/** What the composition root hands every module: the platform's ports, built once. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: DialectSupport;
  clock: Clock;
  logger: Logger;
  /** PISHKHAN_SECRET (generated on SQLite when absent). */
  secret: string;
  sealKeys: SealKey[];
  /** The job queue, typed by contracts' JobMap: `ctx.jobs.enqueue(trx, 'tickets.return_pending', {}, { actingUserId })`. */
  jobs: Jobs<DB, JobMap>;
  /** The outbox dispatcher; modules subscribe jobs to events through their contributions, not here. */
  events: EventBus<JobMap>;
  storage: BlobStorage;
  /** Live updates (platform/realtime): streams, presence, and what modules publish after commit. */
  realtime: Realtime;
  /** The search index port of the database's dialect (platform/search). */
  search: SearchIndex;
  /** The agent and contact sides of a sign-in (people's, injected so that access does not import people). */
  actorSides: ActorSidesLoader;
  /** Fills in the contact of a system actor on behalf of a contact, before a command authorises (defineCommand). */
  resolveActor: ActorResolver;
  /** A contact's sign-in facts and the link of a sign-in to it (people's, injected so that access's invitations do not import people). */
  contactSignIns: ContactSignInPort;
  /** What other modules move when people merges a contact or an organisation (tickets', email's; injected by app.ts: people imports neither). */
  mergeMovers: readonly MergeMover[];
}

/**
 * One module's part of a merge: moves what refers to the loser `fromId` to the survivor `intoId`,
 * in the merge command's unit of work, and answers the tickets whose documents changed (to re-index).
 */
export interface MergeMover {
  moveContact(db: Db, fromId: number, intoId: number, at: MergeStamp): Promise<number[]>;
  moveOrganization(db: Db, fromId: number, intoId: number, at: MergeStamp): Promise<number[]>;
}

/** When and by whom a merge is made (for the movers' own history rows). */
export interface MergeStamp {
  now: number;
  actorUserId: number | null;
}

/**
 * A job of contracts' JobMap with the app's schema bound (the handler's `trx` is a transaction of
 * the app's database): `defineJob('tickets.return_pending', { async handler({ trx }) { … } })`.
 * Modules return these from `register*`; app.ts installs them.
 */
export const defineJob: <N extends JobName>(name: N, definition: Omit<JobDefinition<JobMap[N], DB, N>, 'name'>) => JobDefinition<JobMap[N], DB, N> = defineAnyJob;
