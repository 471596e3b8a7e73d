import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from './platform/db/tables.ts';
import type { AccessTables } from './modules/access/access.tables.ts';
import type { PeopleTables } from './modules/people/people.tables.ts';
import type { TicketTables } from './modules/tickets/tickets.tables.ts';
import type { NotificationTables } from './modules/notifications/notifications.tables.ts';
import type { EmailTables } from './modules/email/email.tables.ts';
import type { EmailOutboundTables } from './modules/email/email-outbound.tables.ts';
import type { AuditTables } from './modules/audit/audit.tables.ts';
import type { SsoTables } from './modules/sso/sso.tables.ts';
import type { PreferencesTables } from './modules/preferences/preferences.tables.ts';
import type { CalendarTables } from './modules/calendars/calendars.tables.ts';
import type { DutyTables } from './modules/duty/duty.tables.ts';

/** Every table of the database, for Kysely's types. Each module declares its own tables. */
export interface DB extends PlatformTables, AccessTables, PeopleTables, TicketTables, NotificationTables, EmailTables, EmailOutboundTables, PreferencesTables, AuditTables, SsoTables, CalendarTables, DutyTables, SlaTables, ContractTables {}
import type { SlaTables } from './modules/sla/sla.tables.ts';
import type { ContractTables } from './modules/contracts/contracts.tables.ts';

/** Every table of the database, for Kysely's types. Each module declares its own tables. */

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A connection or a transaction: repositories accept either. */
export type Executor = Kysely<DB>;
