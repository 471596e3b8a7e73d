import { defineSettings } from '../../../platform/settings/index.ts';

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
