/** Use cases on stored files: check and stage, store, describe, read back — always by content. */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import type { BlobStore } from './blob-store.port.ts';
import type { FileMeta, UploadLimits, UploadProblem } from './document.types.ts';
import type { DocumentTables } from './documents.tables.ts';
import { intakeFile, type ByteSource, type StagedBlob } from './file-intake.service.ts';
import { sanitizeFileName } from './file-name.workflow.ts';
import { uploadProblem } from './file.presenter.ts';
import { findFile, insertFiles } from './file.repo.ts';

export interface FileStoreDeps {
  db: Kysely<DocumentTables>;
  blobs: BlobStore;
  limits: UploadLimits;
  now: () => Date;
  newId: () => string;
}

/** A checked file waiting to be stored: `commitFiles` stores it, `discardFiles` forgets it. */
export interface StagedFile {
  readonly field: string;
  readonly name: string;
  readonly blob: StagedBlob;
}

export type StageResult = { ok: true; staged: StagedFile } | { ok: false; problem: UploadProblem };

export interface StoreUploadInput {
  ownerAccountId: string | null;
  /** The name the person's computer gave the file; it is sanitised. The declared type is never asked for. */
  name: string;
  /** The bytes: a stream (read once, stopped at the first problem), chunks, or one buffer. */
  content: ByteSource | Uint8Array;
  /** The form field, for the problem's link (default 'file'). */
  field?: string;
}

export function createFileStoreService(deps: FileStoreDeps) {
  const { db, blobs, limits } = deps;

  /** Checks one file as it streams in and keeps its bytes aside; nothing is stored yet. */
  async function stageFile(content: ByteSource, input: { name: string; field: string; onRefuse: 'drain' | 'stop' }): Promise<StageResult> {
    const name = sanitizeFileName(input.name);
    const result = await intakeFile(content, blobs, { maxBytes: limits.maxBytes, onRefuse: input.onRefuse });
    if (!result.ok) return { ok: false, problem: uploadProblem(result.code, input.field, name, limits) };
    return { ok: true, staged: { field: input.field, name, blob: result.blob } };
  }

  /** Forgets staged files (their temporary bytes are deleted). */
  async function discardFiles(staged: readonly StagedFile[]): Promise<void> {
    await Promise.all(staged.map((s) => s.blob.discard().catch(() => undefined)));
  }

  /**
   * Stores staged files: the bytes first (content-addressed, so a retry or a crash in between leaves at
   * most an unreferenced blob, never a row without bytes), then every row in one transaction.
   */
  async function commitFiles(staged: readonly StagedFile[], ownerAccountId: string | null): Promise<FileMeta[]> {
    try {
      for (const s of staged) await s.blob.commit();
    } catch (err) {
      await discardFiles(staged);
      throw err;
    }
    const createdAt = deps.now();
    const metas = staged.map((s) => ({
      id: deps.newId(),
      sha256: s.blob.sha256,
      sizeBytes: s.blob.sizeBytes,
      mediaType: s.blob.mediaType,
      originalName: s.name,
      ownerAccountId,
      createdAt,
    }));
    await db.transaction().execute((tx) => insertFiles(tx, metas));
    return metas;
  }

  return {
    stageFile,
    commitFiles,
    discardFiles,

    /**
     * Checks and stores one file from any stream (a generated PDF, a file from another system). Stops
     * reading at the first problem. Refusals are values; nothing is kept for them.
     */
    async storeUpload(input: StoreUploadInput): Promise<{ ok: true; file: FileMeta } | { ok: false; problem: UploadProblem }> {
      // A Uint8Array is iterable too, but byte by byte: wrap it as one chunk.
      const content = input.content instanceof Uint8Array ? [input.content] : input.content;
      const result = await stageFile(content, { name: input.name, field: input.field ?? 'file', onRefuse: 'stop' });
      if (!result.ok) return result;
      const [file] = await commitFiles([result.staged], input.ownerAccountId);
      return { ok: true, file: file! };
    },

    /** A file's description, whoever owns it (the caller has checked the person may see it), or null. */
    async fileMeta(fileId: string): Promise<FileMeta | null> {
      return isUuid(fileId) ? findFile(db, fileId) : null;
    },

    /**
     * A file the account may read: its own upload. `accountId` null = the system or a module that has
     * checked access itself (an official reading a dossier's attachment). Null when not found or not theirs.
     */
    async getFile(accountId: string | null, fileId: string): Promise<FileMeta | null> {
      const file = isUuid(fileId) ? await findFile(db, fileId) : null;
      if (!file) return null;
      return accountId === null || file.ownerAccountId === accountId ? file : null;
    },

    /**
     * A file's bytes as a stream, with its description. Access is the caller's to check (use `getFile`).
     * @throws DOCUMENT_NOT_FOUND, DOCUMENT_CONTENT_MISSING (the row has no bytes in the store)
     */
    async readFile(fileId: string): Promise<{ file: FileMeta; stream: Readable }> {
      const file = isUuid(fileId) ? await findFile(db, fileId) : null;
      if (!file) throw new AppError('DOCUMENT_NOT_FOUND');
      const stream = await blobs.open(file.sha256);
      if (!stream) throw new AppError('DOCUMENT_CONTENT_MISSING', `no bytes for file ${file.id} (sha256 ${file.sha256})`);
      return { file, stream };
    },
  };
}

export type FileStoreService = ReturnType<typeof createFileStoreService>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
