import type { ErrorTable } from '../../platform/errors/app-error.ts';

/**
 * Error codes of the documents module and how the HTTP layer shows them. The first four are also
 * returned as values (`UploadProblem`) to forms, with a message that names the file.
 */
export const DOCUMENT_ERRORS = {
  /** The content is not a PDF, JPEG or PNG by its first bytes, whatever its name or declared type. */
  DOCUMENT_TYPE_NOT_ALLOWED: { status: 415, messageKey: 'documents.errors.typeNotAllowed' },
  DOCUMENT_EMPTY: { status: 400, messageKey: 'documents.errors.empty' },
  /** Larger than UPLOAD_MAX_BYTES (reading stops there). */
  DOCUMENT_TOO_LARGE: { status: 413, messageKey: 'documents.errors.tooLarge' },
  /** More files in one request than the form allows (at most UPLOAD_MAX_FILES); nothing of it is kept. */
  DOCUMENT_TOO_MANY: { status: 413, messageKey: 'documents.errors.tooMany' },
  /** The multipart body cannot be parsed (cut short, no boundary, a field too long). */
  DOCUMENT_UPLOAD_MALFORMED: { status: 400, messageKey: 'documents.errors.uploadMalformed' },
  /** No such file or saved document for this person (someone else's answers the same). */
  DOCUMENT_NOT_FOUND: { status: 404, messageKey: 'documents.errors.notFound' },
  /** A file's row exists but the store has no bytes for it (lost storage): an operator must look. */
  DOCUMENT_CONTENT_MISSING: { status: 500, messageKey: 'documents.errors.contentMissing' },
} as const satisfies ErrorTable;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERRORS;
