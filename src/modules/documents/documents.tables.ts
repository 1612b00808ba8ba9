import type { ColumnType } from 'kysely';
import type { MediaType, SavedDocumentKind } from './document.types.ts';

/** Kysely view of the tables the documents module owns (db/migrations/0010_documents_create.sql). */
export interface DocumentTables {
  document_file: {
    id: string;
    sha256: string;
    size_bytes: number;
    media_type: MediaType;
    original_name: string;
    owner_account_id: string | null;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  document_saved: {
    id: string;
    account_id: string;
    file_id: string;
    title: string;
    kind: SavedDocumentKind;
    issued_by: string | null;
    /** 'yyyy-mm-dd' (DATE is read as text, see platform/db/database.ts). */
    issued_on: string | null;
    created_at: ColumnType<Date, Date | undefined, never>;
    deleted_at: Date | null;
  };
}
