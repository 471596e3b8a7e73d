import { organizationsManagedBy } from '../../people/index.ts';
import type { TicketWhere } from './ticket-filter.repository.ts';

/** Tickets of the organisations an agent manages (people's subquery); no agent side: none. */
export function ticketsOfOrganizationsManagedBy(agentId: number | undefined): TicketWhere {
  return (eb) => (agentId === undefined ? eb.lit(false) : eb('tickets.organization_id', 'in', organizationsManagedBy(agentId)));
}
