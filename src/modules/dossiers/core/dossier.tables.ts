/** Kysely table interfaces of the dossier core (db/migrations/0009_dossiers_create.sql). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface DossierTable {
  id: Generated<string>;
  code: string | null;
  procedure_code: string;
  procedure_name: string;
  catalog_version: number;
  service_config_id: string | null;
  agency_code: string;
  status: string;
  channel: string;
  origin: Generated<string>;
  owner_account_id: string | null;
  submitter_account_id: string | null;
  applicant: Json<Record<string, unknown>>;
  submitter: Json<Record<string, unknown> | null>;
  applicant_id_number: string | null;
  case_key: string | null;
  answers: Json<Record<string, unknown>>;
  summary: string | null;
  duration: Json<{ value: number; unit: string } | null>;
  submitted_at: NullableTimestamp;
  received_at: NullableTimestamp;
  due_at: NullableTimestamp;
  original_due_at: NullableTimestamp;
  paused_at: NullableTimestamp;
  resume_status: string | null;
  supplement_due_at: NullableTimestamp;
  extended: Generated<boolean>;
  supplement_count: Generated<number>;
  step_index: Generated<number>;
  holder_account_id: string | null;
  result: Json<{ text: string; fileIds: string[] } | null>;
  resolved_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  external_id: string | null;
  sync_client_id: string | null;
  last_sync_at: NullableTimestamp;
  last_sync_sequence: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  seq: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DossierEventTable {
  id: Generated<string>;
  dossier_id: string;
  seq: number;
  type: string;
  status_from: string | null;
  status_to: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  internal: Generated<boolean>;
  idempotency_key: string | null;
  data: Json<Record<string, unknown>>;
  occurred_at: Timestamp;
}

export interface DossierFileTable {
  id: Generated<string>;
  dossier_id: string;
  requirement_key: string;
  file_id: string;
  name: string;
  media_type: string;
  size_bytes: number;
  purpose: string;
  event_id: string | null;
  created_at: Timestamp;
}

export interface DossierRatingTable {
  dossier_id: string;
  question_set: string;
  scores: Json<Record<string, unknown>>;
  comment: string | null;
  rated_by: string | null;
  rated_at: Timestamp;
}

export interface DossierCodeCounterTable {
  agency_code: string;
  day: string;
  last_value: number;
}

export interface DossierTables {
  dossier: DossierTable;
  dossier_event: DossierEventTable;
  dossier_file: DossierFileTable;
  dossier_rating: DossierRatingTable;
  dossier_code_counter: DossierCodeCounterTable;
}
