import { isIP } from 'node:net';
import { Client, InvalidCredentialsError, type Entry } from './load-ldapts.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { fillFilter, listingFilter } from '../mapping.ts';
import { SsoErrors } from '../sso.errors.ts';
import type { DirectoryAttributes } from '../sso.schemas.ts';

/** What a directory connection needs, the bind password already opened. */
export interface DirectorySettings {
  url: string;
  bindDn: string;
  bindPassword: string;
  /** PEM of the CA to trust for ldaps:// (null: Node's CAs); the certificate is always verified. */
  tlsCa: string | null;
  /** Upgrade an ldap:// connection before binding. */
  startTls: boolean;
  userBase: string;
  userFilter: string;
  groupBase: string | null;
  groupFilter: string;
  attributes: DirectoryAttributes;
}

/** A user as the directory has them. */
export interface DirectoryPerson {
  dn: string;
  /** The stable id attribute's value (hex for binary ones such as objectGUID), else the DN. */
  subject: string;
  login: string;
  email: string | null;
  name: string;
  /** DNs of the groups the user is a member of (group search and memberOf). */
  groups: string[];
}

const TIMEOUTS = { connectTimeout: 5_000, timeout: 10_000 };
const LIST_PAGE_SIZE = 500;

/**
 * Binds as the service account, finds the user by the filter, then binds as the user with the
 * password. Null when the password is wrong, the user is not found (a disabled user is one the
 * filter leaves out) or the filter finds more than one. An empty password is refused before any
 * bind: LDAP treats it as an anonymous bind that "succeeds".
 */
export async function authenticateDirectoryUser(settings: DirectorySettings, login: string, password: string): Promise<DirectoryPerson | null> {
  if (password === '' || login.trim() === '') return null;
  return withServiceBind(settings, async (client) => {
    const { searchEntries } = await client.search(settings.userBase, {
      scope: 'sub',
      filter: fillFilter(settings.userFilter, { login: login.trim() }),
      attributes: requestedAttributes(settings),
      explicitBufferAttributes: bufferAttributes(settings),
      sizeLimit: 2,
    });
    if (searchEntries.length !== 1) return null;
    const entry = searchEntries[0]!;
    if (!(await passwordBinds(settings, entry.dn, password))) return null;
    return personOf(settings, entry, await groupsOf(client, settings, entry));
  });
}

/** Every user the filter finds (paged), with their groups: what a sync compares with Pishkhan. */
export async function listDirectoryPeople(settings: DirectorySettings): Promise<DirectoryPerson[]> {
  return withServiceBind(settings, async (client) => {
    const { searchEntries } = await client.search(settings.userBase, {
      scope: 'sub',
      filter: listingFilter(settings.userFilter),
      attributes: requestedAttributes(settings),
      explicitBufferAttributes: bufferAttributes(settings),
      paged: { pageSize: LIST_PAGE_SIZE },
    });
    const people: DirectoryPerson[] = [];
    for (const entry of searchEntries) people.push(personOf(settings, entry, await groupsOf(client, settings, entry)));
    return people;
  });
}

/**
 * A client for the directory: ldaps:// opens TLS at once; ldap:// with StartTLS is upgraded before
 * anything else is sent; both verify the certificate (against the directory's CA when one is set).
 * ldapts opens TLS at once whenever it is given tlsOptions, so plain ldap:// gets none.
 */
async function clientOf(settings: DirectorySettings): Promise<Client> {
  const ca = settings.tlsCa ? { ca: [settings.tlsCa] } : {};
  if (settings.url.startsWith('ldaps://')) return new Client({ url: settings.url, ...TIMEOUTS, tlsOptions: ca });
  const client = new Client({ url: settings.url, ...TIMEOUTS });
  if (!settings.startTls) return client;
  const host = new URL(settings.url).hostname;
  await client.startTLS({ ...ca, host, ...(isIP(host) ? {} : { servername: host }) }).catch(async (error: unknown) => {
    await client.unbind().catch(() => undefined);
    throw error;
  });
  return client;
}

async function withServiceBind<T>(settings: DirectorySettings, work: (client: Client) => Promise<T>): Promise<T> {
  let client: Client | undefined;
  try {
    client = await clientOf(settings);
    await client.bind(settings.bindDn, settings.bindPassword);
    return await work(client);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(SsoErrors['sso.directory_unavailable'], { reason: error instanceof Error ? error.name : 'error' });
  } finally {
    await client?.unbind().catch(() => undefined);
  }
}

async function passwordBinds(settings: DirectorySettings, dn: string, password: string): Promise<boolean> {
  const client = await clientOf(settings);
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    throw error;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function groupsOf(client: Client, settings: DirectorySettings, entry: Entry): Promise<string[]> {
  const groups = new Set(valuesOf(entry.memberOf));
  if (settings.groupBase !== null) {
    const { searchEntries } = await client.search(settings.groupBase, { scope: 'sub', filter: fillFilter(settings.groupFilter, { dn: entry.dn }), attributes: ['dn'] });
    for (const g of searchEntries) groups.add(g.dn);
  }
  return [...groups];
}

function personOf(settings: DirectorySettings, entry: Entry, groups: string[]): DirectoryPerson {
  const a = settings.attributes;
  const login = first(entry[a.login]) ?? entry.dn;
  const id = entry[a.id];
  const subject = Buffer.isBuffer(id) ? id.toString('hex') : Array.isArray(id) && Buffer.isBuffer(id[0]) ? (id[0] as Buffer).toString('hex') : (first(id) ?? entry.dn);
  return { dn: entry.dn, subject, login, email: first(entry[a.email]) ?? null, name: first(entry[a.name]) ?? login, groups };
}

function requestedAttributes(settings: DirectorySettings): string[] {
  const a = settings.attributes;
  return [...new Set([a.login, a.email, a.name, a.id, 'memberOf'])];
}

function bufferAttributes(settings: DirectorySettings): string[] {
  return settings.attributes.id.toLowerCase() === 'objectguid' ? [settings.attributes.id] : [];
}

function valuesOf(value: Entry[string] | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
}

function first(value: Entry[string] | undefined): string | undefined {
  return valuesOf(value)[0];
}
