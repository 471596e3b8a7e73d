import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/** Money: integer Rials in 64-bit columns (ADR 0026). */
const rials = 'bigint' as const;

export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'contracts')
    .addColumn('organization_id', refType, (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** The period's first and last day, ISO YYYY-MM-DD (Gregorian, the day in Tehran). */
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('policy_id', refType, (c) => c.notNull().references('sla_policies.id'))
    .addColumn('account_manager_id', refType, (c) => c.references('agents.id'))
    .addColumn('penalty_per_breach', rials, (c) => c.notNull())
    .addColumn('penalty_per_hour', rials, (c) => c.notNull())
    /** delay_hours | breach_count */
    .addColumn('penalty_tier_basis', 'text', (c) => c.notNull())
    .addColumn('penalty_cap', rials)
    /** jalali_month | contract */
    .addColumn('penalty_cap_period', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contracts_organization').on('contracts').columns(['organization_id', 'starts_on']).execute();
  await db.schema.createIndex('contracts_ends_on').on('contracts').columns(['ends_on']).execute();
  await tableWithId(db, 'contract_rules')
    .addColumn('contract_id', refType, (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    /** A TicketFilter as JSON. */
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('policy_id', refType, (c) => c.notNull().references('sla_policies.id'))
    .execute();
  await db.schema.createIndex('contract_rules_contract').on('contract_rules').columns(['contract_id', 'position']).execute();
  await tableWithId(db, 'contract_penalty_tiers')
    .addColumn('contract_id', refType, (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('from_value', 'integer', (c) => c.notNull())
    .addColumn('per_breach', rials, (c) => c.notNull())
    .addColumn('per_hour', rials, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_penalty_tiers_contract').on('contract_penalty_tiers').columns(['contract_id', 'from_value']).execute();
  /** One row per notice sent about a contract (the expiry notice once per contract and end date). */
  await tableWithId(db, 'contract_notices')
    .addColumn('notice_key', 'text', (c) => c.notNull().unique())
    .addColumn('contract_id', refType, (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_notices').execute();
  await db.schema.dropTable('contract_penalty_tiers').execute();
  await db.schema.dropTable('contract_rules').execute();
  await db.schema.dropTable('contracts').execute();
}
