import type { Generated } from 'kysely';

/** The email module's tables (ownership for the architecture test). */
export interface EmailTables {
  mailboxes: {
    id: Generated<number>;
    address: string;
    address_key: string;
    name: string | null;
    group_id: number;
    kind: string;
    imap_host: string | null;
    imap_port: number | null;
    imap_tls: number;
    imap_user: string | null;
    imap_password_sealed: string | null;
    imap_folder: string;
    imap_processed_folder: string | null;
    imap_rejected_folder: string;
    relay_host: string | null;
    relay_port: number | null;
    relay_security: string;
    relay_user: string | null;
    relay_password_sealed: string | null;
    active: number;
    created_at: number;
    updated_at: number;
    version: number;
  };
  email_ticket_tokens: {
    ticket_id: number;
    salt: string;
    created_at: number;
  };
}
