/** GET/POST /ho-so/{id}/truong-hop: which of the procedure's cases (trường hợp) applies, which decides the documents asked for. */
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formText } from '../citizen-request.parser.ts';
import type { DraftContextLoader } from '../draft-context.service.ts';
import { doneSections, markDone, PROGRESS_KEY } from '../draft-sections.workflow.ts';

type Params = { Params: { id: string } };

export function registerCasePage(app: HttpServer, deps: CitizenPagesDeps, drafts: DraftContextLoader): void {
  app.get<Params>('/ho-so/:id/truong-hop', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const { view, definition } = await drafts.load(who.actor, request.params.id);
    if (view.status !== 'draft' || !definition || definition.cases.length < 2) return reply.redirect(`/ho-so/${view.id}`, 303);
    // The draft starts with the first case; no radio is chosen for the person until they choose one.
    const chosen = doneSections(view.answers).has('case') ? view.caseKey : null;
    return reply.page('dossiers/web/citizen/case/case.njk', { dossier: view, cases: definition.cases, chosen, csrfToken: deps.web.csrfToken(request, reply) });
  });

  app.post<Params>('/ho-so/:id/truong-hop', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const who = requireApplicant(request, reply, request.url);
    if (!who) return reply;
    const { view, definition } = await drafts.load(who.actor, request.params.id);
    if (view.status !== 'draft' || !definition || definition.cases.length < 2) return reply.redirect(`/ho-so/${view.id}`, 303);
    const chosen = formText(request.body, 'caseKey');
    if (!definition.cases.some((c) => c.key === chosen)) {
      return reply.code(400).page('dossiers/web/citizen/case/case.njk', {
        dossier: view,
        cases: definition.cases,
        chosen: null,
        hasErrors: true,
        csrfToken: deps.web.csrfToken(request, reply),
      });
    }
    // Another case asks for other documents: the documents task opens again.
    const reopen = chosen !== view.caseKey ? (['documents'] as const) : [];
    await deps.drafts.update(who.actor, view.id, { caseKey: chosen, answers: { [PROGRESS_KEY]: markDone(view.answers, 'case', true, reopen) } });
    return reply.redirect(`/ho-so/${view.id}`, 303);
  });
}
