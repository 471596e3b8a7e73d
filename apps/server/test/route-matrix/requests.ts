import { platformRequests } from './requests/platform.ts';
import { accessRequests } from './requests/access.ts';
import { ssoRequests } from './requests/sso.ts';
import { peopleRequests } from './requests/people.ts';
import { dutyRequests } from './requests/duty.ts';
import { notificationRequests } from './requests/notifications.ts';
import { preferenceRequests } from './requests/preferences.ts';
import { searchRequests } from './requests/search.ts';
import { emailRequests } from './requests/email.ts';
import { serviceLevelRequests } from './requests/service-levels.ts';
import { ticketRequests } from './requests/tickets.ts';
import type { Builder } from './requests/builder.ts';

export type { Builder, PreparedRequest, Which } from './requests/builder.ts';

const SECTIONS: Record<string, Builder>[] = [
  platformRequests,
  accessRequests,
  ssoRequests,
  peopleRequests,
  dutyRequests,
  notificationRequests,
  preferenceRequests,
  searchRequests,
  emailRequests,
  serviceLevelRequests,
  ticketRequests,
];

/** Request builders keyed like the matrix rows, one file a module under requests/. */
export const REQUESTS: Record<string, Builder> = {};
for (const section of SECTIONS) {
  for (const [route, build] of Object.entries(section)) {
    // Spreading the sections would let a row written twice silently keep only the later builder.
    if (route in REQUESTS) throw new Error(`two request builders for ${route}`);
    REQUESTS[route] = build;
  }
}
