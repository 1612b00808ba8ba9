/**
 * JSON API of service configurations: GET /api/v1/services/{procedureCode}/{agencyCode} (public:
 * what a dossier for the service needs), GET …/versions, PUT … (agency admins: publish a version).
 */
import type { FastifyRequest } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { problemSchema } from '../../../../platform/http/problem.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { Actor } from '../../../identity/index.ts';
import { presentHistory, presentService } from '../service-config.presenter.ts';
import type { ServiceConfigService } from '../service-config.service.ts';
import { serviceDefinitionSchema, type ServiceDefinition } from '../service-config.types.ts';

export interface ServiceApiDeps {
  service: ServiceConfigService;
  /** The actor behind an active session cookie, or null. */
  signedInActor(request: FastifyRequest): Actor | null;
  /** The actor behind `Authorization: Bearer …` (null without the header); throws on a bad token. */
  bearerActor?(request: FastifyRequest): Promise<Actor | null>;
}

const params = z.object({
  procedureCode: z.string().max(20).describe('National procedure code').meta({ example: '1.001471' }),
  agencyCode: z.string().max(64).describe('Agency code in the register').meta({ example: '000.00.00.G01' }),
});

const EXAMPLE: ServiceDefinition = {
  schemaVersion: 1,
  procedureName: 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)',
  form: [
    { kind: 'text', key: 'applicant_full_name', label: { vi: 'Họ, chữ đệm và tên', en: 'Full name' }, required: true, prefill: 'fullName', maxLength: 100 },
    {
      kind: 'group',
      key: 'children',
      label: { vi: 'Con dưới 9 tuổi đi cùng', en: 'Children under 9 travelling along' },
      minItems: 0,
      maxItems: 5,
      fields: [{ kind: 'date', key: 'birth_date', label: { vi: 'Ngày sinh', en: 'Date of birth' }, required: true, notInFuture: true }],
    },
  ],
  cases: [{ key: 'chung', name: null }],
  documents: [
    { caseKey: 'chung', key: 'to_khai_de_nghi_cap_ho_chieu_pho_thong', name: '01 tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01)', required: true, quantity: { original: 1, copy: 0 }, accept: ['pdf', 'jpeg', 'png'], maxFiles: 5, note: 'Mẫu: Mau TK01.tt73.2021.doc' },
  ],
  fees: [{ channel: 'online', amountVnd: 200000, text: '200.000 đồng/hộ chiếu', collect: 'upfront', variants: [] }],
  durations: [{ channel: 'online', duration: { value: 5, unit: 'working_days' }, text: '5 Ngày làm việc', variants: ['3 Ngày làm việc'] }],
  steps: [
    { key: 'receive', name: { vi: 'Tiếp nhận hồ sơ', en: 'Receive the dossier' }, role: 'intake_officer', budgetHours: 4 },
    { key: 'appraise', name: { vi: 'Thẩm định, xử lý hồ sơ', en: 'Appraise the dossier' }, role: 'processing_officer', budgetHours: 24 },
    { key: 'approve', name: { vi: 'Phê duyệt kết quả', en: 'Approve the result' }, role: 'approver', budgetHours: 8 },
    { key: 'return', name: { vi: 'Trả kết quả', en: 'Return the result' }, role: 'intake_officer', budgetHours: 4 },
  ],
  onlineLevel: 'full',
  supplementDays: 30,
  result: { methods: ['electronic', 'postal'] },
};

const definition = serviceDefinitionSchema.meta({ example: EXAMPLE });

const serviceResponse = z.object({
  id: z.string().nullable().describe('The stored version a dossier is filed under; null while nobody has used the service yet'),
  procedureCode: z.string(),
  agencyCode: z.string(),
  version: z.number().int().nullable(),
  catalogVersion: z.number().int().describe('The procedure record version the configuration was made from'),
  origin: z.enum(['generated', 'edited']),
  createdAt: z.string().nullable(),
  definition,
});

const historyResponse = z.object({
  items: z.array(z.object({ id: z.string(), version: z.number().int(), catalogVersion: z.number().int(), origin: z.enum(['generated', 'edited']), createdAt: z.string() })),
});

const invalidProblem = problemSchema
  .extend({
    errors: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string(), messages: z.object({ vi: z.string(), en: z.string() }) }))
      .optional(),
  })
  .meta({
    example: {
      type: 'https://opendvc.org/problems/dossier-service-invalid',
      title: 'Cấu hình dịch vụ chưa hợp lệ',
      status: 422,
      code: 'DOSSIER_SERVICE_INVALID',
      errors: [{ path: 'steps', code: 'no_approver', message: 'Quy trình cần ít nhất một bước phê duyệt (người phê duyệt)', messages: { vi: 'Quy trình cần ít nhất một bước phê duyệt (người phê duyệt)', en: 'The steps need at least one approval step (approver)' } }],
    },
  });

/** `If-Match: "3"` (or 3): the version an edit started from. */
function baseVersionOf(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}

export function registerServiceApi(app: HttpServer, deps: ServiceApiDeps): void {
  app.get(
    '/api/v1/services/:procedureCode/:agencyCode',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'What a dossier for a service needs',
        description:
          'The current configuration of a procedure at an agency: the online form, documents per case, fees and time limits per ' +
          'channel, processing steps and online level. A service nobody has used yet shows the configuration generated from the ' +
          'procedure record (`id` and `version` null). The `ETag` is the version, for `If-Match` on PUT.',
        params,
        response: { 200: serviceResponse, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const view = await deps.service.preview(request.params.procedureCode, request.params.agencyCode);
      if (view.version !== null) reply.header('etag', `"${view.version}"`);
      return presentService(view);
    },
  );

  app.get(
    '/api/v1/services/:procedureCode/:agencyCode/versions',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Version history of a service configuration',
        description: 'Every stored version, newest first (definitions left out; read one through a dossier or GET the service).',
        params,
        response: { 200: historyResponse, 404: problemSchema },
      },
    },
    async (request) => {
      const { procedureCode, agencyCode } = request.params;
      const items = await deps.service.history(procedureCode, agencyCode);
      if (items.length === 0) await deps.service.preview(procedureCode, agencyCode); // 404 for an unknown procedure or agency
      return { items: presentHistory(items) };
    },
  );

  app.put(
    '/api/v1/services/:procedureCode/:agencyCode',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Publish a new version of a service configuration',
        description:
          'For agency admins (`service.configure` on the agency), signed in or with a bearer token. The body is the whole definition; ' +
          'it is checked as a whole and every problem is listed in a 422 problem. `If-Match: "<version>"` refuses the change (409) ' +
          'when a newer version was published since. Publishing the current definition unchanged returns it without a new version.',
        params,
        body: definition,
        headers: z.object({ 'if-match': z.string().max(40).optional().describe('The version the edit started from, e.g. "3"') }),
        security: [{ bearer: [] }],
        response: { 200: serviceResponse, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: invalidProblem },
      },
      // The body is documented by its schema but checked by the service, which lists every problem
      // with a path and both languages (422) instead of the generic 400.
      validatorCompiler: (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : zodValidatorCompiler(route as unknown as Parameters<typeof zodValidatorCompiler>[0])),
      bodyLimit: 1024 * 1024,
    },
    async (request, reply) => {
      // A cookie session may publish too: browsers send no cross-site PUT without CORS, which is off.
      const hasBearer = request.headers.authorization !== undefined && deps.bearerActor !== undefined;
      const actor = hasBearer ? await deps.bearerActor!(request) : deps.signedInActor(request);
      if (!actor || actor.kind === 'anonymous') throw new AppError('DOSSIER_SERVICE_LOGIN_REQUIRED');
      const { procedureCode, agencyCode } = request.params;
      const published = await deps.service.publish(actor, procedureCode, agencyCode, request.body as unknown, { baseVersion: baseVersionOf(request.headers['if-match']) });
      request.log.info({ procedureCode, agencyCode, version: published.version, by: published.createdBy }, 'service configuration published');
      reply.header('etag', `"${published.version}"`);
      return presentService(published);
    },
  );
}
