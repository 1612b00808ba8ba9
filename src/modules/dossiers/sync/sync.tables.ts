/** Kysely table interfaces of the sync part (db/migrations/0011_dossiers_sync.sql). */
import type { ColumnType, Generated } from 'kysely';
import type { DossierTables } from '../core/dossier.tables.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DossierIntegrationTable {
  client_id: string;
  name: string;
  agency_codes: string[];
  webhook_url: string | null;
  webhook_secret: string | null;
  events: ColumnType<string[], string[] | undefined, string[]>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DossierSyncEventTable {
  client_id: string;
  event_id: string;
  kind: string;
  dossier_id: string;
  outcome: 'accepted' | 'stale';
  status_code: number | null;
  occurred_at: Timestamp;
  sequence: ColumnType<string, string | number, string | number>;
  payload: ColumnType<unknown, string | null, string | null>;
  received_at: Timestamp;
}

export interface DossierWebhookDeliveryTable {
  id: Generated<string>;
  client_id: string;
  event_id: string;
  event_type: string;
  dossier_id: string | null;
  body: string;
  status: Generated<'pending' | 'sending' | 'delivered' | 'dead'>;
  attempts: Generated<number>;
  replays: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  last_status: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SyncTables extends DossierTables {
  dossier_integration: DossierIntegrationTable;
  dossier_sync_event: DossierSyncEventTable;
  dossier_webhook_delivery: DossierWebhookDeliveryTable;
}
