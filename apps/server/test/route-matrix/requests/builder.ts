import type { MatrixRole } from '../../../src/modules/access/route-matrix.ts';
import { makeTicket, type Client } from '../../factories.ts';
import type { World } from '../world.ts';

// How the route matrix calls one route, and the pieces several sections' builders share.

export type Which = 'own' | 'foreign';

/** How to call one route as `role` on an own or foreign record; records are made fresh for each call. */
export interface PreparedRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Another client than the role's shared one (a fresh session for sign-out, say). */
  client?: Client;
}
export type Builder = (w: World, role: MatrixRole, which: Which) => Promise<PreparedRequest>;

// One counter for every section, so names made for different routes never collide.
let counter = 0;
export const seq = () => ++counter;

export const fixed =
  (url: string, payload?: unknown): Builder =>
  async () => (payload === undefined ? { url } : { url, payload });

/** A fresh ticket: own = group A, the contact's, organisation 1; foreign = group B, another contact, organisation 2. */
export async function ticketFor(w: World, which: Which, extra: { status?: string } = {}): Promise<{ id: number; number: number }> {
  return which === 'own'
    ? makeTicket(w.t, { groupId: w.groupA, requesterContactId: w.people.contact.contactId!, organizationId: w.org1, ...extra })
    : makeTicket(w.t, { groupId: w.groupB, requesterContactId: w.foreignContact.contactId!, organizationId: w.org2, ...extra });
}
