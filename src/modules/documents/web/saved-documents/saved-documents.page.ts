/**
 * GET /tai-khoan/giay-to (the list), GET /tai-khoan/giay-to/:id (one document), GET /tai-khoan/giay-to/:id/tai-ve
 * (its file), GET/POST /tai-khoan/giay-to/:id/xoa (delete). A person only ever reaches their own documents:
 * someone else's answer 404, like ones that do not exist.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { SavedDocument } from '../../document.types.ts';
import type { FileStoreService } from '../../file-store.service.ts';
import type { SavedDocumentService } from '../../saved-document.service.ts';
import { sendFile } from '../file-response.presenter.ts';
import { requireApplicant, type FormSecurity } from '../signed-in.policy.ts';
import { presentSaved, SAVED_PATH } from './saved-documents.presenter.ts';

export interface SavedDocumentsPageDeps {
  web: FormSecurity;
  files: FileStoreService;
  saved: SavedDocumentService;
}

const DIR = 'documents/web/saved-documents';

export function registerSavedDocumentsPages(app: HttpServer, deps: SavedDocumentsPageDeps): void {
  /** The signed-in person's document named in the URL, or null after a redirect to log in. @throws DOCUMENT_NOT_FOUND */
  const ownDocument = async (request: FastifyRequest, reply: FastifyReply): Promise<SavedDocument | null> => {
    const accountId = requireApplicant(request, reply);
    if (!accountId) return null;
    const doc = await deps.saved.getSaved(accountId, (request.params as { id: string }).id);
    if (!doc) throw new AppError('DOCUMENT_NOT_FOUND');
    return doc;
  };

  app.get(SAVED_PATH, { schema: { hide: true } }, async (request, reply) => {
    const accountId = requireApplicant(request, reply);
    if (!accountId) return reply;
    const query = request.query as Record<string, unknown>;
    const documents = await deps.saved.listSaved(accountId);
    return reply.page(`${DIR}/list.njk`, {
      documents: documents.map((d) => presentSaved(d, request.locale)),
      notice: query.da_luu === '1' ? 'savedNotice' : query.da_xoa === '1' ? 'deletedNotice' : null,
    });
  });

  app.get(`${SAVED_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    const doc = await ownDocument(request, reply);
    if (!doc) return reply;
    return reply.page(`${DIR}/view.njk`, { doc: presentSaved(doc, request.locale) });
  });

  app.get(`${SAVED_PATH}/:id/tai-ve`, { schema: { hide: true } }, async (request, reply) => {
    const doc = await ownDocument(request, reply);
    if (!doc) return reply;
    return sendFile(deps.files, reply, doc.file);
  });

  app.get(`${SAVED_PATH}/:id/xoa`, { schema: { hide: true } }, async (request, reply) => {
    const doc = await ownDocument(request, reply);
    if (!doc) return reply;
    return reply.page(`${DIR}/delete.njk`, { doc: presentSaved(doc, request.locale), csrfToken: deps.web.csrfToken(request, reply) });
  });

  app.post(`${SAVED_PATH}/:id/xoa`, { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const accountId = requireApplicant(request, reply, SAVED_PATH);
    if (!accountId) return reply;
    await deps.saved.deleteSaved(accountId, (request.params as { id: string }).id);
    request.log.info({ savedId: (request.params as { id: string }).id }, 'saved document deleted');
    return reply.redirect(`${SAVED_PATH}?da_xoa=1`, 303);
  });
}
