/** All SQL on document_saved. */
import type { Kysely } from 'kysely';
import type { SavedDocument, SavedDocumentKind } from './document.types.ts';
import type { DocumentTables } from './documents.tables.ts';
import { toFileMeta } from './file.repo.ts';

type Db = Kysely<DocumentTables>;

export interface NewSavedDocument {
  id: string;
  accountId: string;
  fileId: string;
  title: string;
  kind: SavedDocumentKind;
  issuedBy: string | null;
  issuedOn: string | null;
  createdAt: Date;
}

export async function insertSaved(tx: Db, doc: NewSavedDocument): Promise<void> {
  await tx
    .insertInto('document_saved')
    .values({ id: doc.id, account_id: doc.accountId, file_id: doc.fileId, title: doc.title, kind: doc.kind, issued_by: doc.issuedBy, issued_on: doc.issuedOn, created_at: doc.createdAt, deleted_at: null })
    .execute();
}

function selectSaved(db: Db, accountId: string) {
  return db
    .selectFrom('document_saved as s')
    .innerJoin('document_file as f', 'f.id', 's.file_id')
    .select([
      's.id',
      's.account_id',
      's.file_id',
      's.title',
      's.kind',
      's.issued_by',
      's.issued_on',
      's.created_at',
      'f.sha256',
      'f.size_bytes',
      'f.media_type',
      'f.original_name',
      'f.owner_account_id',
      'f.created_at as file_created_at',
    ])
    .where('s.account_id', '=', accountId)
    .where('s.deleted_at', 'is', null);
}

type SavedRow = Awaited<ReturnType<ReturnType<typeof selectSaved>['executeTakeFirstOrThrow']>>;

/** The account's saved documents that are not deleted, newest first. */
export async function listSaved(db: Db, accountId: string): Promise<SavedDocument[]> {
  const rows = await selectSaved(db, accountId).orderBy('s.created_at', 'desc').orderBy('s.id').execute();
  return rows.map(toSaved);
}

/** One of the account's saved documents; null when it is someone else's, deleted or unknown. */
export async function findSaved(db: Db, accountId: string, id: string): Promise<SavedDocument | null> {
  const row = await selectSaved(db, accountId).where('s.id', '=', id).executeTakeFirst();
  return row ? toSaved(row) : null;
}

/** Marks the account's document deleted; false when there was none to delete. */
export async function markSavedDeleted(tx: Db, accountId: string, id: string, at: Date): Promise<boolean> {
  const result = await tx.updateTable('document_saved').set({ deleted_at: at }).where('id', '=', id).where('account_id', '=', accountId).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function toSaved(r: SavedRow): SavedDocument {
  return {
    id: r.id,
    accountId: r.account_id,
    fileId: r.file_id,
    title: r.title,
    kind: r.kind,
    issuedBy: r.issued_by,
    issuedOn: r.issued_on,
    createdAt: r.created_at,
    file: toFileMeta({ id: r.file_id, sha256: r.sha256, size_bytes: r.size_bytes, media_type: r.media_type, original_name: r.original_name, owner_account_id: r.owner_account_id, created_at: r.file_created_at }),
  };
}
