/**
 * Files of a dossier through the API: upload (multipart, checked by content by the documents module),
 * remove from a draft, and the receipt (form 01) as PDF.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { problemSchema as problem } from '../../../platform/http/problem.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { DossierView } from '../core/dossier-query.service.ts';
import type { FormPerson, ReceiptFormInput } from '../forms/dossier-forms.types.ts';
import { renderReceiptPdf } from '../forms/receipt-form.presenter.ts';
import { answer, authenticateApplicant, type DossierApiDeps } from './dossiers-auth.api.ts';
import { dossierIdParams, fieldProblemSchema, presentFile } from './dossiers-schemas.api.ts';

const security = [{ bearer: [] }];
const authErrors = { 401: problem, 403: problem };

const uploadedSchema = z.object({
  attached: z.boolean().describe('true: filed under the requirement of the draft; false: stored for a provide_supplement action'),
  file: z.object({
    id: z.string().nullable().describe('The dossier file id (for DELETE); null until attached'),
    fileId: z.string().describe('The stored file, to name in provide_supplement'),
    requirementKey: z.string(),
    name: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
  }),
});

const FILE_PROBLEM_TEXT: Record<string, { vi: string; en: string }> = {
  DOCUMENT_TYPE_NOT_ALLOWED: { vi: 'Tệp phải là PDF, JPG hoặc PNG', en: 'The file must be a PDF, JPG or PNG' },
  DOCUMENT_EMPTY: { vi: 'Tệp không có nội dung', en: 'The file is empty' },
  DOCUMENT_TOO_LARGE: { vi: 'Tệp quá lớn', en: 'The file is too large' },
  DOCUMENT_TOO_MANY: { vi: 'Mỗi lần chỉ gửi một tệp', en: 'Send one file at a time' },
};

const UNIT_TEXT = { working_days: 'ngày làm việc', days: 'ngày', hours: 'giờ làm việc', months: 'tháng' } as const;

export function registerDossierFileApi(app: HttpServer, deps: DossierApiDeps): void {
  const { ports } = deps;

  app.post(
    '/api/v1/dossiers/:id/files',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Upload a file for a required document',
        description:
          '`multipart/form-data` with a `requirementKey` field and one `file` (PDF, JPEG or PNG, checked by its content). On a draft ' +
          'the file is attached at once; while a supplement is requested it is stored for `provide_supplement`.',
        security,
        params: dossierIdParams,
        consumes: ['multipart/form-data'],
        response: { 201: uploadedSchema, 400: fieldProblemSchema, ...authErrors, 404: problem, 409: problem, 413: problem, 415: problem, 422: fieldProblemSchema },
      },
    },
    async (request, reply) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        const { id } = request.params;
        // Checked before reading the body: nothing is stored for a dossier the caller cannot change.
        const dossier = await deps.queries.get(actor, id);
        if (dossier.status !== 'draft' && dossier.status !== 'supplement_requested') {
          throw new AppError('DOSSIER_ACTION_NOT_ALLOWED', `files cannot be added to a dossier that is ${dossier.status}`, { status: dossier.status });
        }
        const upload = await ports.readUpload(request, { ownerAccountId: actor.accountId, maxFiles: 1 });
        const refused = upload.problems[0];
        if (refused) throw new AppError(refused.code, refused.fileName ?? undefined, { errors: [{ field: refused.field, code: refused.code, message: FILE_PROBLEM_TEXT[refused.code] ?? FILE_PROBLEM_TEXT.DOCUMENT_TYPE_NOT_ALLOWED }] });
        const requirementKey = fieldOf(upload.fields, 'requirementKey');
        const stored = upload.files[0];
        const missing = [
          ...(requirementKey ? [] : [{ field: 'requirementKey', code: 'required', message: { vi: 'Cho biết giấy tờ nào (requirementKey)', en: 'Say which document it is (requirementKey)' } }]),
          ...(stored ? [] : [{ field: 'file', code: 'required', message: { vi: 'Chọn một tệp', en: 'Choose one file' } }]),
        ];
        if (!stored || !requirementKey) throw new AppError('VALIDATION_FAILED', 'requirementKey and file are required', { errors: missing });
        const file = { fileId: stored.file.id, requirementKey, name: stored.file.originalName, mediaType: stored.file.mediaType, sizeBytes: stored.file.sizeBytes };
        if (dossier.status === 'supplement_requested') return reply.code(201).send({ attached: false, file: { id: null, ...file } });
        await deps.drafts.attach(actor, id, { requirementKey, fileId: stored.file.id });
        const attached = (await deps.queries.get(actor, id)).files.filter((f) => f.fileId === stored.file.id && f.requirementKey === requirementKey).at(-1);
        return reply.code(201).send({ attached: true, file: attached ? presentFile(attached) : { id: null, ...file } });
      }),
  );

  app.delete(
    '/api/v1/dossiers/:id/files/:fileId',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Remove a file from a draft',
        security,
        params: dossierIdParams.extend({ fileId: z.uuid().describe('The dossier file id (`files[].id`)') }),
        response: { 204: z.null().describe('Removed (or already gone)'), 400: problem, ...authErrors, 404: problem, 409: problem },
      },
    },
    async (request, reply) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        await deps.drafts.detach(actor, request.params.id, request.params.fileId);
        return reply.code(204).send(null);
      }),
  );

  app.get(
    '/api/v1/dossiers/:id/receipt.pdf',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The receipt and appointment (form 01) as PDF',
        description: 'Available once the dossier is submitted and has an appointment time; answered as `application/pdf`.',
        security,
        params: dossierIdParams,
        produces: ['application/pdf'],
        response: { ...authErrors, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) =>
      answer(request, async () => {
        const { actor } = await authenticateApplicant(ports, request);
        const view = await deps.queries.get(actor, request.params.id);
        if (!view.code || !view.dueAt || view.status === 'draft' || view.status === 'refused') {
          throw new AppError('DOSSIER_ACTION_NOT_ALLOWED', 'a receipt exists once the dossier is submitted with an appointment time', { status: view.status });
        }
        const names = new Map<string, string>();
        if (view.serviceConfigId) for (const d of (await deps.services.byId(view.serviceConfigId)).terms.documents) names.set(d.key, d.name);
        const pdf = await renderReceiptPdf(receiptInput(view, names, ports.publicUrl ?? originOf(request)));
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="giay-tiep-nhan-${view.code.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(pdf) as never);
      }),
  );
}

/** Form 01 from what the dossier knows; an online receipt is signed by the intake system. */
export function receiptInput(view: DossierView, requirementNames: ReadonlyMap<string, string>, publicUrl: string): ReceiptFormInput {
  const receivedAt = view.receivedAt ?? view.submittedAt ?? view.createdAt;
  const personOf = (p: NonNullable<DossierView['submitter']>): FormPerson => ({
    fullName: p.fullName || '—',
    ...(p.idNumber ? { idNumber: p.idNumber } : {}),
    ...(p.address?.text ? { address: p.address.text } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.email ? { email: p.email } : {}),
  });
  return {
    agency: { name: view.agencyName, place: view.agencyName },
    dossierCode: view.code ?? '',
    procedure: { name: view.procedureName, code: view.procedureCode },
    applicant: personOf(view.applicant),
    ...(view.submitter ? { authorisedSubmitter: personOf(view.submitter) } : {}),
    issuedAt: receivedAt,
    portalName: 'Cổng Dịch vụ công',
    documents: view.files
      .filter((f) => f.purpose === 'submission')
      .map((f) => ({ name: requirementNames.get(f.requirementKey) ?? f.requirementKey, fileName: f.name })),
    channel: view.channel,
    receivedAt,
    appointmentAt: view.dueAt ?? receivedAt,
    ...(view.duration ? { processingTime: `${view.duration.value} ${UNIT_TEXT[view.duration.unit]}` } : {}),
    resultDelivery: view.channel === 'online' ? 'Trực tuyến, trên Cổng Dịch vụ công' : `Tại ${view.agencyName}`,
    trackingUrl: `${publicUrl.replace(/\/$/, '')}/tra-cuu-ho-so`,
  };
}

function fieldOf(fields: Record<string, string | string[]>, name: string): string {
  const value = fields[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
