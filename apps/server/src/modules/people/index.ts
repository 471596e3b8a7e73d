import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerAgentRoutes } from './agents.routes.ts';
import { registerContactRoutes } from './contacts.routes.ts';
import { registerGroupRoutes } from './groups.routes.ts';
import { registerOrganizationRoutes } from './organizations.routes.ts';

/** The people module's public face: route registration and the lookups other modules need. */

export {
  findAgentRow as findAgent,
  agentNames,
  userIdsOfActiveAgents,
  agentsOfGroupWithRole,
  activeAgentsOfGroup,
  managerUserIds,
  memberUserIdsOfGroup,
  agentWithRoleExists,
  insertAgent,
  groupIdsOfAgents,
  type AgentRow,
} from './agents.repository.ts';
export { findContactRow as findContact, contactNames, contactLanguages, contactReach, insertContactRecord, emailsOfContacts, emailKeysTakenByOthers as contactsWithEmailKeys, type ContactRow } from './contacts.repository.ts';
export { createAgent, type CreatedAgentResult } from './commands/create-agent.ts';
export { updateAgent } from './commands/update-agent.ts';
export { deactivateContact } from './commands/deactivate-contact.ts';
export { agentOfUser } from './agents.repository.ts';
export { contactIdOfUser } from './contacts.repository.ts';
export { createContact } from './commands/create-contact.ts';
export { linkContactSignIn } from './commands/link-contact-sign-in.ts';
export { findGroupRow as findGroup, defaultGroupId, groupNames, isGroupMember, type GroupRow } from './groups.repository.ts';
export {
  findOrganizationRow as findOrganization,
  organizationNames,
  organizationAccessFacts,
  organizationsManagedBy,
  type OrganizationRow,
} from './organizations.repository.ts';
export { actorSidesOfUser, namesOfUsers, resolveOnBehalfActor, type PersonNames } from './sign-ins.repository.ts';
export { emailKey, phoneKey } from './contact-keys.ts';
export { ensureDefaultGroup, DEFAULT_GROUP } from './bootstrap.ts';
export { PeopleErrors } from './people.errors.ts';
export {
  contactSearchSources,
  organizationSearchSources,
  peopleIdsAfter,
  peopleCount,
  groupNameList,
  agentNameList,
  contactIdsWithEmail,
  type ContactSearchSource,
  type OrganizationSearchSource,
} from './search-sources.repository.ts';
export { readsCustomers } from './people.policy.ts';
export { insertGroup } from './groups.repository.ts';
export { insertOrganization } from './organizations.repository.ts';
export { insertOrganizationsBulk, insertContactsBulk, peopleCounts, type BulkContact, type BulkOrganization } from './people.bulk.repository.ts';
export { contactSignInPort } from './contact-sign-in-port.ts';

/** Registers /api/v1/organizations, /contacts, /agents and /groups. Contributes nothing besides its routes (yet). */
export function registerPeople(app: App, ctx: AppContext): Contribution<AppContext> {
  registerOrganizationRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerAgentRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  return { module: 'people' };
}
