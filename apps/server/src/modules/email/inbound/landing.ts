import { onBehalfOf, systemActor, type Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../schema.ts';
import { findUserByEmail, jobActorLoader } from '../../access/index.ts';
import { contactsWithEmailKeys, createContact, emailKey } from '../../people/index.ts';
import { loadTicketAccess, ticketIdsByNumber, ticketPolicy, ticketSettings } from '../../tickets/index.ts';
import type { MailAddress, ParsedMail } from '../parsing/parse-mail.ts';
import { verifiedTicketIds } from '../threading/message-id.ts';
import { subjectTicketNumbers } from '../threading/subject-tag.ts';
import { ticketOfThreadRoot, ticketsOfMessageIds } from './messages.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'secret' | 'resolveActor' | 'actorSides'>;

/** The tickets a mail refers to, strongest first: verified tokens and our own messages' ids (references), then the subject tag and Thread-Index (participants only). */
export async function threadCandidates(ctx: Ctx, mail: ParsedMail, threadRoot: string | null): Promise<{ byReference: number[]; byTag: number[] }> {
  const refs = [...mail.inReplyTo, ...[...mail.references].reverse()];
  const byReference = [...new Set([...(await verifiedTicketIds(ctx, refs)), ...(await ticketsOfMessageIds(ctx.db, refs))])];
  const numbers = subjectTicketNumbers(mail.subject, await ticketSettings.get(ctx.db, 'tickets.number_prefix'));
  const byNumber = await ticketIdsByNumber(ctx.db, numbers);
  const byTag = numbers.map((n) => byNumber.get(n)).filter((id): id is number => id !== undefined);
  const root = threadRoot ? await ticketOfThreadRoot(ctx.db, threadRoot) : undefined;
  if (root !== undefined) byTag.push(root);
  return { byReference, byTag: [...new Set(byTag)].filter((id) => !byReference.includes(id)) };
}

/** Whether the actor (resolved: a contact on whose behalf mail writes, or an agent) sees the ticket — the participant rule. */
export async function seesTicket(ctx: Ctx, actor: Actor, ticketId: number): Promise<boolean> {
  const access = await loadTicketAccess(ctx.db, ticketId);
  if (!access) return false;
  const resolved = actor.kind === 'system' && actor.onBehalfOf !== undefined && actor.contact === undefined ? await ctx.resolveActor(ctx.db, actor) : actor;
  return ticketPolicy.can(resolved, 'read', access);
}

/** The contact with this address, if any (lower-cased key). */
export async function contactOfAddress(db: Db, address: string): Promise<number | null> {
  const rows = await contactsWithEmailKeys(db, [emailKey(address)], null);
  return rows[0]?.contact_id ?? null;
}

/** A new contact for an unknown sender (the mail channel as the trusted system). */
export async function newContactFor(ctx: Ctx, sender: MailAddress): Promise<number> {
  const name = sender.name.trim() || sender.address;
  const view = await createContact({ db: ctx.db, clock: ctx.clock } as never, { actor: systemActor('mail'), name: name.slice(0, 200), emails: [sender.address] });
  return view.id;
}

/** The signed-in agent an address belongs to (an agent mailing the desk), as an actor; null for anyone else. */
export async function agentActorOf(ctx: Ctx, address: string): Promise<Actor | null> {
  const user = await findUserByEmail(ctx.db, address);
  if (!user) return null;
  const actor = await jobActorLoader(ctx)(ctx.db, user.id);
  return actor && actor.kind === 'user' && actor.agent ? actor : null;
}

/** The actor mail writes as for a contact. */
export const asContact = (contactId: number): Actor => onBehalfOf('mail', contactId);
