/** Public API of the documents module: uploaded files (checked by content, stored by hash) and saved documents. */
import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { HttpServer } from '../../platform/http/server.ts';
import { createLocalBlobStore } from './adapters/local-blob-store.ts';
import type { BlobStore } from './blob-store.port.ts';
import type { FileMeta, UploadLimits } from './document.types.ts';
import type { DocumentTables } from './documents.tables.ts';
import { createFileStoreService } from './file-store.service.ts';
import { createSavedDocumentService } from './saved-document.service.ts';
import { sendFile, type SendFileOptions } from './web/file-response.presenter.ts';
import { registerAddDocumentPage } from './web/saved-documents/add-document.page.ts';
import { registerSavedDocumentsPages } from './web/saved-documents/saved-documents.page.ts';
import type { FormSecurity } from './web/signed-in.policy.ts';
import { createUploadReader, multipartLimits } from './web/upload-request.parser.ts';

export { DOCUMENT_ERRORS, type DocumentErrorCode } from './documents.errors.ts';
export { documentsMessages } from './web/documents.messages.ts';
export { MEDIA_TYPES, SAVED_DOCUMENT_KINDS, type FileMeta, type FileProblemCode, type MediaType, type SavedDocument, type SavedDocumentKind, type UploadLimits, type UploadProblem } from './document.types.ts';
export type { BlobStore, BlobWriter } from './blob-store.port.ts';
export type { StoreUploadInput } from './file-store.service.ts';
export type { ByteSource } from './file-intake.service.ts';
export type { SaveDocumentInput } from './saved-document.service.ts';
export type { FieldError } from './saved-document.workflow.ts';
export type { FormFields, UploadRequestOptions, UploadResult } from './web/upload-request.parser.ts';
export type { FormSecurity } from './web/signed-in.policy.ts';
export type { SendFileOptions } from './web/file-response.presenter.ts';
export { sniffMediaType } from './file-sniff.workflow.ts';
export { formatSize } from './file.presenter.ts';

export interface DocumentsModuleDeps {
  db: Kysely<any>;
  logger: Logger;
  /** FILES_DIR (env.filesDir), UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES. */
  files: { dir: string; maxBytes: number; maxFiles: number };
  /** The identity module's web kit (`identity.web`): CSRF tokens and checks for the pages' forms. */
  web: FormSecurity;
  /** Replaces the local disk store (an S3-compatible adapter, a test double). */
  blobs?: BlobStore;
  now?: () => Date;
  newId?: () => string;
}

/** Uploaded files and the citizen's saved documents (see README.md). */
export function createDocumentsModule(deps: DocumentsModuleDeps) {
  const db = deps.db as Kysely<DocumentTables>;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const limits: UploadLimits = { maxBytes: deps.files.maxBytes, maxFiles: deps.files.maxFiles };
  const files = createFileStoreService({ db, blobs: deps.blobs ?? createLocalBlobStore(deps.files.dir), limits, now, newId });
  const saved = createSavedDocumentService({ db, now, newId });
  const readUpload = createUploadReader(files, limits);
  return {
    limits,
    /**
     * Reads a multipart/form-data post for any route: text fields, stored files and refused ones.
     * Pass `beforeStore: () => kit.checkCsrf(request)`; see README.md for an example.
     */
    readUpload,
    /** Checks and stores one file from a stream; refusals are values (`problem`). */
    storeUpload: files.storeUpload,
    /** A file's description, or null. No access check: for code that has checked access itself. */
    fileMeta: files.fileMeta,
    /** A file the account uploaded (null `accountId` = any owner, for modules that check access themselves), or null. */
    getFile: files.getFile,
    /** A file's bytes as a stream. @throws DOCUMENT_NOT_FOUND, DOCUMENT_CONTENT_MISSING */
    readFile: files.readFile,
    /** Streams a file as a download (sniffed type, RFC 5987 name, nosniff, sandbox). @throws DOCUMENT_NOT_FOUND, DOCUMENT_CONTENT_MISSING */
    sendFile: (reply: FastifyReply, file: FileMeta, options?: SendFileOptions) => sendFile(files, reply, file, options),
    /** The account's saved documents, newest first. A dossier attaches `saved.fileId` as it is (no copy). */
    listSaved: saved.listSaved,
    getSaved: saved.getSaved,
    /** @throws DOCUMENT_NOT_FOUND when the file is not the account's (unless `fromSystem`) */
    saveDocument: saved.saveDocument,
    /** @throws DOCUMENT_NOT_FOUND */
    deleteSaved: saved.deleteSaved,
    /**
     * Registers @fastify/multipart once (for every route: a multipart post to a route that does not read
     * it gets no body, so its CSRF or schema check refuses it) and the "Giấy tờ của tôi" pages. Call it
     * before other modules' routes that read uploads.
     */
    async registerRoutes(app: HttpServer) {
      if (!app.hasRequestDecorator('parts')) {
        await app.register(fastifyMultipart, { throwFileSizeLimit: false, limits: multipartLimits(limits) });
      }
      registerSavedDocumentsPages(app, { web: deps.web, files, saved });
      registerAddDocumentPage(app, { web: deps.web, files, saved, readUpload, limits });
      deps.logger.debug({ module: 'documents', maxBytes: limits.maxBytes, maxFiles: limits.maxFiles }, 'documents routes registered');
    },
  };
}

export type DocumentsModule = ReturnType<typeof createDocumentsModule>;
