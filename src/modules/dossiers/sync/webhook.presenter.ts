/** The JSON body of a webhook: the portal event and the dossier as the agency system needs it to act. */
import type { DomainEvent } from '../../../platform/events/events.ts';
import { NATIONAL_STATUS_CODE, type Dossier, type DossierFileRef, type PersonDetails } from '../core/dossier.types.ts';

const CHANNEL_CODE = { in_person: 1, online: 2, postal: 3 } as const;

function person(p: PersonDetails | null) {
  if (!p) return null;
  return {
    name: p.fullName,
    idNumber: p.idNumber ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
    address: p.address?.text ?? ([p.address?.street, p.address?.communeCode, p.address?.provinceCode].filter(Boolean).join(', ') || null),
    subjectType: p.subjectType ?? 1,
    organisationName: p.organisationName ?? null,
  };
}

/** Same bytes for every attempt and every integration: built once per event. */
export function presentWebhookBody(event: DomainEvent, dossier: Dossier, files: readonly DossierFileRef[]): string {
  const p = event.payload as { seq?: number; statusFrom?: string | null; data?: Record<string, unknown> };
  return JSON.stringify({
    type: event.type,
    eventId: event.id,
    occurredAt: event.occurredAt,
    dossier: {
      id: dossier.id,
      code: dossier.code,
      externalId: dossier.externalId,
      procedureCode: dossier.procedureCode,
      procedureName: dossier.procedureName,
      agencyCode: dossier.agencyCode,
      channel: CHANNEL_CODE[dossier.channel],
      origin: dossier.origin,
      status: dossier.status === 'draft' ? null : NATIONAL_STATUS_CODE[dossier.status],
      submittedAt: dossier.submittedAt,
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt,
      applicant: person(dossier.applicant),
      submitter: person(dossier.submitter),
      summary: dossier.summary,
      caseKey: dossier.caseKey,
      answers: dossier.answers,
      files: files.map((f) => ({ id: f.id, fileId: f.fileId, requirementKey: f.requirementKey, name: f.name, mediaType: f.mediaType, sizeBytes: f.sizeBytes, purpose: f.purpose })),
    },
    event: { seq: p.seq ?? null, statusFrom: p.statusFrom && p.statusFrom !== 'draft' ? (NATIONAL_STATUS_CODE[p.statusFrom as Exclude<Dossier['status'], 'draft'>] ?? null) : null, data: p.data ?? {} },
  });
}
