import type { UserActor } from '../../platform/actor.ts';

export function presentMe(actor: UserActor) {
  return {
    userId: actor.userId,
    email: actor.email,
    locale: actor.locale,
    mustChangePassword: actor.mustChangePassword,
    mustEnrolTotp: actor.mustEnrolTotp === true,
    agent: actor.agent ? { id: actor.agent.id, name: actor.agent.name, roles: [...actor.agent.roles].sort(), groupIds: [...actor.agent.groupIds] } : null,
    contact: actor.contact ? { id: actor.contact.id, organizationId: actor.contact.organizationId } : null,
  };
}
