/**
 * GET /ho-so/{id}/kiem-tra: everything the draft says, with "Thay đổi" links; POST /ho-so/{id}/nop
 * submits it. Submission is idempotent in the core (a double click, a retried request: one dossier,
 * one code) and the answer is always a redirect to the receipt (POST-redirect-GET).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { FieldError } from '../../../core/dossier-deps.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import type { DraftContext, DraftContextLoader } from '../draft-context.service.ts';
import { taskStatuses } from '../draft-sections.workflow.ts';
import { chosenProvinces } from '../questions/field-view.presenter.ts';
import { loadUnitNames } from '../unit-names.service.ts';
import { documentRows, sectionRows, submitErrors } from './answers-summary.presenter.ts';

type Params = { Params: { id: string } };
type Draft = DraftContext & { definition: NonNullable<DraftContext['definition']> };

export function registerCheckAnswersPage(app: HttpServer, deps: CitizenPagesDeps, drafts: DraftContextLoader): void {
  async function render(request: FastifyRequest, reply: FastifyReply, draft: Draft, errors: FieldError[] = []) {
    const { view, definition } = draft;
    const locale = request.locale;
    const units = await loadUnitNames(deps.units, chosenProvinces(definition.form, view.answers));
    const tasks = taskStatuses({ definition, answers: view.answers, caseKey: view.caseKey, files: view.files }, { today: drafts.today(), units: await drafts.units() });
    const fee = definition.fees.find((f) => f.channel === 'online') ?? null;
    return reply.page('dossiers/web/citizen/check/check-answers.njk', {
      dossier: { id: view.id, procedureName: view.procedureName, procedureCode: view.procedureCode, agencyName: view.agencyName, onBehalf: view.ownerAccountId === null },
      applicantRows: sectionRows(definition, 'applicant', view.answers, view.id, locale, units),
      caseName: definition.cases.length > 1 ? (definition.cases.find((c) => c.key === view.caseKey)?.name ?? null) : null,
      hasCases: definition.cases.length > 1,
      detailsRows: sectionRows(definition, 'details', view.answers, view.id, locale, units),
      documentRows: documentRows(definition, view.caseKey, view.files, view.id),
      fee: fee && (fee.amountVnd !== null || fee.text) ? { amount: fee.amountVnd, text: fee.text } : null,
      incomplete: tasks.filter((t) => t.key !== 'check' && t.status !== 'completed').map((t) => (t.key === 'applicant' && view.ownerAccountId === null ? 'applicantOnBehalf' : t.key)),
      hasErrors: errors.length > 0,
      errorList: submitErrors(definition, errors, view.id, locale),
      csrfToken: deps.web.csrfToken(request, reply),
    });
  }

  app.get<Params>('/ho-so/:id/kiem-tra', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const draft = await drafts.load(who.actor, request.params.id);
    if (draft.view.status !== 'draft' || !draft.definition) return reply.redirect(`/ho-so/${draft.view.id}`, 303);
    return render(request, reply, draft as Draft);
  });

  app.post<Params>('/ho-so/:id/nop', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/kiem-tra`);
    if (!who) return reply;
    try {
      const dossier = await deps.drafts.submit(who.actor, request.params.id);
      return reply.redirect(`/ho-so/${dossier.id}/bien-nhan`, 303);
    } catch (err) {
      const problems = isAppError(err) && err.code === 'DOSSIER_INVALID' ? (err.extra.errors as FieldError[] | undefined) : undefined;
      if (!problems) throw err;
      const draft = await drafts.load(who.actor, request.params.id);
      return render(request, reply.code(400), draft as Draft, problems);
    }
  });
}
