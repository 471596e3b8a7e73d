// The test factories, one file a concept under factories/. Tests import them from here, so this
// one path stays stable however the files below are arranged.
export { PASSWORD } from './factories/common.ts';
export { makeGroup, makeOrganization, makeAgent, makeContact, type Person } from './factories/people.ts';
export { anonymousClient, signIn, sessionClient, clientOfSession, appWithAdmin, type Client } from './factories/clients.ts';
export { makeTicket, makeRelation, makeWatcher, makeCategory, escalateDirectly } from './factories/tickets.ts';
export { makeDeadJob, makeNotification } from './factories/platform.ts';
export { makeApiToken, makeTotp } from './factories/access.ts';
export { makeMailbox, makeFailedMail, makeHeldMail, makeInboundMailRow } from './factories/email.ts';
export { makeCalendar, makeCalendarHoliday, makeSlaPolicy, makeSlaRule, makeContract } from './factories/service-levels.ts';
