import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'categories')
    .addColumn('parent_id', refType, (c) => c.references('categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('categories_parent').on('categories').column('parent_id').execute();

  await tableWithId(db, 'tickets')
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('priority_overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('priority_override_reason', 'text')
    .addColumn('priority_override_by', refType, (c) => c.references('users.id'))
    .addColumn('category_id', refType, (c) => c.references('categories.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('requester_contact_id', refType, (c) => c.references('contacts.id'))
    .addColumn('organization_id', refType, (c) => c.references('organizations.id'))
    .addColumn('owner_group_id', refType, (c) => c.references('groups.id'))
    .addColumn('owner_agent_id', refType, (c) => c.references('agents.id'))
    .addColumn('assignee_group_id', refType, (c) => c.references('groups.id'))
    .addColumn('assignee_agent_id', refType, (c) => c.references('agents.id'))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', timeType)
    .addColumn('pending_until', timeType)
    .addColumn('merged_into_id', refType, (c) => c.references('tickets.id'))
    .addColumn('created_by_user_id', refType, (c) => c.references('users.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('first_response_at', timeType)
    .addColumn('resolved_at', timeType)
    .addColumn('closed_at', timeType)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One index per queue view (see tickets/queues.ts) and for the list filters most used.
  const ix = (name: string, cols: string[]) => db.schema.createIndex(name).on('tickets').columns(cols).execute();
  await ix('tickets_assignee_agent_status', ['assignee_agent_id', 'status', 'updated_at']);
  await ix('tickets_assignee_group_status', ['assignee_group_id', 'status', 'assignee_agent_id', 'updated_at']);
  await ix('tickets_owner_group_status', ['owner_group_id', 'status', 'updated_at']);
  await ix('tickets_escalation', ['escalation_level', 'assignee_group_id', 'updated_at']);
  await ix('tickets_status_resolved', ['status', 'resolved_at']);
  await ix('tickets_status_pending', ['status', 'pending_until']);
  await ix('tickets_requester', ['requester_contact_id', 'updated_at']);
  await ix('tickets_organization', ['organization_id', 'updated_at']);
  await ix('tickets_updated', ['updated_at']);
  await ix('tickets_created', ['created_at']);

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('tag_normalized', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag_normalized'])
    .execute();
  await db.schema.createIndex('ticket_tags_tag').on('ticket_tags').columns(['tag_normalized', 'ticket_id']).execute();

  await tableWithId(db, 'ticket_watchers')
    .addColumn('ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('agent_id', refType, (c) => c.references('agents.id'))
    .addColumn('contact_id', refType, (c) => c.references('contacts.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addUniqueConstraint('ticket_watchers_agent', ['ticket_id', 'agent_id'])
    .addUniqueConstraint('ticket_watchers_contact', ['ticket_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('ticket_watchers_contact_ix').on('ticket_watchers').columns(['contact_id', 'ticket_id']).execute();
  await db.schema.createIndex('ticket_watchers_agent_ix').on('ticket_watchers').columns(['agent_id', 'ticket_id']).execute();

  await tableWithId(db, 'articles')
    .addColumn('ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('author_user_id', refType, (c) => c.references('users.id'))
    .addColumn('author_system', 'text')
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_type', 'text')
    .addColumn('event_data', 'text')
    .addColumn('original_ticket_id', refType, (c) => c.references('tickets.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('articles_ticket').on('articles').columns(['ticket_id', 'id']).execute();

  await tableWithId(db, 'attachments')
    .addColumn('ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('article_id', refType, (c) => c.references('articles.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploaded_by_user_id', refType, (c) => c.references('users.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_ticket').on('attachments').columns(['ticket_id', 'id']).execute();

  await tableWithId(db, 'ticket_relations')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('target_ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('created_by_user_id', refType, (c) => c.references('users.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addUniqueConstraint('ticket_relations_unique', ['kind', 'source_ticket_id', 'target_ticket_id'])
    .execute();
  await db.schema.createIndex('ticket_relations_target').on('ticket_relations').columns(['target_ticket_id']).execute();

  await tableWithId(db, 'ticket_history')
    .addColumn('ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('actor_user_id', refType, (c) => c.references('users.id'))
    .addColumn('actor_system', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_history_ticket').on('ticket_history').columns(['ticket_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ticket_history', 'ticket_relations', 'attachments', 'articles', 'ticket_watchers', 'ticket_tags', 'tickets', 'categories'])
    await db.schema.dropTable(t).execute();
}
