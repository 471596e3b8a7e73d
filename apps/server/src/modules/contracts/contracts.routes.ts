import { Type } from 'typebox';
import { Contract, ContractDeleteQuery, ContractList, ContractListQuery, CreateContractBody, ErrorEnvelope, IdParams, PenaltyQuery, PenaltyReport, UpdateContractBody } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';
import type { Db } from '../../schema.ts';
import type { CalendarLoader } from '../calendars/index.ts';
import { createContract } from './commands/create-contract.ts';
import { updateContract } from './commands/update-contract.ts';
import { deleteContract } from './commands/delete-contract.ts';
import { contractAccessMap } from './contract-access.ts';
import { penaltyReport } from './contract-penalties.ts';
import { presentContract } from './contracts.presenter.ts';
import { assertCanListContracts, contractPolicy, crmAgentOf, readsAllContracts } from './contracts.policy.ts';
import { findContractRow, listContractRows, rulesOfContracts, tiersOfContracts, type ContractRow } from './contracts.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const edit = { ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['contracts'];
const BASE = '/api/v1/admin/contracts';

async function present(db: Db, actor: Actor, rows: readonly ContractRow[], now: number) {
  const ids = rows.map((r) => r.id);
  const [access, rules, tiers] = await Promise.all([contractAccessMap(db, rows), rulesOfContracts(db, ids), tiersOfContracts(db, ids)]);
  return rows.map((r) => presentContract(actor, r, access.get(r.id)!, rules.get(r.id) ?? [], tiers.get(r.id) ?? [], now));
}

/** A contract the actor may read (404 otherwise). */
async function readable(db: Db, actor: Actor, id: number): Promise<ContractRow> {
  const row = await findContractRow(db, id);
  const access = row ? (await contractAccessMap(db, [row])).get(row.id) : undefined;
  authorize(contractPolicy, actor, 'read', access);
  return row!;
}

/** Organisations' contracts: admins write; admins and managers read all; a crm agent reads those of the organisations they manage. */
export function registerContractRoutes(app: App, ctx: AppContext, loader: CalendarLoader): void {
  app.get(BASE, { schema: { tags, summary: 'Contracts (of one organisation with ?organizationId=)', querystring: ContractListQuery, response: { 200: ContractList, ...errors } } }, async (request) => {
    const actor = requireUser(request.actor);
    assertCanListContracts(actor);
    const managerAgentId = readsAllContracts(actor) ? undefined : crmAgentOf(actor);
    const rows = await listContractRows(ctx.db, { ...(managerAgentId !== undefined ? { managerAgentId } : {}), ...(request.query.organizationId !== undefined ? { organizationId: request.query.organizationId } : {}) });
    return { items: await present(ctx.db, actor, rows, ctx.clock.now()) };
  });
  app.post(BASE, { schema: { tags, summary: "Add an organisation's contract (admin)", body: CreateContractBody, response: { 201: Contract, ...edit } } }, async (request, reply) => {
    const row = await createContract(ctx, { actor: request.actor, ...request.body });
    return reply.status(201).send((await present(ctx.db, request.actor, [row], ctx.clock.now()))[0]!);
  });
  app.get(`${BASE}/:id`, { schema: { tags, summary: 'A contract', params: IdParams, response: { 200: Contract, ...errors, 404: ErrorEnvelope } } }, async (request) => {
    const row = await readable(ctx.db, requireUser(request.actor), request.params.id);
    return (await present(ctx.db, request.actor, [row], ctx.clock.now()))[0]!;
  });
  app.patch(`${BASE}/:id`, { schema: { tags, summary: 'Edit a contract (admin)', params: IdParams, body: UpdateContractBody, response: { 200: Contract, ...edit } } }, async (request) => {
    const row = await updateContract(ctx, { actor: request.actor, id: request.params.id, ...request.body });
    return (await present(ctx.db, request.actor, [row], ctx.clock.now()))[0]!;
  });
  app.delete(`${BASE}/:id`, { schema: { tags, summary: 'Remove a contract (admin)', params: IdParams, querystring: ContractDeleteQuery, response: { 204: Type.Null(), ...edit } } }, async (request, reply) => {
    await deleteContract(ctx, { actor: request.actor, id: request.params.id, version: request.query.version });
    return reply.status(204).send(null);
  });
  app.get(
    `${BASE}/:id/penalties`,
    { schema: { tags, summary: 'The penalty owed for a period (a Jalali month, ?period=1405-09; the whole contract when its cap period is the contract)', params: IdParams, querystring: PenaltyQuery, response: { 200: PenaltyReport, ...errors, 404: ErrorEnvelope } } },
    async (request) => {
      const row = await readable(ctx.db, requireUser(request.actor), request.params.id);
      return penaltyReport(ctx.db, loader, row, request.query.period, ctx.clock.now());
    },
  );
}
