import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'agents')
    .addColumn('user_id', refType, (c) => c.notNull().unique().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('agent_roles')
    .addColumn('agent_id', refType, (c) => c.notNull().references('agents.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_roles_pk', ['agent_id', 'role'])
    .execute();
  await tableWithId(db, 'groups')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('group_members')
    .addColumn('group_id', refType, (c) => c.notNull().references('groups.id'))
    .addColumn('agent_id', refType, (c) => c.notNull().references('agents.id'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('group_members_agent').on('group_members').column('agent_id').execute();
  await tableWithId(db, 'organizations')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_manager_id', refType, (c) => c.references('agents.id'))
    .addColumn('members_see_each_other', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('organizations_account_manager').on('organizations').column('account_manager_id').execute();
  await tableWithId(db, 'contacts')
    .addColumn('user_id', refType, (c) => c.unique().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization_id', refType, (c) => c.references('organizations.id'))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fa'))
    .addColumn('notes', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('contacts_organization').on('contacts').column('organization_id').execute();
  await tableWithId(db, 'contact_emails')
    .addColumn('contact_id', refType, (c) => c.notNull().references('contacts.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('contact_emails_contact').on('contact_emails').column('contact_id').execute();
  await tableWithId(db, 'contact_phones')
    .addColumn('contact_id', refType, (c) => c.notNull().references('contacts.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('contact_phones_e164').on('contact_phones').column('phone_e164').execute();
  await db.schema.createIndex('contact_phones_contact').on('contact_phones').column('contact_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['contact_phones', 'contact_emails', 'contacts', 'organizations', 'group_members', 'groups', 'agent_roles', 'agents'])
    await db.schema.dropTable(t).execute();
}
