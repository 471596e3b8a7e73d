import { makeAgent } from '../../factories.ts';
import { freshActor } from '../world.ts';
import { fixed, type Builder } from './builder.ts';

// Duty: a fresh agent for writes, so each call starts at version 1; a group's current version read at call time.

export const dutyRequests: Record<string, Builder> = {
  'GET /api/v1/me/duty': fixed('/api/v1/me/duty'),
  'PUT /api/v1/me/duty': async (w, role) => ({ url: '/api/v1/me/duty', payload: { version: 1, awayUntil: null }, client: (await freshActor(w, role)).client }),
  'GET /api/v1/agents/:id/duty': async (w, _r, which) => ({ url: `/api/v1/agents/${which === 'own' ? w.people.analyst.agentId : w.foreignAgent.agentId}/duty` }),
  'PUT /api/v1/agents/:id/duty': async (w, _r, which) => {
    const agent = await makeAgent(w.t, { roles: ['analyst'], groupIds: [which === 'own' ? w.groupA : w.groupB] });
    return { url: `/api/v1/agents/${agent.agentId}/duty`, payload: { version: 1, awayNote: 'matrix' } };
  },
  'GET /api/v1/groups/:id/assignment': async (w, _r, which) => ({ url: `/api/v1/groups/${which === 'own' ? w.groupA : w.groupB}/assignment` }),
  'PUT /api/v1/groups/:id/assignment': async (w, _r, which) => {
    const groupId = which === 'own' ? w.groupA : w.groupB;
    const row = await w.t.ctx.db.selectFrom('group_assignment').select('version').where('group_id', '=', groupId).executeTakeFirst();
    return { url: `/api/v1/groups/${groupId}/assignment`, payload: { version: row?.version ?? 1, mode: 'off' } };
  },
};
