import { makeAgent, makeContact, makeGroup, makeOrganization } from '../../factories.ts';
import { fixed, seq, type Builder } from './builder.ts';

// People: organisations, contacts, agents and groups.

export const peopleRequests: Record<string, Builder> = {
  'GET /api/v1/organizations': fixed('/api/v1/organizations'),
  'POST /api/v1/organizations': async () => ({ url: '/api/v1/organizations', payload: { name: `سازمان ${seq()}` } }),
  'GET /api/v1/organizations/:id': async (w, _r, which) => ({ url: `/api/v1/organizations/${which === 'own' ? w.org1 : w.org2}` }),
  'PATCH /api/v1/organizations/:id': async (w, _r, which) => {
    const id = await makeOrganization(w.t, which === 'own' ? { accountManagerId: w.people.crm.agentId! } : {});
    const target = _r === 'contact' ? (which === 'own' ? w.org1 : w.org2) : id;
    return { url: `/api/v1/organizations/${target}`, payload: { version: 1, notes: 'updated' } };
  },
  'GET /api/v1/contacts': fixed('/api/v1/contacts'),
  'POST /api/v1/contacts': async () => ({ url: '/api/v1/contacts', payload: { name: `مشتری ${seq()}`, emails: [`c${seq()}@example.test`] } }),
  'GET /api/v1/contacts/:id': async (w, role, which) => ({
    url: `/api/v1/contacts/${which === 'foreign' ? w.foreignContact.contactId : role === 'contact' ? w.people.contact.contactId : (await makeContact(w.t, { organizationId: w.org1, canSignIn: false })).contactId}`,
  }),
  'PATCH /api/v1/contacts/:id': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}`, payload: { version: 1, name: 'renamed' } };
  },
  'POST /api/v1/contacts/:id/sign-in': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    const { userId } = await makeAgent(w.t, { roles: ['analyst'] });
    return { url: `/api/v1/contacts/${id}/sign-in`, payload: { userId, version: 1 } };
  },
  'POST /api/v1/contacts/:id/invitation': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}/invitation` };
  },
  'POST /api/v1/contacts/:id/deactivate': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}/deactivate`, payload: { version: 1 } };
  },
  'POST /api/v1/contacts/:id/merge': async (w, role, which) => {
    const fresh = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const into = await makeContact(w.t, { organizationId: which === 'own' ? w.org1 : w.org2, canSignIn: false });
    const id = role === 'contact' ? (which === 'own' ? w.people.contact.contactId : w.foreignContact.contactId) : fresh.contactId;
    return { url: `/api/v1/contacts/${id}/merge`, payload: { intoId: into.contactId, version: 1 } };
  },
  'POST /api/v1/organizations/:id/merge': async (w, role, which) => {
    const id = role === 'contact' ? (which === 'own' ? w.org1 : w.org2) : await makeOrganization(w.t, { name: `سازمان ${seq()}` });
    const into = await makeOrganization(w.t, { name: `سازمان ${seq()}` });
    return { url: `/api/v1/organizations/${id}/merge`, payload: { intoId: into, version: 1 } };
  },
  'POST /api/v1/organizations/:id/deactivate': async (w, role, which) => {
    const id = role === 'contact' ? (which === 'own' ? w.org1 : w.org2) : await makeOrganization(w.t, { name: `سازمان ${seq()}` });
    return { url: `/api/v1/organizations/${id}/deactivate`, payload: { version: 1 } };
  },
  'GET /api/v1/agents': fixed('/api/v1/agents'),
  'POST /api/v1/agents': async () => ({ url: '/api/v1/agents', payload: { email: `a${seq()}@example.test`, name: 'new agent', roles: ['analyst'] } }),
  'GET /api/v1/agents/:id': async (w, _r, which) => ({ url: `/api/v1/agents/${which === 'own' ? w.people.analyst.agentId : w.foreignAgent.agentId}` }),
  'PATCH /api/v1/agents/:id': async (w, _r, which) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [which === 'own' ? w.groupA : w.groupB] });
    return { url: `/api/v1/agents/${agent.agentId}`, payload: { version: 1, name: 'renamed agent' } };
  },
  'POST /api/v1/agents/:id/invitation': async (w, _r, which) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [which === 'own' ? w.groupA : w.groupB] });
    return { url: `/api/v1/agents/${agent.agentId}/invitation` };
  },
  'GET /api/v1/groups': fixed('/api/v1/groups'),
  'POST /api/v1/groups': async () => ({ url: '/api/v1/groups', payload: { name: `گروه ${seq()}` } }),
  'GET /api/v1/groups/:id': async (w, _r, which) => ({ url: `/api/v1/groups/${which === 'own' ? w.groupA : w.groupB}` }),
  'PATCH /api/v1/groups/:id': async (w) => ({ url: `/api/v1/groups/${await makeGroup(w.t)}`, payload: { version: 1, description: 'updated' } }),
};
