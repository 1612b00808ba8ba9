/** A stored file as an HTTP response: the sniffed type, a safe name, and no way for it to run as a page. */
import type { FastifyReply } from 'fastify';
import type { FileMeta } from '../document.types.ts';
import { contentDisposition, downloadName } from '../file-name.workflow.ts';
import type { FileStoreService } from '../file-store.service.ts';

export interface SendFileOptions {
  /** 'attachment' (default) saves it; 'inline' lets the browser show a PDF or image in its own viewer. */
  disposition?: 'attachment' | 'inline';
}

/**
 * Streams a file the caller has checked the person may read.
 * @throws DOCUMENT_NOT_FOUND, DOCUMENT_CONTENT_MISSING
 */
export async function sendFile(files: FileStoreService, reply: FastifyReply, file: FileMeta, options: SendFileOptions = {}): Promise<FastifyReply> {
  const { stream } = await files.readFile(file.id);
  return reply
    .header('Content-Type', file.mediaType)
    .header('Content-Length', String(file.sizeBytes))
    .header('Content-Disposition', contentDisposition(options.disposition ?? 'attachment', downloadName(file.originalName, file.mediaType)))
    // The type is the one its bytes showed; browsers must not guess another (an image that is also HTML).
    .header('X-Content-Type-Options', 'nosniff')
    // Opened directly, it runs nothing and reaches nothing: a sandboxed, script-less document.
    .header('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    // Personal papers: never in a shared cache.
    .header('Cache-Control', 'private, no-store')
    .send(stream);
}
