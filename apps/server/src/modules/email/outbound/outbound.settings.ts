import { resealed, type SealKey } from '../../../platform/crypto/index.ts';
import { defineSettings } from '../../../platform/settings/index.ts';
import type { Db } from '../../../schema.ts';

/** The relay used by mailboxes without their own; the password sealed (context `email:default_relay`). */
export interface DefaultRelaySetting {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  user: string | null;
  passwordSealed: string | null;
}

export const outboundSettings = defineSettings({
  'email.default_relay': null as DefaultRelaySetting | null,
});

export const DEFAULT_RELAY_SEAL_CONTEXT = 'email:default_relay';

/** Secret rotation: the default relay's password sealed again under keys[0]; returns 1 when it changed. */
export async function resealDefaultRelay(db: Db, keys: SealKey[], now: number): Promise<number> {
  const relay = await outboundSettings.get(db, 'email.default_relay');
  const next = relay?.passwordSealed ? resealed(keys, relay.passwordSealed, DEFAULT_RELAY_SEAL_CONTEXT) : null;
  if (!relay || next === null) return 0;
  await outboundSettings.set(db, 'email.default_relay', { ...relay, passwordSealed: next }, now);
  return 1;
}
