/** Use cases of the citizen's saved documents (kho giấy tờ). */
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import type { SavedDocument } from './document.types.ts';
import type { DocumentTables } from './documents.tables.ts';
import { findFile } from './file.repo.ts';
import { isUuid } from './file-store.service.ts';
import { findSaved, insertSaved, listSaved, markSavedDeleted } from './saved-document.repo.ts';
import { checkSavedDocument, vietnamToday, type FieldError, type SavedDocumentDetails, type SavedDocumentInput } from './saved-document.workflow.ts';

export interface SavedDocumentDeps {
  db: Kysely<DocumentTables>;
  now: () => Date;
  newId: () => string;
}

export interface SaveDocumentInput extends Partial<SavedDocumentInput> {
  fileId: string;
  title: string;
  kind: string;
}

export function createSavedDocumentService(deps: SavedDocumentDeps) {
  const { db } = deps;
  return {
    /** Checks a saved document's details as typed, without saving (a form shows every problem at once). */
    checkDetails(input: SavedDocumentInput): { ok: true; value: SavedDocumentDetails } | { ok: false; errors: FieldError[] } {
      return checkSavedDocument(input, vietnamToday(deps.now()));
    },

    /** The account's saved documents, newest first (deleted ones left out). */
    listSaved(accountId: string): Promise<SavedDocument[]> {
      return listSaved(db, accountId);
    },

    /** One of the account's saved documents, or null (someone else's looks the same as none). */
    async getSaved(accountId: string, savedId: string): Promise<SavedDocument | null> {
      return isUuid(savedId) ? findSaved(db, accountId, savedId) : null;
    },

    /**
     * Saves a stored file in the account's documents. The file must be the account's own upload unless
     * `fromSystem` (a result an agency issued to this person). Input problems are values.
     * @throws DOCUMENT_NOT_FOUND when the file is unknown or not the account's
     */
    async saveDocument(accountId: string, input: SaveDocumentInput, options: { fromSystem?: boolean } = {}): Promise<{ ok: true; saved: SavedDocument } | { ok: false; errors: FieldError[] }> {
      const file = isUuid(input.fileId) ? await findFile(db, input.fileId) : null;
      if (!file || (!options.fromSystem && file.ownerAccountId !== accountId)) throw new AppError('DOCUMENT_NOT_FOUND', 'no such file for this account');
      const checked = checkSavedDocument({ title: input.title, kind: input.kind, issuedBy: input.issuedBy ?? '', issuedOn: input.issuedOn ?? '' }, vietnamToday(deps.now()));
      if (!checked.ok) return checked;
      const id = deps.newId();
      await db.transaction().execute((tx) => insertSaved(tx, { id, accountId, fileId: file.id, ...checked.value, createdAt: deps.now() }));
      const saved = await findSaved(db, accountId, id);
      return { ok: true, saved: saved! };
    },

    /**
     * Deletes one of the account's saved documents (the file stays: dossiers may use it).
     * @throws DOCUMENT_NOT_FOUND when it is not the account's or already deleted
     */
    async deleteSaved(accountId: string, savedId: string): Promise<void> {
      const deleted = isUuid(savedId) && (await db.transaction().execute((tx) => markSavedDeleted(tx, accountId, savedId, deps.now())));
      if (!deleted) throw new AppError('DOCUMENT_NOT_FOUND');
    },
  };
}

export type SavedDocumentService = ReturnType<typeof createSavedDocumentService>;
