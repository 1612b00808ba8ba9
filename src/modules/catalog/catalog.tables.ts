import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Kysely view of the tables the catalog module owns (db/migrations/0002_catalog_create.sql). */
export interface CatalogTables {
  catalog_procedure: {
    code: string;
    current_version: number;
    name: string;
    sector: string | null;
    levels: string[];
    online: boolean;
    record: JSONColumnType<object, string, string>;
    content_hash: string;
    ministry_folder: string | null;
    created_at: ColumnType<Date, never, never>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  catalog_procedure_version: {
    code: string;
    version: number;
    record: JSONColumnType<object, string, string>;
    content_hash: string;
    raw: JSONColumnType<object, string | null, string | null> | null;
    source_file: string | null;
    effective_from: ColumnType<Date, Date, Date>;
    effective_to: ColumnType<Date | null, Date | null, Date | null>;
    imported_at: ColumnType<Date, never, never>;
  };
  catalog_question: {
    id: Generated<number>;
    procedure_code: string;
    question_vi: string;
    answer_vi: string;
    question_en: string | null;
    answer_en: string | null;
    position: number;
    created_at: ColumnType<Date, never, never>;
  };
  catalog_life_event: {
    slug: string;
    name_vi: string;
    name_en: string;
    description_vi: string;
    description_en: string;
    position: number;
  };
  catalog_life_event_procedure: {
    life_event_slug: string;
    procedure_code: string;
    position: number;
    note_vi: string | null;
    note_en: string | null;
  };
}
