import type { Role } from '../../platform/actor.ts';
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts';
import type { Db } from '../../schema.ts';
import { userEmails } from '../access/index.ts';
import { findAgentRow, groupIdsOfAgents, listAgentRows, rolesOfAgents, type AgentRow } from './agents.repository.ts';
import { emailKey, phoneKey } from './contact-keys.ts';
import { emailsOfContacts, findContactRow, listContactRows, phonesOfContacts, type ContactRow } from './contacts.repository.ts';
import { findGroupRow, listGroupRows, membersOfGroups, type GroupRow } from './groups.repository.ts';
import { findOrganizationRow, listOrganizationRows, type OrganizationRow } from './organizations.repository.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';

/**
 * Reads of the people module: a record with its related rows, or a page of them with one query
 * per relation (never one per row). Pages are ordered by id; the cursor is the last id.
 */

export interface PageRequest {
  limit?: number;
  cursor?: string;
}
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export type OrganizationView = OrganizationRow;
export type ContactView = ContactRow & { emails: string[]; phones: string[] };
export type AgentView = AgentRow & { email: string; roles: Role[]; groupIds: number[] };
export type GroupView = GroupRow & { memberIds: number[] };

const DEFAULT_LIMIT = 50;

function pageWindow(page: PageRequest): { afterId: number | undefined; limit: number } {
  const decoded = decodeCursor(page.cursor, 1);
  const afterId = decoded?.[0];
  if (decoded !== undefined && (typeof afterId !== 'number' || !Number.isSafeInteger(afterId))) {
    throw invalidInput('cursor', 'cursor');
  }
  return { afterId: afterId as number | undefined, limit: page.limit ?? DEFAULT_LIMIT };
}

async function paged<R extends { id: number }, V>(page: PageRequest, fetch: (w: ReturnType<typeof pageWindow>) => Promise<R[]>, expand: (rows: R[]) => Promise<V[]>) {
  const w = pageWindow(page);
  const { items, nextCursor } = pageOf(await fetch(w), w.limit, (r) => [r.id]);
  return { items: await expand(items), nextCursor };
}

function groupBy<T, K, V>(rows: readonly T[], key: (r: T) => K, value: (r: T) => V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(value(r));
    else out.set(k, [value(r)]);
  }
  return out;
}

// ---------- organisations ----------

export function organizationView(db: Db, id: number): Promise<OrganizationView | undefined> {
  return findOrganizationRow(db, id);
}

export function organizationPage(db: Db, page: PageRequest): Promise<PageOf<OrganizationView>> {
  return paged(page, (w) => listOrganizationRows(db, w), async (rows) => rows);
}

// ---------- contacts ----------

async function expandContacts(db: Db, rows: ContactRow[]): Promise<ContactView[]> {
  const ids = rows.map((r) => r.id);
  const [emails, phones] = await Promise.all([emailsOfContacts(db, ids), phonesOfContacts(db, ids)]);
  const emailsBy = groupBy(emails, (e) => e.contact_id, (e) => e.email);
  const phonesBy = groupBy(phones, (p) => p.contact_id, (p) => p.phone);
  return rows.map((r) => ({ ...r, emails: emailsBy.get(r.id) ?? [], phones: phonesBy.get(r.id) ?? [] }));
}

export async function contactView(db: Db, id: number): Promise<ContactView | undefined> {
  const row = await findContactRow(db, id);
  return row ? (await expandContacts(db, [row]))[0] : undefined;
}

export interface ContactSearch {
  phone?: string;
  email?: string;
  organizationId?: number;
}

/** Contacts, optionally found by phone (any spelling of the number) or email (any case). */
export function contactPage(db: Db, search: ContactSearch, page: PageRequest): Promise<PageOf<ContactView>> {
  const filters = {
    ...(search.phone !== undefined ? { phoneKey: phoneKey(search.phone) } : {}),
    ...(search.email !== undefined ? { emailKey: emailKey(search.email) } : {}),
    ...(search.organizationId !== undefined ? { organizationId: search.organizationId } : {}),
  };
  return paged(page, (w) => listContactRows(db, filters, w), (rows) => expandContacts(db, rows));
}

// ---------- agents ----------

async function expandAgents(db: Db, rows: AgentRow[]): Promise<AgentView[]> {
  const ids = rows.map((r) => r.id);
  const [roles, groups, emails] = await Promise.all([
    rolesOfAgents(db, ids),
    groupIdsOfAgents(db, ids),
    userEmails(db, [...new Set(rows.map((r) => r.user_id))]),
  ]);
  const rolesBy = groupBy(roles, (r) => r.agent_id, (r) => r.role as Role);
  const groupsBy = groupBy(groups, (g) => g.agent_id, (g) => g.group_id);
  return rows.map((r) => ({ ...r, email: emails.get(r.user_id) ?? '', roles: rolesBy.get(r.id) ?? [], groupIds: groupsBy.get(r.id) ?? [] }));
}

export async function agentView(db: Db, id: number): Promise<AgentView | undefined> {
  const row = await findAgentRow(db, id);
  return row ? (await expandAgents(db, [row]))[0] : undefined;
}

export function agentPage(db: Db, page: PageRequest): Promise<PageOf<AgentView>> {
  return paged(page, (w) => listAgentRows(db, w), (rows) => expandAgents(db, rows));
}

// ---------- groups ----------

async function expandGroups(db: Db, rows: GroupRow[]): Promise<GroupView[]> {
  const members = groupBy(await membersOfGroups(db, rows.map((r) => r.id)), (m) => m.group_id, (m) => m.agent_id);
  return rows.map((r) => ({ ...r, memberIds: members.get(r.id) ?? [] }));
}

export async function groupView(db: Db, id: number): Promise<GroupView | undefined> {
  const row = await findGroupRow(db, id);
  return row ? (await expandGroups(db, [row]))[0] : undefined;
}

export function groupPage(db: Db, page: PageRequest): Promise<PageOf<GroupView>> {
  return paged(page, (w) => listGroupRows(db, w), (rows) => expandGroups(db, rows));
}
