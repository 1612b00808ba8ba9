/**
 * GET /can-bo/ho-so/{id}: everything about one dossier for the agency's officials — details,
 * answers, files, steps, the timeline with internal notes, and the actions the official may take now.
 * GET /can-bo/ho-so/{id}/tep/{fileId}: one of its files (officials of the dossier's agency only).
 */
import { AppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { OfficialAction } from '../../../core/dossier.types.ts';
import type { BackOfficeDeps } from '../back-office.types.ts';
import { dossierPath, formatTime, OFFICE_PATH, progressTag, statusView, UUID } from '../back-office-view.presenter.ts';
import { requireOfficial } from '../official.policy.ts';
import { ACTION_FORM, ACTION_SLUGS, OFFICE_ACTIONS } from '../action/action-forms.workflow.ts';
import { accountIdsIn, answerRows, availableForms, eventDetails, personRows, unitNamer } from './dossier.presenter.ts';

/** The actions that move a dossier on, shown as main buttons; the rest are secondary. */
const MAIN_ACTIONS: ReadonlySet<OfficialAction> = new Set(['accept', 'forward', 'approve', 'return_result', 'record_payment']);

export function registerDossierPage(app: HttpServer, deps: BackOfficeDeps): void {
  const now = deps.now ?? (() => new Date());

  app.get(`${OFFICE_PATH}/:id`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOfficial(request, reply);
    if (!actor) return reply;
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('DOSSIER_NOT_FOUND');
    const view = await deps.queries.get(actor, id);
    const locale = request.locale;
    const definition = view.serviceConfigId ? (await deps.configs.byId(view.serviceConfigId)).definition : null;
    const addressOf = await unitNamer(deps.units);
    const names = new Map(
      await Promise.all(accountIdsIn(view.events).map(async (accountId) => [accountId, (await deps.directory.official(accountId))?.name ?? ''] as const)),
    );
    const steps = (definition?.steps ?? []).map((s, i) => ({ name: s.name[locale], current: i === view.stepIndex, done: i < view.stepIndex }));
    const done = (request.query as Record<string, unknown>)['da-xong'];
    const doneAction = OFFICE_ACTIONS.find((a) => ACTION_SLUGS[a] === done) ?? null;
    const forms = availableForms(view).map((f) => ({ ...f, href: `${dossierPath(view.id)}/mau/${f.number}.pdf` }));
    const requirementNames = new Map((definition?.documents ?? []).map((d) => [d.key, d.name]));
    const overdue = view.progress === 'in_progress_late';
    return reply.page('dossiers/web/back-office/dossier/dossier.njk', {
      dossier: {
        id: view.id,
        code: view.code,
        procedureName: view.procedureName,
        procedureCode: view.procedureCode,
        agencyName: view.agencyName,
        agencyCode: view.agencyCode,
        channel: view.channel,
        origin: view.origin,
        status: statusView(view.status, view.statusCode),
        progress: progressTag(view.progress),
        overdue,
        submittedAt: formatTime(view.submittedAt),
        receivedAt: formatTime(view.receivedAt),
        dueAt: formatTime(view.dueAt),
        originalDueAt: view.extended || view.originalDueAt !== view.dueAt ? formatTime(view.originalDueAt) : null,
        supplementDueAt: formatTime(view.supplementDueAt),
        resolvedAt: formatTime(view.resolvedAt),
        finishedAt: formatTime(view.finishedAt),
        extended: view.extended,
        holder: view.holder,
        summary: view.summary,
        result: view.result,
      },
      steps,
      currentStep: steps.find((s) => s.current)?.name ?? null,
      applicantRows: await personRows(view.applicant, addressOf),
      submitterRows: await personRows(view.submitter, addressOf),
      answers: await answerRows(definition, view.answers, locale, addressOf),
      files: view.files.map((f) => ({
        name: f.name,
        requirement: requirementNames.get(f.requirementKey) ?? (f.requirementKey === 'result' ? null : f.requirementKey),
        purpose: f.purpose,
        size: f.sizeBytes,
        addedAt: formatTime(f.createdAt),
        href: deps.documents ? `${dossierPath(view.id)}/tep/${f.id}` : null,
      })),
      timeline: [...view.events].reverse().map((e) => ({
        type: e.type,
        at: formatTime(e.occurredAt),
        actor: e.actorName,
        actorKind: e.actorKind,
        internal: e.internal,
        statusTo: e.statusTo,
        details: eventDetails(e, names, definition?.steps ?? null, locale),
      })),
      actions: view.allowedActions
        .filter((a): a is OfficialAction => (OFFICE_ACTIONS as readonly string[]).includes(a))
        .map((a) => ({ action: a, href: `${dossierPath(view.id)}/${ACTION_SLUGS[a]}`, main: MAIN_ACTIONS.has(a) })),
      forms,
      done: doneAction ? { action: doneAction, form: ACTION_FORM[doneAction] ? forms.find((f) => f.number === ACTION_FORM[doneAction]) : null } : null,
      rating: view.rating,
      today: formatTime(now()),
    });
  });

  app.get(`${OFFICE_PATH}/:id/tep/:fileId`, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOfficial(request, reply);
    if (!actor) return reply;
    const { id, fileId } = request.params as { id: string; fileId: string };
    if (!UUID.test(id) || !UUID.test(fileId) || !deps.documents) throw new AppError('DOSSIER_NOT_FOUND');
    // The dossier's agency decides: queries.get answers 404 to anyone else, and the file must be this dossier's.
    const view = await deps.queries.get(actor, id);
    const file = view.files.find((f) => f.id === fileId);
    const meta = file ? await deps.documents.fileMeta(file.fileId) : null;
    if (!meta) throw new AppError('DOSSIER_NOT_FOUND');
    request.log.info({ dossierId: id, fileId: meta.id }, 'dossier file read by an official');
    return deps.documents.sendFile(reply, meta, { disposition: 'attachment' });
  });
}
