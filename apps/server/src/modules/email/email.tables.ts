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
  email_messages: {
    id: Generated<number>;
    mailbox_id: number | null;
    source: string;
    message_id: string | null;
    raw_sha256: string;
    raw_size: number;
    dedup_key: string;
    from_address: string | null;
    subject: string;
    state: string;
    flags: string;
    problems: string;
    ticket_id: number | null;
    article_id: number | null;
    contact_id: number | null;
    thread_root: string | null;
    visible_body: string;
    folded_body: string;
    html: string | null;
    /** JSON array of { address, name }: the Cc's (reply-all answers them). */
    cc_json: Generated<string>;
    references_header: string | null;
    thread_index: string | null;
    received_at: number;
    decided_at: number | null;
  };
  email_bouncing_addresses: {
    address_key: string;
    first_bounce_at: number;
    last_bounce_at: number;
    bounces: number;
    last_status: string | null;
  };
  email_mailbox_leases: {
    mailbox_id: number;
    holder: string;
    locked_until: number;
  };
}
