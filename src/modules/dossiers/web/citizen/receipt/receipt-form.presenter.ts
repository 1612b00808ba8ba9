/** A submitted dossier as the input of form 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
import type { DossierView } from '../../../core/dossier-query.service.ts';
import type { PersonDetails } from '../../../core/dossier.types.ts';
import type { FormPerson, ReceiptFormInput } from '../../../forms/dossier-forms.types.ts';
import type { ServiceDefinition } from '../../../service-config/service-config.types.ts';
import { requirementsFor } from '../draft-sections.workflow.ts';

/** The receiving agency as the form's header prints it. */
export interface ReceiptAgency {
  name: string;
  parentName?: string;
  /** Place name before the date: the commune or province the agency serves. */
  place: string;
}

export type AddressText = (address: PersonDetails['address']) => string;

const UNIT_WORDS: Record<string, string> = { working_days: 'ngày làm việc', days: 'ngày', hours: 'giờ', months: 'tháng' };

/** "Phường Ba Đình" → "Ba Đình", "Thành phố Hà Nội" → "Hà Nội": the place line of an administrative document. */
export function placeName(unitName: string): string {
  return unitName.replace(/^(thành phố|tỉnh|phường|xã|đặc khu)\s+/iu, '').trim();
}

function person(details: PersonDetails, address: AddressText): FormPerson {
  return {
    fullName: details.fullName,
    idNumber: details.idNumber ?? undefined,
    address: address(details.address) || undefined,
    phone: details.phone ?? undefined,
    email: details.email ?? undefined,
  };
}

function resultDelivery(definition: ServiceDefinition | null, agencyName: string): string {
  const methods = definition?.result.methods ?? ['electronic'];
  const text = { electronic: 'Trực tuyến, tại mục Hồ sơ của tôi trên Cổng Dịch vụ công', at_desk: `Tại Bộ phận Một cửa – ${agencyName}`, postal: 'Qua dịch vụ bưu chính công ích' } as const;
  return methods.map((m) => text[m]).join('; ');
}

/** Null when the dossier has no appointment time yet (a procedure whose duration the catalog does not give). */
export function receiptFormInput(view: DossierView, definition: ServiceDefinition | null, agency: ReceiptAgency, address: AddressText, origin: string): ReceiptFormInput | null {
  if (!view.code || !view.dueAt || !view.submittedAt) return null;
  const received = view.files.filter((f) => f.purpose === 'submission');
  const requirements = definition ? requirementsFor(definition, view.caseKey) : [];
  const documents = requirements
    .map((r) => ({ r, files: received.filter((f) => f.requirementKey === r.key) }))
    .filter(({ files }) => files.length > 0)
    .map(({ r, files }) => ({ name: r.name, fileName: files.map((f) => f.name).join(', ') }));
  return {
    agency: { name: agency.name, parentName: agency.parentName, unitName: 'Bộ phận Một cửa', place: agency.place },
    dossierCode: view.code,
    procedure: { name: view.procedureName, code: view.procedureCode },
    applicant: person(view.applicant, address),
    authorisedSubmitter: view.submitter ? person(view.submitter, address) : undefined,
    issuedAt: view.submittedAt,
    portalName: 'Cổng Dịch vụ công',
    documents,
    channel: view.channel,
    receivedAt: view.receivedAt ?? view.submittedAt,
    appointmentAt: view.dueAt,
    processingTime: view.duration ? `${String(view.duration.value).replace('.', ',')} ${UNIT_WORDS[view.duration.unit] ?? view.duration.unit}` : undefined,
    resultDelivery: resultDelivery(definition, agency.name),
    trackingUrl: `${origin}/tra-cuu-ho-so`,
  };
}
