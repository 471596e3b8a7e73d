import type { MatrixRole } from '../../src/modules/access/route-matrix.ts';
import type { Role } from '../../src/platform/actor.ts';
import { anonymousClient, makeAgent, makeContact, makeGroup, makeOrganization, signIn, type Client, type Person } from '../factories.ts';
import type { TestApp } from '../harness.ts';

/**
 * The people of the route matrix. Group A is the desk of analyst, supervisor, manager (and the
 * admin is a member too, without a desk role); organisation 1 is managed by the crm agent and is
 * the contact's. "Own" records belong to group A / organisation 1 / the caller; "foreign" ones
 * to group B / organisation 2 / someone else.
 */
export interface World {
  t: TestApp;
  groupA: number;
  groupB: number;
  org1: number;
  org2: number;
  people: Record<Exclude<MatrixRole, 'anonymous'>, Person>;
  clients: Record<MatrixRole, Client>;
  /** A contact of organisation 2 and an analyst of group B: owners of foreign records. */
  foreignContact: Person;
  foreignAgent: Person;
}

const AGENT_ROLES: Record<Exclude<MatrixRole, 'anonymous' | 'contact'>, Role[]> = {
  analyst: ['analyst'],
  supervisor: ['supervisor'],
  manager: ['manager'],
  crm: ['crm'],
  admin: ['admin'],
};

export async function buildWorld(t: TestApp): Promise<World> {
  const groupA = await makeGroup(t, 'Group A');
  const groupB = await makeGroup(t, 'Group B');
  const crm = await makeAgent(t, { roles: ['crm'], name: 'crm' });
  const org1 = await makeOrganization(t, { name: 'Org 1', accountManagerId: crm.agentId!, membersSeeEachOther: false });
  const org2 = await makeOrganization(t, { name: 'Org 2' });
  const people = {
    contact: await makeContact(t, { organizationId: org1, name: 'contact' }),
    analyst: await makeAgent(t, { roles: ['analyst'], groupIds: [groupA], name: 'analyst' }),
    supervisor: await makeAgent(t, { roles: ['supervisor'], groupIds: [groupA], name: 'supervisor' }),
    manager: await makeAgent(t, { roles: ['manager'], groupIds: [groupA], name: 'manager' }),
    crm,
    admin: await makeAgent(t, { roles: ['admin'], groupIds: [groupA], name: 'admin' }),
  };
  const clients = { anonymous: anonymousClient(t.app) } as Record<MatrixRole, Client>;
  for (const [role, person] of Object.entries(people)) clients[role as MatrixRole] = await signIn(t.app, person.email);
  return {
    t,
    groupA,
    groupB,
    org1,
    org2,
    people,
    clients,
    foreignContact: await makeContact(t, { organizationId: org2, name: 'foreign contact' }),
    foreignAgent: await makeAgent(t, { roles: ['analyst'], groupIds: [groupB], name: 'foreign analyst' }),
  };
}

/** A new person of the same role, signed in: for routes that end or change the caller's session. */
export async function freshActor(w: World, role: MatrixRole): Promise<{ person: Person | null; client: Client }> {
  if (role === 'anonymous') return { person: null, client: w.clients.anonymous };
  const person =
    role === 'contact'
      ? await makeContact(w.t, { organizationId: w.org1 })
      : await makeAgent(w.t, { roles: AGENT_ROLES[role], groupIds: role === 'crm' ? [] : [w.groupA] });
  return { person, client: await signIn(w.t.app, person.email) };
}
