/** The dossier's vocabulary: states, national status codes, actions and what a dossier looks like. */
import type { Channel, Duration } from '../deadline.workflow.ts';

export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'received',
  'refused',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
  'in_transit',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** DVCQG `TrangThaiHoSo` (DOMAIN §4). A draft has no national code: it does not exist for the agency yet. */
export const NATIONAL_STATUS_CODE: Readonly<Record<Exclude<DossierStatus, 'draft'>, number>> = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  supplement_requested: 5,
  payment_requested: 6,
  withdrawn: 7,
  stopped: 8,
  resolved: 9,
  returned: 10,
  in_transit: 0,
};

export function statusOfNationalCode(code: number): Exclude<DossierStatus, 'draft'> | null {
  const found = Object.entries(NATIONAL_STATUS_CODE).find(([, value]) => value === code);
  return found ? (found[0] as Exclude<DossierStatus, 'draft'>) : null;
}

/** Where nothing else can happen to the dossier (besides notes and the rating). */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set(['refused', 'withdrawn', 'stopped', 'returned']);
/** States in which the agency is waiting for the citizen: the clock is paused (DOMAIN §3.4–3.5). */
export const PAUSED_STATUSES: ReadonlySet<DossierStatus> = new Set(['supplement_requested', 'payment_requested']);

export const OFFICIAL_ACTIONS = [
  'accept',
  'refuse',
  'request_supplement',
  'forward',
  'request_payment',
  'record_payment',
  'stop',
  'extend',
  'approve',
  'return_result',
  'assign',
  'note',
] as const;
export type OfficialAction = (typeof OFFICIAL_ACTIONS)[number];
export const APPLICANT_ACTIONS = ['submit', 'provide_supplement', 'withdraw'] as const;
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number];
export type DossierAction = OfficialAction | ApplicantAction;

export interface PersonDetails {
  fullName: string;
  idNumber?: string | null;
  dateOfBirth?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: { provinceCode?: string | null; communeCode?: string | null; street?: string | null; text?: string | null } | null;
  /** LoaiDoiTuong (DOMAIN §2.2): 1 citizen, 2 business, 3 state agency, 4 organisation. */
  subjectType?: 1 | 2 | 3 | 4;
  organisationName?: string | null;
}

export interface DossierFileRef {
  id: string;
  requirementKey: string;
  fileId: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  purpose: 'submission' | 'supplement' | 'result';
  createdAt: string;
}

export interface DossierEventView {
  seq: number;
  type: string;
  statusFrom: DossierStatus | null;
  statusTo: DossierStatus | null;
  actorKind: 'applicant' | 'official' | 'system' | 'agency_system';
  actorName: string | null;
  internal: boolean;
  data: Record<string, unknown>;
  occurredAt: string;
}

/** The terms of the service the dossier was filed under, as the workflow needs them. */
export interface ServiceTerms {
  durations: Partial<Record<Channel, Duration | null>>;
  steps: ReadonlyArray<{ key: string; role: string; name?: { vi: string; en: string } }>;
  supplementDays: number;
  documents: ReadonlyArray<{ key: string; name: string; required: boolean; caseKey: string | null; maxFiles?: number }>;
}

export interface Dossier {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  catalogVersion: number;
  serviceConfigId: string | null;
  agencyCode: string;
  status: DossierStatus;
  channel: Channel;
  origin: 'portal' | 'desk' | 'sync';
  ownerAccountId: string | null;
  submitterAccountId: string | null;
  applicant: PersonDetails;
  submitter: PersonDetails | null;
  caseKey: string | null;
  answers: Record<string, unknown>;
  summary: string | null;
  duration: Duration | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  pausedAt: string | null;
  resumeStatus: DossierStatus | null;
  supplementDueAt: string | null;
  extended: boolean;
  supplementCount: number;
  stepIndex: number;
  holderAccountId: string | null;
  result: { text: string; fileIds: string[] } | null;
  resolvedAt: string | null;
  finishedAt: string | null;
  externalId: string | null;
  syncClientId: string | null;
  seq: number;
  createdAt: string;
  updatedAt: string;
}

/** Dossier code `{agency code}-{yyMMdd}-{NNNN}` (DOMAIN §5.1). */
export const DOSSIER_CODE_PATTERN = /^[A-Z0-9]+(\.[A-Za-z0-9]+)*-\d{6}-\d{4,5}$/;
