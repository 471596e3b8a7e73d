import type { UpdateContactBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';

import { recordEvent } from '../../../platform/events/index.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { changedFields } from '../changed-fields.ts';
import { assertEmailsFree } from '../contact-email-rules.ts';
import { findContactForUpdate, replaceContactEmails, replaceContactPhones, updateContactAtVersion } from '../contacts.repository.ts';
import type { PeopleContext } from '../people.context.ts';
import { contactAccessOf, contactPolicy } from '../people.policy.ts';
import { contactView, type ContactView } from '../people.queries.ts';
import { requireOrganization } from '../reference-checks.ts';

/**
 * Edits a contact at the version the caller saw; `emails` and `phones`, when given, replace the
 * lists. A crm agent may move a contact only between organisations they manage. The sign-in is
 * never touched: an address that is someone's sign-in does not make them this contact.
 */
export const updateContact = defineCommand(
  'contact.update',
  async (ctx: PeopleContext, input: { actor: Actor; id: number } & UpdateContactBody): Promise<ContactView> => {
    const { actor, id, ...body } = input;
    const current = authorizeEdit(contactPolicy, actor, 'update', await findContactForUpdate(ctx.db, id), body.version, contactAccessOf);

    let accountManagerId = current!.account_manager_id;
    if (body.organizationId !== undefined && body.organizationId !== current!.organization_id) {
      accountManagerId = body.organizationId === null ? null : (await requireOrganization(ctx.db, body.organizationId)).account_manager_id;
    }
    const organizationId = body.organizationId === undefined ? current!.organization_id : body.organizationId;
    if (!contactPolicy.can(actor, 'update', { id, organizationId, accountManagerId })) throw forbidden('update');
    if (body.emails !== undefined) await assertEmailsFree(ctx.db, body.emails, id);

    await updateContactAtVersion(ctx.db, id, current!.version, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.organizationId !== undefined ? { organization_id: body.organizationId } : {}),
      ...(body.language !== undefined ? { language: body.language } : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      updated_at: ctx.clock.now(),
    });
    if (body.emails !== undefined) await replaceContactEmails(ctx.db, id, body.emails);
    if (body.phones !== undefined) await replaceContactPhones(ctx.db, id, body.phones);
    await recordEvent(ctx.db, ctx.clock, 'contact.updated', { contactId: id, actorUserId: actorUserId(actor), fields: changedFields(body) });
    return (await contactView(ctx.db, id))!;
  },
);
