/** All SQL on document_file. */
import type { Kysely, Selectable } from 'kysely';
import type { FileMeta } from './document.types.ts';
import type { DocumentTables } from './documents.tables.ts';

type Db = Kysely<DocumentTables>;
type Row = Selectable<DocumentTables['document_file']>;

export async function insertFiles(tx: Db, files: readonly FileMeta[]): Promise<void> {
  if (files.length === 0) return;
  await tx
    .insertInto('document_file')
    .values(
      files.map((f) => ({
        id: f.id,
        sha256: f.sha256,
        size_bytes: f.sizeBytes,
        media_type: f.mediaType,
        original_name: f.originalName,
        owner_account_id: f.ownerAccountId,
        created_at: f.createdAt,
      })),
    )
    .execute();
}

export async function findFile(db: Db, id: string): Promise<FileMeta | null> {
  const row = await db.selectFrom('document_file').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toFileMeta(row) : null;
}

export function toFileMeta(row: Row): FileMeta {
  return {
    id: row.id,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    mediaType: row.media_type,
    originalName: row.original_name,
    ownerAccountId: row.owner_account_id,
    createdAt: row.created_at,
  };
}
