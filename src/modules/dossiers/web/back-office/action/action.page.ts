/**
 * GET/POST /can-bo/ho-so/{id}/{action}: one page per action (GOV.UK: one thing per page). The form
 * carries a fresh idempotency key, so a double submit acts once; after it, back to the dossier
 * with a success banner. Refusals of the core (wrong state, no role) come back as an error summary.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { FileMeta } from '../../../../documents/index.ts';
import type { DossierView } from '../../../core/dossier-query.service.ts';
import { DOSSIER_ERRORS } from '../../../core/dossier.errors.ts';
import type { OfficialAction } from '../../../core/dossier.types.ts';
import { rulesFor } from '../../../core/dossier-workflow.workflow.ts';
import type { ServiceDefinition } from '../../../service-config/service-config.types.ts';
import type { BackOfficeDeps } from '../back-office.types.ts';
import { dossierPath, fieldOf, formatTime, statusView, UUID } from '../back-office-view.presenter.ts';
import { requireOfficial, type OfficialActor } from '../official.policy.ts';
import {
  ACTION_SLUGS,
  initialValues,
  OFFICE_ACTIONS,
  parseActionForm,
  postedValues,
  SUPPLEMENT_MAX_ROWS,
  SUPPLEMENT_ROWS,
  supplementRows,
  type ActionContext,
  type FieldError,
  type Fields,
  type Values,
} from './action-forms.workflow.ts';

const TEMPLATE = 'dossiers/web/back-office/action/action.njk';
const MAX_RESULT_FILES = 10;
/** Refusals of the core shown on the form (the rest, e.g. DOSSIER_NOT_FOUND, are error pages). */
const SHOWN_ERRORS = new Set(['DOSSIER_FORBIDDEN', 'DOSSIER_ACTION_NOT_ALLOWED', 'DOSSIER_IDEMPOTENCY_CONFLICT', 'DOSSIER_INVALID', 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED', 'DOSSIER_SUPPLEMENT_EXPIRED', 'DOSSIER_ALREADY_EXTENDED', 'DOSSIER_EXTENSION_TOO_LATE']);

interface Loaded {
  view: DossierView;
  steps: ServiceDefinition['steps'];
  officials: Array<{ accountId: string; name: string; roles: string[] }>;
  ctx: ActionContext;
}

interface RenderInput {
  values: Values;
  errors: ReadonlyArray<FieldError | { field: null; messageKey: string }>;
  key: string;
  kept?: readonly FileMeta[];
}

export function registerActionPages(app: HttpServer, deps: BackOfficeDeps): void {
  async function load(actor: OfficialActor, id: string, action: OfficialAction): Promise<Loaded> {
    if (!UUID.test(id)) throw new AppError('DOSSIER_NOT_FOUND');
    const view = await deps.queries.get(actor, id);
    const definition = view.serviceConfigId ? (await deps.configs.byId(view.serviceConfigId)).definition : null;
    const officials = action === 'forward' || action === 'assign' ? await deps.directory.officialsOf(view.agencyCode) : [];
    const steps = definition?.steps ?? [];
    return {
      view,
      steps,
      officials,
      ctx: { stepIndex: view.stepIndex, stepCount: steps.length, dueAt: view.dueAt, officialIds: officials.map((o) => o.accountId), channel: view.channel },
    };
  }

  function render(request: FastifyRequest, reply: FastifyReply, action: OfficialAction, loaded: Loaded, input: RenderInput) {
    const { view } = loaded;
    const fieldErrors = input.errors.filter((e): e is FieldError => e.field !== null);
    return reply.page(TEMPLATE, {
      action,
      slug: ACTION_SLUGS[action],
      dossier: {
        id: view.id,
        code: view.code,
        procedureName: view.procedureName,
        applicant: view.applicant.fullName,
        status: statusView(view.status, view.statusCode),
        dueAt: formatTime(view.dueAt),
        href: dossierPath(view.id),
      },
      steps: loaded.steps.map((s, i) => ({ index: String(i), name: s.name[request.locale], current: i === view.stepIndex })),
      officials: loaded.officials,
      values: input.values,
      key: input.key,
      kept: (input.kept ?? []).map((f) => ({ id: f.id, name: f.originalName })),
      uploads: action === 'approve' && deps.documents !== undefined,
      csrfToken: deps.web.csrfToken(request, reply),
      hasErrors: input.errors.length > 0,
      errors: input.errors,
      errorMap: Object.fromEntries([...fieldErrors].reverse().map((e) => [e.field, e])),
    });
  }

  /** 409 when the state does not allow it (or 403 when the state does but the official's roles do not). */
  function unavailable(reply: FastifyReply, action: OfficialAction, view: DossierView) {
    const byRole = rulesFor(action, view.status).length > 0;
    return reply.code(byRole ? 403 : 409).page('dossiers/web/back-office/action/unavailable.njk', {
      action,
      reasonKey: byRole ? DOSSIER_ERRORS.DOSSIER_FORBIDDEN.messageKey : DOSSIER_ERRORS.DOSSIER_ACTION_NOT_ALLOWED.messageKey,
      dossier: { code: view.code, href: dossierPath(view.id), status: statusView(view.status, view.statusCode) },
    });
  }

  for (const action of OFFICE_ACTIONS) {
    const path = `/can-bo/ho-so/:id/${ACTION_SLUGS[action]}`;

    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireOfficial(request, reply);
      if (!actor) return reply;
      const loaded = await load(actor, (request.params as { id: string }).id, action);
      if (!loaded.view.allowedActions.includes(action)) return unavailable(reply, action, loaded.view);
      return render(request, reply, action, loaded, { values: initialValues(action, loaded.ctx), errors: [], key: randomUUID() });
    });

    app.post(path, { schema: { hide: true } }, async (request, reply) => {
      const actor = requireOfficial(request, reply);
      if (!actor) return reply;
      const id = (request.params as { id: string }).id;
      const posted = await readPost(request, actor, action);
      const loaded = await load(actor, id, action);
      const postedKey = fieldOf(posted.fields, 'idempotencyKey');
      const key = UUID.test(postedKey) ? postedKey : randomUUID();
      const kept = [...(await keptFiles(actor, posted.fields)), ...posted.files];

      if (action === 'request_supplement' && fieldOf(posted.fields, 'addRows')) {
        const rows = supplementRows(posted.fields, 1);
        const more = Math.min(SUPPLEMENT_MAX_ROWS, rows.length + SUPPLEMENT_ROWS);
        return render(request, reply, action, loaded, { values: { ...postedValues(action, posted.fields), rows: supplementRows({ ...posted.fields, rows: String(more) }, more) }, errors: [], key });
      }

      const parsed = parseActionForm(action, posted.fields, loaded.ctx);
      const errors: Array<FieldError | { field: null; messageKey: string }> = parsed.ok ? [] : [...parsed.errors];
      errors.push(...posted.problems);
      if (!UUID.test(postedKey)) errors.push({ field: null, messageKey: 'dossiers.office.action.errors.expired' });
      const values = postedValues(action, posted.fields);
      if (!parsed.ok || errors.length > 0) return render(request, reply.code(400), action, loaded, { values, errors, key, kept });

      const input = parsed.input as Record<string, unknown>;
      if (action === 'approve') input.files = kept.map((f) => ({ requirementKey: 'result', fileId: f.id, name: f.originalName, mediaType: f.mediaType, sizeBytes: f.sizeBytes }));
      try {
        await deps.actions.act(actor, id, action, input as never, key);
      } catch (err) {
        if (!isAppError(err) || !SHOWN_ERRORS.has(err.code)) throw err;
        request.log.info({ code: err.code, action, dossierId: id }, 'back-office action refused');
        const spec = DOSSIER_ERRORS[err.code as keyof typeof DOSSIER_ERRORS];
        const fresh = err.code === 'DOSSIER_IDEMPOTENCY_CONFLICT' ? randomUUID() : key;
        return render(request, reply.code(spec.status), action, await load(actor, id, action), { values, errors: [{ field: null, messageKey: spec.messageKey }], key: fresh, kept });
      }
      request.log.info({ action, dossierId: id }, 'back-office action done');
      return reply.redirect(`${dossierPath(id)}?da-xong=${ACTION_SLUGS[action]}`, 303);
    });
  }

  /** The posted fields, and for the result (approve) the uploaded files: CSRF is checked before any file is stored. */
  async function readPost(request: FastifyRequest, actor: OfficialActor, action: OfficialAction) {
    if (action === 'approve' && deps.documents) {
      const upload = await deps.documents.readUpload(request, { ownerAccountId: actor.accountId, maxFiles: MAX_RESULT_FILES, beforeStore: () => deps.web.checkCsrf(request) });
      const problems = upload.problems.map((p) => ({ field: 'files', messageKey: p.messageKey, params: p.params as Record<string, unknown> }));
      return { fields: upload.fields as Fields, files: upload.files.map((f) => f.file), problems };
    }
    deps.web.checkCsrf(request);
    return { fields: (request.body ?? {}) as Fields, files: [] as FileMeta[], problems: [] as FieldError[] };
  }

  /** Result files that passed the checks on an earlier try (hidden `kept` fields), if they are the official's own. */
  async function keptFiles(actor: OfficialActor, fields: Fields): Promise<FileMeta[]> {
    if (!deps.documents) return [];
    const raw = fields.kept;
    const ids = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v) => UUID.test(v)).slice(0, MAX_RESULT_FILES);
    const metas = await Promise.all(ids.map((fileId) => deps.documents!.fileMeta(fileId)));
    return metas.filter((m): m is FileMeta => m !== null && m.ownerAccountId === actor.accountId);
  }
}
