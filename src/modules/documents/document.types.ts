/** Domain types of the documents module: stored files and the citizen's saved documents. */

/** The only types accepted, decided by the first bytes of the content. */
export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** What a saved document is (kho giấy tờ). */
export const SAVED_DOCUMENT_KINDS = ['id_card', 'passport', 'birth_certificate', 'marriage_certificate', 'other'] as const;
export type SavedDocumentKind = (typeof SAVED_DOCUMENT_KINDS)[number];

/** A stored file's description; its bytes are read with `readFile`. */
export interface FileMeta {
  readonly id: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Sniffed from the content, never the type the browser declared. */
  readonly mediaType: MediaType;
  /** NFC, sanitised (no path, control or bidi characters), at most 200 characters. */
  readonly originalName: string;
  /** Who uploaded it; null = made by the system. */
  readonly ownerAccountId: string | null;
  readonly createdAt: Date;
}

export interface SavedDocument {
  readonly id: string;
  readonly accountId: string;
  /** The file to attach to a dossier as it is: content-addressed, so no copy is needed. */
  readonly fileId: string;
  readonly title: string;
  readonly kind: SavedDocumentKind;
  readonly issuedBy: string | null;
  /** 'yyyy-mm-dd' */
  readonly issuedOn: string | null;
  readonly createdAt: Date;
  readonly file: FileMeta;
}

/** Why one uploaded file was refused; each is a stable code of DOCUMENT_ERRORS. */
export const FILE_PROBLEMS = ['DOCUMENT_TYPE_NOT_ALLOWED', 'DOCUMENT_EMPTY', 'DOCUMENT_TOO_LARGE'] as const;
export type FileProblemCode = (typeof FILE_PROBLEMS)[number];

/**
 * A refused upload, as a value (expected input problem, STYLE.md habit 5): the code, the form field
 * and the file's name, and a message key whose text names the file (`{name}`, `{max}`).
 */
export interface UploadProblem {
  readonly code: FileProblemCode | 'DOCUMENT_TOO_MANY';
  /** The form field the file came in (the id of its input, for the error summary link). */
  readonly field: string;
  /** The file's sanitised name; null for DOCUMENT_TOO_MANY, which is about the whole post. */
  readonly fileName: string | null;
  readonly messageKey: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** How much an upload may carry. */
export interface UploadLimits {
  /** Largest file, in bytes; a file of exactly this size is accepted. */
  readonly maxBytes: number;
  /** Most files in one request. */
  readonly maxFiles: number;
}
