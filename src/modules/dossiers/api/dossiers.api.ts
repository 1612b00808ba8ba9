/**
 * The applicant's dossier API for mobile apps (`/api/v1/dossiers…`), with a bearer token issued by
 * OpenDVC's OpenID provider for the person (scope api:dossiers). Thin: parse, one core call, present.
 * Someone else's dossier answers 404, like one that does not exist.
 */
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { problemSchema as problem } from '../../../platform/http/problem.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { FieldError } from '../core/dossier-deps.ts';
import { SATISFACTION } from '../core/dossier-rating.service.ts';
import type { ServiceDefinition } from '../service-config/service-config.types.ts';
import { answer, authenticateApplicant, type ApplicantActor, type DossierApiDeps } from './dossiers-auth.api.ts';

export type { DossierApiDeps, DossierApiPorts } from './dossiers-auth.api.ts';
import { registerDossierFileApi } from './dossiers-files.api.ts';
import { createLookupLimiter, LOOKUP_LIMITS, registerDossierLookupApi } from './dossiers-lookup.api.ts';
import { DOSSIER_EXAMPLE, dossierIdParams, dossierSummarySchema, dossierViewSchema, fieldProblemSchema, idempotencyHeaders, presentSummary, presentView } from './dossiers-schemas.api.ts';

const security = [{ bearer: [] }];
const authErrors = { 401: problem, 403: problem };

const createBody = z.object({
  procedureCode: z.string().regex(/^\d\.\d{6}$/).describe('National procedure code, e.g. 1.001193'),
  agencyCode: z.string().min(1).max(40).describe('The agency that receives it (its electronic identifier)'),
  onBehalf: z.boolean().default(false).describe('Applying for someone else: the caller becomes the authorised submitter'),
});

const patchBody = z.object({
  answers: z.record(z.string(), z.unknown()).optional().describe('Form answers by field key; merged into the saved ones'),
  caseKey: z.string().max(100).nullable().optional().describe('The case (trường hợp) chosen, which decides the documents'),
  summary: z.string().max(1000).nullable().optional(),
});

const APPLICANT_API_ACTIONS = ['withdraw', 'provide_supplement'] as const;
const actionBody = z
  .object({
    reason: z.string().max(2000).optional().describe('withdraw: why (optional)'),
    files: z
      .array(z.object({ requirementKey: z.string().min(1).max(100), fileId: z.uuid() }))
      .max(20)
      .optional()
      .describe('provide_supplement: files uploaded first with POST /api/v1/dossiers/{id}/files'),
    note: z.string().max(2000).optional(),
  })
  .default({});

const ratingBody = z.object({
  deskContacts: z.enum(['none', 'one', 'more']).describe('Index 3: contacts with the desk needed to complete the dossier'),
  agenciesContacted: z.enum(['none', 'desk_only', 'more']).describe('Index 4: agencies the applicant had to contact'),
  staffConduct: z.enum(['good', 'complaint']).describe('Index 7: staff attitude'),
  easeOfUse: z.enum(SATISFACTION),
  overall: z.enum(SATISFACTION),
  comment: z.string().max(2000).optional(),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  drafts: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').describe('Include drafts'),
});

/** Registers the dossier API (see the module's README for the flow an app follows). */
export function registerDossierApi(app: HttpServer, deps: DossierApiDeps): void {
  const { ports } = deps;
  const viewOf = async (actor: ApplicantActor, id: string) => presentView(await deps.queries.get(actor, id));

  app.post(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Start a draft dossier',
        description: 'Creates a draft for a procedure at an agency that takes it online, prefilled from the caller’s profile (never ask twice).',
        security,
        body: createBody,
        response: { 201: dossierViewSchema, 400: fieldProblemSchema, ...authErrors, 404: problem, 409: problem },
      },
    },
    async (request, reply) =>
      answer(request, async () => {
        const { actor, profile } = await authenticateApplicant(ports, request);
        const draft = await deps.drafts.create(actor, profile, request.body);
        return reply.code(201).header('location', `/api/v1/dossiers/${draft.id}`).send(await viewOf(actor, draft.id));
      }),
  );

  app.get(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'My dossiers',
        description: 'The dossiers the caller owns or filed for someone else, most recently changed first.',
        security,
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(dossierSummarySchema).meta({ example: [DOSSIER_EXAMPLE] }) }), 400: problem, ...authErrors },
      },
    },
    async (request) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        const { limit, offset, drafts } = request.query;
        const rows = await deps.queries.listMine(actor.accountId, { limit, offset, drafts });
        return { items: rows.map(presentSummary) };
      }),
  );

  app.get(
    '/api/v1/dossiers/:id',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'One dossier: answers, files, timeline and what the caller may do now',
        security,
        params: dossierIdParams,
        response: { 200: dossierViewSchema, 400: problem, ...authErrors, 404: problem },
      },
    },
    async (request) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        return viewOf(actor, request.params.id);
      }),
  );

  app.patch(
    '/api/v1/dossiers/:id',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Save answers of a draft',
        description:
          'Merges the answers (and the case) into the draft. Each answer sent is checked: a bad value answers 422 with every ' +
          'problem in `errors` (`path` = the field key) and nothing is saved. Missing required answers are reported at submission.',
        security,
        params: dossierIdParams,
        body: patchBody,
        response: { 200: dossierViewSchema, 400: fieldProblemSchema, ...authErrors, 404: problem, 409: problem, 422: fieldProblemSchema },
      },
    },
    async (request) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        const { id } = request.params;
        const body = request.body;
        if (body.answers || body.caseKey !== undefined) await checkPatch(deps, actor, id, body);
        await deps.drafts.update(actor, id, {
          ...(body.answers ? { answers: nfcDeep(body.answers) as Record<string, unknown> } : {}),
          ...(body.caseKey !== undefined ? { caseKey: body.caseKey } : {}),
          ...(body.summary !== undefined ? { summary: body.summary === null ? null : body.summary.normalize('NFC') } : {}),
        });
        return viewOf(actor, id);
      }),
  );

  app.post(
    '/api/v1/dossiers/:id/submit',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Submit a draft',
        description:
          'Checks every answer and required document at once: 422 lists them all in `errors`. On success the dossier gets its code ' +
          'and its appointment time. Submitting again (a retry, with or without the same `Idempotency-Key`) returns the same dossier.',
        security,
        params: dossierIdParams,
        headers: idempotencyHeaders,
        response: { 200: dossierViewSchema, 400: problem, ...authErrors, 404: problem, 409: problem, 422: fieldProblemSchema },
      },
    },
    async (request) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        await deps.drafts.submit(actor, request.params.id);
        return viewOf(actor, request.params.id);
      }),
  );

  app.post(
    '/api/v1/dossiers/:id/actions/:action',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The applicant’s actions: withdraw, provide_supplement',
        description:
          '`withdraw` (any time before the result; optional `reason`); `provide_supplement` (while a supplement is requested: ' +
          '`files` uploaded first, optional `note`). Send an `Idempotency-Key`: a retry with the same key acts once.',
        security,
        params: dossierIdParams.extend({ action: z.enum(APPLICANT_API_ACTIONS) }),
        headers: idempotencyHeaders,
        body: actionBody,
        response: { 200: dossierViewSchema, 400: fieldProblemSchema, ...authErrors, 404: problem, 409: problem, 422: fieldProblemSchema },
      },
    },
    async (request) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        const { id, action } = request.params;
        const key = request.headers['idempotency-key'] ?? null;
        const body = request.body;
        if (action === 'withdraw') await deps.actions.act(actor, id, 'withdraw', { reason: body.reason }, key);
        else await deps.actions.act(actor, id, 'provide_supplement', { files: body.files ?? [], note: body.note }, key);
        return viewOf(actor, id);
      }),
  );

  app.post(
    '/api/v1/dossiers/:id/rating',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Rate a finished dossier (9 + 2 indices, once)',
        security,
        params: dossierIdParams,
        body: ratingBody,
        response: { 201: z.object({ scores: z.record(z.string(), z.unknown()) }), 400: fieldProblemSchema, ...authErrors, 404: problem, 409: problem, 422: fieldProblemSchema },
      },
    },
    async (request, reply) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        const scores = await deps.ratings.rate(actor, request.params.id, request.body);
        return reply.code(201).send({ scores });
      }),
  );

  registerDossierFileApi(app, deps);
  registerDossierLookupApi(app, deps.queries, createLookupLimiter({ ...LOOKUP_LIMITS, maxRequests: ports.lookupPerMinute ?? LOOKUP_LIMITS.maxRequests }));
}

/**
 * Checks the answers a PATCH sends (and the case): the problems of those fields, not of the ones still
 * empty — a draft may be incomplete. @throws DOSSIER_INVALID with `errors`
 */
async function checkPatch(deps: DossierApiDeps, actor: ApplicantActor, id: string, body: z.output<typeof patchBody>): Promise<void> {
  const current = await deps.queries.get(actor, id);
  if (current.status !== 'draft') throw new AppError('DOSSIER_ACTION_NOT_ALLOWED', `the dossier is ${current.status}, not a draft`, { status: current.status });
  if (!current.serviceConfigId) return;
  const version = await deps.services.byId(current.serviceConfigId);
  const sent = Object.keys(body.answers ?? {});
  const known = new Set((version.definition as Partial<ServiceDefinition>).form?.map((f) => f.key) ?? []);
  const problems: FieldError[] = sent
    .filter((key) => !known.has(key))
    .map((key) => ({ field: key, code: 'unknown_field', message: { vi: `Biểu mẫu không có trường "${key}"`, en: `The form has no field "${key}"` } }));
  const caseKey = body.caseKey !== undefined ? body.caseKey : current.caseKey;
  const checked = await deps.services.validateAnswers(version, nfcDeep({ ...current.answers, ...body.answers }) as Record<string, unknown>, caseKey);
  if (!checked.ok) {
    const touched = new Set(sent);
    for (const e of checked.errors) {
      const root = e.field.split(/[.[]/)[0] ?? e.field;
      const isCase = e.field === '$case';
      if (e.code === 'required' || e.code === 'case_required') continue;
      if ((isCase && body.caseKey !== undefined) || touched.has(root)) problems.push(e);
    }
  }
  if (problems.length > 0) throw new AppError('DOSSIER_INVALID', problems.map((p) => p.field).join(', '), { errors: problems });
}

/** Text as people typed it may come decomposed (macOS, some keyboards): stored NFC. */
function nfcDeep(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfcDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)]));
  return value;
}
