import { peopleCounts } from '../modules/people/index.ts';
import { ticketCount } from '../modules/tickets/index.ts';
import type { Db } from '../schema.ts';

/** Seeding writes a whole desk; it refuses a database that already holds one (a demo twice, or a real desk). */
export class SeededDatabaseError extends Error {}

export async function refuseSeededDatabase(db: Db): Promise<void> {
  const tickets = await ticketCount(db);
  const { organizations, contacts } = await peopleCounts(db);
  if (tickets > 0 || organizations > 0 || contacts > 0) {
    throw new SeededDatabaseError(
      `This database already holds data (${tickets} tickets, ${organizations} organisations, ${contacts} contacts): seed data goes only into an empty installation. ` +
        'Point PISHKHAN_DATA_DIR or DATABASE_URL at a new database to seed again; npm start serves this one as it is.',
    );
  }
}
