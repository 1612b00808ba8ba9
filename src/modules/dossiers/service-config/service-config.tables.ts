import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Kysely view of dossier_service_config (db/migrations/0008_dossiers_service_config.sql). */
export interface ServiceConfigTables {
  dossier_service_config: {
    id: Generated<string>;
    procedure_code: string;
    agency_code: string;
    version: number;
    catalog_version: number;
    definition: JSONColumnType<object, string, never>;
    origin: 'generated' | 'edited';
    created_by: string | null;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
}
