/**
 * GET /ho-so/{id}: a draft's task list, or a submitted dossier — its timeline (no internal notes),
 * due time, who holds it, files, result, and what the applicant can do now (withdraw, answer a
 * supplement request, rate). GET /ho-so/{id}/tep/{file}: one of the dossier's files.
 */
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import type { DraftContextLoader } from '../draft-context.service.ts';
import { renderTaskList } from '../task-list/task-list.page.ts';
import { presentDossier } from './dossier-view.presenter.ts';

const NOTICES = { da_rut: 'withdrawn', da_bo_sung: 'supplied', da_danh_gia: 'rated' } as const;

export function registerDossierPage(app: HttpServer, deps: CitizenPagesDeps, drafts: DraftContextLoader): void {
  app.get<{ Params: { id: string } }>('/ho-so/:id', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const context = await drafts.load(who.actor, request.params.id);
    if (context.view.status === 'draft' && context.definition) return renderTaskList(request, reply, { view: context.view, definition: context.definition }, drafts);
    const query = request.query as Record<string, unknown>;
    const notice = (Object.keys(NOTICES) as Array<keyof typeof NOTICES>).find((k) => query[k] === '1');
    return reply.page('dossiers/web/citizen/dossier/dossier.njk', {
      dossier: presentDossier(context.view, request.locale, deps.now()),
      notice: notice ? NOTICES[notice] : null,
    });
  });

  app.get<{ Params: { id: string; file: string } }>('/ho-so/:id/tep/:file', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const view = await deps.queries.get(who.actor, request.params.id);
    const ref = view.files.find((f) => f.id === request.params.file);
    // The applicant may read every file of their dossier, whoever uploaded it (a result is the agency's).
    const file = ref ? await deps.documents.getFile(null, ref.fileId) : null;
    if (!file) return reply.callNotFound();
    return deps.documents.sendFile(reply, file, { disposition: 'attachment' });
  });
}
