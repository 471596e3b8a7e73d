import type { Actor } from '../../../platform/actor.ts';
import { actorUserId } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { revokeSignIn, revokeTicketLinksOfContacts } from '../../access/index.ts';
import { insertContactHistory } from '../contact-history.repository.ts';
import { findContactForUpdate, moveContactAddresses, updateContactAtVersion } from '../contacts.repository.ts';
import type { MergeContext } from '../people.context.ts';
import { contactAccessOf, contactPolicy } from '../people.policy.ts';
import { contactView, type ContactView } from '../people.queries.ts';
import { holdMergePair, moveReferences, recordMerge } from '../merge-steps.ts';

/**
 * Merges a contact (the loser, at the version last read) into another (the survivor; admin only,
 * audited, in both histories): its tickets as requester, its watches, the articles it wrote and the
 * mail it sent now name the survivor (other modules' movers); its emails and phones join the
 * survivor's, each match key once. The loser stays as an inactive row pointing at the survivor
 * (`merged_into_id`); its sessions, tokens and ticket links end. Its sign-in moves to the survivor
 * when the survivor has none; when both have one, the survivor's stays and the loser's is no
 * longer a contact. Answers the survivor.
 */
export const mergeContact = defineCommand(
  'contact.merge',
  async (ctx: MergeContext, input: { actor: Actor; id: number; intoId: number; version: number }): Promise<ContactView> => {
    const { loser, into } = await holdMergePair(ctx.db, input, findContactForUpdate, contactPolicy, contactAccessOf);

    const now = ctx.clock.now();
    const actorId = actorUserId(input.actor);
    const history = (contactId: number, field: string, oldValue: string | null, newValue: string | null) =>
      insertContactHistory(ctx.db, { contactId, actorUserId: actorId, field, oldValue, newValue, now });

    // The sign-in: the loser's moves to a survivor without one; else the survivor's stays.
    const signIn = loser.user_id === null ? 'none' : into.user_id === null ? 'moved' : 'kept_survivor';
    await updateContactAtVersion(ctx.db, loser.id, loser.version, { active: 0, merged_into_id: into.id, user_id: null, updated_at: now });
    await updateContactAtVersion(ctx.db, into.id, into.version, { ...(signIn === 'moved' ? { user_id: loser.user_id } : {}), updated_at: now });
    await moveContactAddresses(ctx.db, loser.id, into.id);
    const ticketIds = await moveReferences(ctx.mergeMovers, (mover, at) => mover.moveContact(ctx.db, loser.id, into.id, at), { now, actorUserId: actorId });

    await history(loser.id, 'merged_into', null, String(into.id));
    if (loser.active === 1) await history(loser.id, 'active', '1', '0');
    await history(into.id, 'merged_from', null, String(loser.id));
    if (loser.user_id !== null) {
      await history(loser.id, 'user_id', String(loser.user_id), null);
      if (signIn === 'moved') await history(into.id, 'user_id', null, String(loser.user_id));
      // Sessions carry the contact side they were opened with: every one of that sign-in ends.
      await revokeSignIn(ctx, loser.user_id);
    }
    await revokeTicketLinksOfContacts(ctx.db, [loser.id], now);

    await recordMerge(
      ctx,
      input.actor,
      'contact.merged',
      { loserId: loser.id, intoId: into.id, details: { tickets: ticketIds.length, signIn } },
      { contactId: loser.id, intoId: into.id, actorUserId: actorId, ticketIds },
    );
    if (signIn === 'moved') await recordEvent(ctx.db, ctx.clock, 'contact.sign_in_linked', { contactId: into.id, userId: loser.user_id!, actorUserId: actorId });
    return (await contactView(ctx.db, into.id))!;
  },
);
