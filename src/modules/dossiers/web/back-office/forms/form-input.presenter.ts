/**
 * The inputs of forms 01–05 from a dossier and the event that issued each form (the receipt from
 * `received`, the request from `supplement_requested`, …). Pure: the page loads, this shapes.
 */
import type { DossierView } from '../../../core/dossier-query.service.ts';
import type { DossierEventView, PersonDetails } from '../../../core/dossier.types.ts';
import type {
  DossierFormBase,
  ExtensionApologyFormInput,
  FormPerson,
  ProcessingStopFormInput,
  ReceiptFormInput,
  ReceivedDocument,
  RefusalFormInput,
  SupplementRequestFormInput,
} from '../../../forms/dossier-forms.types.ts';
import type { ServiceDefinition } from '../../../service-config/service-config.types.ts';

export const FORM_NUMBERS = ['01', '02', '03', '04', '05'] as const;
export type FormNumber = (typeof FORM_NUMBERS)[number];

/** The event each form is issued by. */
export const FORM_EVENT: Record<FormNumber, string> = { '01': 'received', '02': 'supplement_requested', '03': 'refused', '04': 'extended', '05': 'stopped' };

const PORTAL_NAME = 'Cổng Dịch vụ công';
const DESK_UNIT = 'Bộ phận Một cửa';

export interface FormContext {
  view: DossierView;
  definition: ServiceDefinition | null;
  /** Addresses in words (the 2025 units' names). */
  applicantAddress: string;
  submitterAddress: string;
  trackingUrl: string;
}

/** The place before the date line: the unit's name after its kind ("Ủy ban nhân dân phường Ba Đình" → "Ba Đình"). */
export function placeOf(agencyName: string): string {
  const match = /(?:phường|xã|thị trấn|đặc khu|tỉnh|thành phố|quận|huyện|thị xã)\s+(.+)$/iu.exec(agencyName.normalize('NFC'));
  return (match?.[1] ?? agencyName).trim();
}

function person(p: PersonDetails, address: string): FormPerson {
  return {
    fullName: p.fullName || p.organisationName || '—',
    idNumber: p.idNumber ?? undefined,
    address: address || undefined,
    phone: p.phone ?? undefined,
    email: p.email ?? undefined,
  };
}

function base(ctx: FormContext, event: DossierEventView): DossierFormBase {
  const { view } = ctx;
  return {
    agency: { name: view.agencyName, unitName: DESK_UNIT, place: placeOf(view.agencyName) },
    dossierCode: view.code ?? '',
    procedure: { name: view.procedureName, code: view.procedureCode },
    applicant: person(view.applicant, ctx.applicantAddress),
    authorisedSubmitter: view.submitter ? person(view.submitter, ctx.submitterAddress) : undefined,
    issuedAt: event.occurredAt,
    portalName: PORTAL_NAME,
  };
}

const officer = (event: DossierEventView) => ({ fullName: event.actorName ?? '' });
const text = (v: unknown) => (typeof v === 'string' ? v : '');
/** Reasons typed as one text: one printed line per non-empty line. */
const reasonList = (v: unknown) => text(v).split('\n').map((s) => s.trim()).filter(Boolean);

/** What was received: the files per requirement (online), or the paper documents the desk checked. */
export function receivedDocuments(ctx: FormContext, event: DossierEventView): ReceivedDocument[] {
  const documents = ctx.definition?.documents ?? [];
  const nameOf = (key: string) => documents.find((d) => d.key === key)?.name ?? key;
  const checked = Array.isArray(event.data.documentsChecked) ? (event.data.documentsChecked as string[]) : [];
  if (checked.length > 0) {
    return checked.map((key) => {
      const quantity = documents.find((d) => d.key === key)?.quantity;
      return { name: nameOf(key), originals: quantity?.original || undefined, copies: quantity?.copy || undefined };
    });
  }
  return ctx.view.files.filter((f) => f.purpose === 'submission').map((f) => ({ name: nameOf(f.requirementKey), fileName: f.name }));
}

function durationText(view: DossierView): string | undefined {
  const d = view.duration;
  if (!d) return undefined;
  const unit = { working_days: 'ngày làm việc', days: 'ngày', hours: 'giờ', months: 'tháng' }[d.unit];
  return `${d.value} ${unit}`;
}

export function receiptInput(ctx: FormContext, event: DossierEventView): ReceiptFormInput {
  const { view } = ctx;
  const due = text(event.data.dueAt) || view.originalDueAt || view.dueAt || event.occurredAt;
  const online = view.channel === 'online';
  return {
    ...base(ctx, event),
    documents: receivedDocuments(ctx, event),
    channel: view.channel,
    receivedAt: event.occurredAt,
    appointmentAt: due,
    processingTime: durationText(view),
    resultDelivery: online ? 'Trên Cổng Dịch vụ công (kết quả điện tử)' : `Tại ${DESK_UNIT} – ${view.agencyName}`,
    trackingUrl: ctx.trackingUrl,
    officer: event.actorKind === 'official' ? officer(event) : undefined,
  };
}

export function supplementInput(ctx: FormContext, event: DossierEventView): SupplementRequestFormInput {
  const items = Array.isArray(event.data.items) ? (event.data.items as Array<{ name?: string; reason?: string }>) : [];
  return {
    ...base(ctx, event),
    receivedAt: ctx.view.receivedAt ?? ctx.view.submittedAt ?? event.occurredAt,
    items: items.map((i) => ({ item: i.name ?? '', reason: i.reason ?? '' })),
    deadlineAt: text(event.data.supplementDueAt) || event.occurredAt,
    howToSubmit: `Nộp trực tuyến tại ${ctx.trackingUrl} hoặc tại ${DESK_UNIT}`,
    officer: officer(event),
  };
}

export function refusalInput(ctx: FormContext, event: DossierEventView): RefusalFormInput {
  return { ...base(ctx, event), receivedAt: ctx.view.receivedAt ?? ctx.view.submittedAt ?? event.occurredAt, reasons: reasonList(event.data.reasons), officer: officer(event) };
}

export function extensionInput(ctx: FormContext, event: DossierEventView): ExtensionApologyFormInput {
  return {
    ...base(ctx, event),
    receivedAt: ctx.view.receivedAt ?? ctx.view.submittedAt ?? event.occurredAt,
    reason: text(event.data.reason),
    previousAppointmentAt: text(event.data.dueBefore) || event.occurredAt,
    newAppointmentAt: text(event.data.dueAfter) || text(event.data.newDueAt) || event.occurredAt,
    officer: officer(event),
  };
}

export function stopInput(ctx: FormContext, event: DossierEventView): ProcessingStopFormInput {
  return { ...base(ctx, event), receivedAt: ctx.view.receivedAt ?? ctx.view.submittedAt ?? event.occurredAt, reasons: reasonList(event.data.reasons), officer: officer(event) };
}

/** The latest event that issued form `number` (a dossier may be asked for a supplement at intake and in processing). */
export function issuingEvent(view: DossierView, number: FormNumber): DossierEventView | null {
  if (number === '01') {
    return view.events.find((e) => e.type === 'received' || e.statusTo === 'received') ?? null;
  }
  return [...view.events].reverse().find((e) => e.type === FORM_EVENT[number]) ?? null;
}
