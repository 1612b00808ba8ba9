/**
 * Reads a `multipart/form-data` post (a plain HTML form with `<input type="file">`, no JavaScript) for
 * any module's route: the text fields, and each file checked by content and stored — or refused with
 * a problem that names it. Files are staged while the body streams in and stored only after the whole
 * post is read and `beforeStore` (the caller's CSRF check) has passed, so a forged or refused post
 * leaves nothing on disk or in the database.
 */
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import type { FileMeta, UploadLimits, UploadProblem } from '../document.types.ts';
import { uploadProblem } from '../file.presenter.ts';
import type { FileStoreService, StagedFile } from '../file-store.service.ts';

/** Text fields as `@fastify/formbody` gives them for urlencoded forms: a string, or a list for a repeated name. */
export type FormFields = Record<string, string | string[]>;

export interface UploadRequestOptions {
  /** Who the stored files belong to (the signed-in account); null = the system. */
  ownerAccountId: string | null;
  /** Most files this form may carry (at most UPLOAD_MAX_FILES); one more refuses the whole post with DOCUMENT_TOO_MANY. */
  maxFiles?: number;
  /**
   * Runs once every field is read and before any file is stored, with `request.body` set to the text
   * fields: check the CSRF token here (`() => kit.checkCsrf(request)`). Throwing refuses the post and
   * deletes what was staged.
   */
  beforeStore?: (fields: FormFields) => void | Promise<void>;
}

export interface UploadResult {
  /** The text fields, NFC-normalised (also put on `request.body`, so `formField(request.body, …)` works). */
  readonly fields: FormFields;
  /** Stored files, in the order they came, with the form field each came in. */
  readonly files: ReadonlyArray<{ readonly field: string; readonly file: FileMeta }>;
  /** Refused files (type, empty, too large) or, alone, DOCUMENT_TOO_MANY, in the order they came. */
  readonly problems: readonly UploadProblem[];
}

/** Busboy-level limits, set once when @fastify/multipart is registered. */
export function multipartLimits(limits: UploadLimits) {
  return {
    fieldNameSize: 200,
    fieldSize: 64 * 1024,
    fields: 200,
    // One byte over the limit reaches the check, which refuses the file; the parser drops the rest
    // of it unread into memory.
    fileSize: limits.maxBytes + 1,
    // One more file than allowed reaches the check (DOCUMENT_TOO_MANY); beyond that the parser stops.
    files: limits.maxFiles + 1,
    headerPairs: 100,
    parts: 200 + limits.maxFiles + 1,
  };
}

export function createUploadReader(files: FileStoreService, limits: UploadLimits) {
  /**
   * Reads the form post. A urlencoded post (a form without files) gives its fields and no files.
   * @throws DOCUMENT_UPLOAD_MALFORMED (unparsable body), PAYLOAD_TOO_LARGE (too many fields or a field
   * too long), and whatever `beforeStore` throws (e.g. IDENTITY_CSRF_INVALID)
   */
  return async function readUpload(request: FastifyRequest, options: UploadRequestOptions): Promise<UploadResult> {
    const maxFiles = Math.min(options.maxFiles ?? limits.maxFiles, limits.maxFiles);
    if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
      if ((request.headers['content-type'] ?? '').startsWith('multipart/')) throw new Error('@fastify/multipart is not registered: register the documents routes before this route');
      const fields = toFields(request.body);
      request.body = fields;
      await options.beforeStore?.(fields);
      return { fields, files: [], problems: [] };
    }

    const fields: FormFields = {};
    const staged: StagedFile[] = [];
    const problems: UploadProblem[] = [];
    let tooMany: string | null = null;
    try {
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.valueTruncated || part.fieldnameTruncated) throw new AppError('PAYLOAD_TOO_LARGE', `form field ${part.fieldname.slice(0, 50)} is too long`);
            addField(fields, part.fieldname.normalize('NFC'), String(part.value).normalize('NFC'));
            continue;
          }
          // A file input left empty still sends a part: no name, no bytes. It is no file, not a refusal.
          const nothingChosen = (part.filename ?? '') === '';
          const extra = staged.length + problems.length >= maxFiles;
          if (extra && !nothingChosen) {
            tooMany ??= part.fieldname;
            await drain(part.file);
            continue;
          }
          const result = await files.stageFile(part.file, { name: part.filename ?? '', field: part.fieldname, onRefuse: 'drain' });
          if (!result.ok && result.problem.code === 'DOCUMENT_EMPTY' && nothingChosen) continue;
          if (extra) {
            tooMany ??= part.fieldname;
            if (result.ok) await files.discardFiles([result.staged]);
          } else if (result.ok) staged.push(result.staged);
          else problems.push(result.problem);
        }
      } catch (err) {
        const translated = translateParserError(err);
        if (translated !== 'too-many') throw translated;
        tooMany ??= lastFileField(staged, problems);
      }
      request.body = fields;
      await options.beforeStore?.(fields);
      if (tooMany !== null) {
        await files.discardFiles(staged);
        request.log.info({ maxFiles }, 'upload refused: too many files');
        return { fields, files: [], problems: [uploadProblem('DOCUMENT_TOO_MANY', tooMany, null, { ...limits, maxFiles })] };
      }
      const stored = await files.commitFiles(staged, options.ownerAccountId);
      if (problems.length > 0) request.log.info({ problems: problems.map((p) => p.code) }, 'uploaded files refused');
      return { fields, files: stored.map((file, i) => ({ field: staged[i]!.field, file })), problems };
    } catch (err) {
      await files.discardFiles(staged);
      throw err;
    }
  };
}

/** Maps @fastify/multipart's and busboy's errors to ours; the parser's file limit is DOCUMENT_TOO_MANY, a value. */
function translateParserError(err: unknown): Error | 'too-many' {
  if (isAppError(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_FILES_LIMIT') return 'too-many';
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('PAYLOAD_TOO_LARGE', (err as Error).message);
  return new AppError('DOCUMENT_UPLOAD_MALFORMED', err instanceof Error ? err.message : String(err));
}

function lastFileField(staged: readonly StagedFile[], problems: readonly UploadProblem[]): string {
  return problems.at(-1)?.field ?? staged.at(-1)?.field ?? 'file';
}

function addField(fields: FormFields, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

/** A urlencoded body (strings or lists of strings) as fields; anything else is dropped. */
function toFields(body: unknown): FormFields {
  const fields: FormFields = {};
  if (!body || typeof body !== 'object') return fields;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value.normalize('NFC');
    else if (Array.isArray(value)) fields[name] = value.filter((v): v is string => typeof v === 'string').map((v) => v.normalize('NFC'));
  }
  return fields;
}

/** Reads a stream to its end, keeping nothing. */
async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    // discarded
  }
}
