import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FeedMessage, RealtimeFeed } from '../types.ts';

/** The one NOTIFY channel; notifications never leave their database, so test databases never meet. */
export const LIVE_CHANNEL = 'pishkhan_live';
const RECONNECT_MS = 1000;

/**
 * PostgreSQL's feed: every process LISTENs on one dedicated connection and sends with pg_notify on
 * the pool, so a change made through one process reaches the browsers of every other — and of the
 * sender, which hears its own messages the same way (one path for all). Sends keep their order.
 * A dropped LISTEN connection is reopened; what was sent meanwhile is lost, so `onLost` tells the
 * subscribers to refetch.
 */
export function postgresFeed(db: Kysely<any>, url: string, logger: Logger): RealtimeFeed {
  let client: pg.Client | null = null;
  let closed = false;
  let sending: Promise<unknown> = Promise.resolve();
  let reconnect: NodeJS.Timeout | null = null;

  async function open(onMessage: (m: FeedMessage) => void, onLost: () => void, again: boolean): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    c.on('error', (error) => {
      logger.warn({ err: error.message }, 'Live feed connection lost; reconnecting');
      void c.end().catch(() => {});
      if (client === c) client = null;
      if (!closed && !reconnect) reconnect = setTimeout(() => ((reconnect = null), void open(onMessage, onLost, true).catch(() => {})), RECONNECT_MS);
    });
    c.on('notification', (n) => {
      if (n.channel !== LIVE_CHANNEL || !n.payload) return;
      try {
        onMessage(JSON.parse(n.payload) as FeedMessage);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Live feed message ignored');
      }
    });
    await c.connect();
    await c.query(`LISTEN ${LIVE_CHANNEL}`);
    if (closed) return void (await c.end());
    client = c;
    if (again) onLost();
  }

  return {
    send(message) {
      const payload = JSON.stringify(message);
      sending = sending
        .then(() => sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`.execute(db))
        .catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Live feed send failed'));
    },
    listen: (onMessage, onLost) => open(onMessage, onLost, false),
    async close() {
      closed = true;
      if (reconnect) clearTimeout(reconnect);
      await sending;
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
