import type { ColumnType } from 'kysely';

/** Kysely view of the tables the notifications module owns (db/migrations/0005_notifications_create.sql, 0012_notifications_inbox.sql). */
export interface NotificationTables {
  notification_message: {
    id: string;
    event_id: string;
    event_type: string;
    channel: 'email' | 'sms';
    recipient: string;
    locale: 'vi' | 'en';
    subject: string | null;
    body: string;
    html: string | null;
    status: ColumnType<'queued' | 'sent' | 'failed', 'queued' | undefined, 'queued' | 'sent' | 'failed'>;
    attempts: ColumnType<number, number | undefined, number>;
    last_error: string | null;
    transport: string | null;
    expires_at: Date | null;
    created_at: ColumnType<Date, never, never>;
    sent_at: Date | null;
  };
  notification_inbox: {
    id: string;
    event_id: string;
    account_id: string;
    kind: string;
    params: ColumnType<Record<string, unknown>, string, string>;
    created_at: ColumnType<Date, Date | undefined, never>;
    read_at: Date | null;
  };
}
