import type { Generated } from 'kysely';

/** Mail out's tables (email/outbound; migration 202612021610). */
export interface EmailOutboundTables {
  outbound_messages: {
    id: Generated<number>;
    ticket_id: number | null;
    article_id: number | null;
    purpose: string;
    notification_kind: string | null;
    mailbox_id: number | null;
    from_address: string;
    from_name: string | null;
    to_json: string;
    cc_json: string;
    bcc_json: string;
    subject: string;
    text_body: string;
    html_body: string;
    attachments_json: string;
    message_id: string;
    in_reply_to: string | null;
    references_header: string | null;
    thread_index: string | null;
    language: string;
    status: string;
    reason: string | null;
    last_error: string | null;
    attempts: number;
    dedupe_key: string | null;
    created_by_user_id: number | null;
    created_at: number;
    updated_at: number;
    sent_at: number | null;
  };
  mailbox_notification_switches: { mailbox_id: number; kind: string; enabled: number; updated_at: number };
  email_group_signatures: { group_id: number; signature_fa: string; signature_en: string; updated_at: number };
}
