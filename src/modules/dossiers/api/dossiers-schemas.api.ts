/**
 * Schemas of the dossier API (OpenAPI documents them) and the presenters that fill them: what an app
 * sees of a dossier. Back-office fields (holder, sync ids, internal notes) never appear.
 */
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/problem.ts';
import type { DossierView } from '../core/dossier-query.service.ts';
import { APPLICANT_ACTIONS, DOSSIER_STATUSES, type Dossier, type DossierFileRef } from '../core/dossier.types.ts';

const iso = z.string().describe('ISO 8601 time');
const status = z.enum(DOSSIER_STATUSES);

/** problem+json whose `errors` name each field with a stable code (422, 400). */
export const fieldProblemSchema = problemSchema
  .extend({ errors: z.array(z.object({ path: z.string(), code: z.string().optional(), message: z.string() })).optional() })
  .describe('RFC 9457 problem details; `errors` lists every field problem at once');

export const dossierIdParams = z.object({ id: z.uuid().describe('The dossier id') });

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(8)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional()
    .describe('A key the app makes once per intended action (e.g. a UUID) and repeats on retries: the action happens once'),
});

const person = z.object({
  fullName: z.string(),
  idNumber: z.string().nullable().optional(),
  dateOfBirth: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  address: z
    .object({ provinceCode: z.string().nullable().optional(), communeCode: z.string().nullable().optional(), street: z.string().nullable().optional(), text: z.string().nullable().optional() })
    .nullable()
    .optional(),
  subjectType: z.number().int().optional(),
  organisationName: z.string().nullable().optional(),
});

export const dossierFileSchema = z.object({
  id: z.string(),
  requirementKey: z.string(),
  fileId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  purpose: z.enum(['submission', 'supplement', 'result']),
  createdAt: iso,
});

export const dossierSummarySchema = z.object({
  id: z.string(),
  code: z.string().nullable().describe('{agency}-{yyMMdd}-{NNNN}, from submission'),
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyCode: z.string(),
  status,
  statusCode: z.number().int().nullable().describe('DVCQG TrangThaiHoSo (1 submitted … 10 returned); null for a draft'),
  channel: z.enum(['online', 'in_person', 'postal']),
  onBehalf: z.boolean().describe('Filed by the caller for someone else (authorised submitter)'),
  submittedAt: iso.nullable(),
  receivedAt: iso.nullable(),
  dueAt: iso.nullable().describe('The appointment for the result (ngày hẹn trả)'),
  finishedAt: iso.nullable(),
  progress: z.string().nullable().describe('early, on_time, late, in_progress, in_progress_late'),
  updatedAt: iso,
});

export const dossierViewSchema = dossierSummarySchema.extend({
  agencyName: z.string(),
  origin: z.enum(['portal', 'desk', 'sync']),
  caseKey: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
  applicant: person,
  submitter: person.nullable(),
  summary: z.string().nullable(),
  supplementDueAt: iso.nullable(),
  extended: z.boolean(),
  result: z.object({ text: z.string(), fileIds: z.array(z.string()) }).nullable(),
  files: z.array(dossierFileSchema),
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      statusFrom: status.nullable(),
      statusTo: status.nullable(),
      actorKind: z.enum(['applicant', 'official', 'system', 'agency_system']),
      actorName: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      occurredAt: iso,
    }),
  ),
  allowedActions: z.array(z.string()).describe('What the caller may do now (submit, withdraw, provide_supplement)'),
  rating: z.object({ scores: z.record(z.string(), z.unknown()), ratedAt: iso }).nullable(),
  createdAt: iso,
});

export type DossierSummaryJson = z.infer<typeof dossierSummarySchema>;
export type DossierViewJson = z.infer<typeof dossierViewSchema>;

type Listed = Dossier & { statusCode: number | null; progress: string | null };

export function presentSummary(d: Listed): DossierSummaryJson {
  return {
    id: d.id,
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    agencyCode: d.agencyCode,
    status: d.status,
    statusCode: d.statusCode,
    channel: d.channel,
    onBehalf: d.submitterAccountId !== null,
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    finishedAt: d.finishedAt,
    progress: d.progress,
    updatedAt: d.updatedAt,
  };
}

export function presentFile(f: DossierFileRef) {
  return { id: f.id, requirementKey: f.requirementKey, fileId: f.fileId, name: f.name, mediaType: f.mediaType, sizeBytes: f.sizeBytes, purpose: f.purpose, createdAt: f.createdAt };
}

/** The whole dossier as the applicant may see it (the core has already left internal notes out). */
export function presentView(v: DossierView): DossierViewJson {
  return {
    ...presentSummary(v),
    agencyName: v.agencyName,
    origin: v.origin,
    caseKey: v.caseKey,
    answers: v.answers,
    applicant: v.applicant,
    submitter: v.submitter,
    summary: v.summary,
    supplementDueAt: v.supplementDueAt,
    extended: v.extended,
    result: v.result,
    files: v.files.map(presentFile),
    events: v.events
      .filter((e) => !e.internal)
      .map((e) => ({ seq: e.seq, type: e.type, statusFrom: e.statusFrom, statusTo: e.statusTo, actorKind: e.actorKind, actorName: e.actorName, data: e.data, occurredAt: e.occurredAt })),
    // The applicant's own actions only: the core also lists what reading permits (e.g. back-office notes).
    allowedActions: v.allowedActions.filter((a) => (APPLICANT_ACTIONS as readonly string[]).includes(a)),
    rating: v.rating,
    createdAt: v.createdAt,
  };
}

/** An example for the OpenAPI page (a birth registration at a commune). */
export const DOSSIER_EXAMPLE: DossierSummaryJson = {
  id: '0b9f5a52-6c1e-4d0e-9a51-2f1f6f0c1a11',
  code: 'H56.14-261122-0001',
  procedureCode: '1.001193',
  procedureName: 'Thủ tục đăng ký khai sinh',
  agencyCode: 'H56.14',
  status: 'received',
  statusCode: 2,
  channel: 'online',
  onBehalf: false,
  submittedAt: '2026-11-22T02:10:00.000Z',
  receivedAt: '2026-11-22T03:00:00.000Z',
  dueAt: '2026-11-23T02:10:00.000Z',
  finishedAt: null,
  progress: 'in_progress',
  updatedAt: '2026-11-22T03:00:00.000Z',
};
