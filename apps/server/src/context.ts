import type { Logger } from 'pino';
import type { ActorResolver, ActorSidesLoader } from './platform/actor.ts';
import type { Config } from './platform/config/index.ts';
import type { Clock } from './platform/clock/index.ts';
import type { SealKey } from './platform/crypto/index.ts';
import type { DialectSupport } from './platform/db/index.ts';
import type { EventBus } from './platform/events/types.ts';
import type { Jobs } from './platform/jobs/types.ts';
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
  jobs: Jobs<DB>;
  /** Subscribe jobs to domain events (`ctx.events.on('ticket.assigned', job)`); the outbox dispatcher. */
  events: EventBus<DB>;
  storage: BlobStorage;
  /** The agent and contact sides of a sign-in (people's, injected so that access does not import people). */
  actorSides: ActorSidesLoader;
  /** Fills in the contact of a system actor on behalf of a contact, before a command authorises (defineCommand). */
  resolveActor: ActorResolver;
}
