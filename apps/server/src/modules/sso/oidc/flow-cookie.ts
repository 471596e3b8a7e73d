import { open, seal, type SealKey } from '../../../platform/crypto/index.ts';
import type { FlowSecrets } from './oidc-client.ts';

export const FLOW_COOKIE = 'pishkhan_sso_flow';
export const FLOW_COOKIE_PATH = '/api/v1/sso/oidc/';
/** A sign-in at the provider must come back within this long. */
export const FLOW_TTL_MS = 10 * 60_000;
const CONTEXT = 'sso.oidc_flow';

/** What the browser carries between start and callback: sealed, so it can be neither read nor forged. */
export interface FlowState extends FlowSecrets {
  providerId: number;
  expiresAt: number;
  returnTo: string;
}

export function sealFlow(keys: readonly SealKey[], flow: FlowState): string {
  return seal(keys[0]!, JSON.stringify(flow), CONTEXT);
}

/** The flow in the cookie, or null when it is missing, forged, for another provider or expired. */
export function openFlow(keys: SealKey[], cookie: string | undefined, providerId: number, now: number): FlowState | null {
  if (!cookie) return null;
  try {
    const flow = JSON.parse(open(keys, cookie, CONTEXT)) as FlowState;
    return flow.providerId === providerId && flow.expiresAt > now ? flow : null;
  } catch {
    return null;
  }
}

/** Only a path of this site: `/…` but not `//…` (another host) nor `/\…`. */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value) ? value : '/';
}
