/**
 * Plain inputs of the dossier forms (biểu mẫu). Callers fill them from a dossier; the forms
 * never read the database or the clock. Times are ISO 8601 with an offset, e.g.
 * "2026-11-22T15:30:00+07:00", and are printed in Vietnam time.
 */

/** The legal instrument whose form set a document follows; a dossier keeps the one in force when received. */
export type FormInstrument = 'TT01_2018' | 'TT03_2025';

export type DossierFormKind = 'receipt' | 'supplement_request' | 'refusal' | 'extension_apology' | 'processing_stop';

/** Same codes as the deadline engine's channels: trực tuyến, trực tiếp, bưu chính công ích. */
export type SubmissionChannel = 'online' | 'in_person' | 'postal';

export interface FormAgency {
  /** "Ủy ban nhân dân phường Ba Đình": the agency that receives and decides. */
  name: string;
  /** The managing agency printed above it (cơ quan chủ quản), e.g. "Ủy ban nhân dân thành phố Hà Nội". */
  parentName?: string;
  /** The desk that issues intake forms, e.g. "Bộ phận Một cửa". */
  unitName?: string;
  /** Place name before the date (địa danh), e.g. "Ba Đình". */
  place: string;
}

export interface FormProcedure {
  name: string;
  /** National procedure code, e.g. "1.004222". */
  code?: string;
}

export interface FormPerson {
  fullName: string;
  /** Personal identification number or an organisation's code. */
  idNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface FormOfficer {
  fullName: string;
  /** Printed upper-case as the signing role, e.g. "Chủ tịch"; each form has a default. */
  title?: string;
}

/** What every dossier form carries. */
export interface DossierFormBase {
  /** TT03_2025 when omitted (DEFAULT_FORM_INSTRUMENT). */
  instrument?: FormInstrument;
  agency: FormAgency;
  dossierCode: string;
  /** The form's own register number ("Số: …"), when the agency numbers them. */
  documentNumber?: string;
  procedure: FormProcedure;
  /** The dossier owner (chủ hồ sơ). */
  applicant: FormPerson;
  /** Someone who submits on the owner's behalf (người được ủy quyền). */
  authorisedSubmitter?: FormPerson;
  /** When the form is issued: its date line and the PDF creation date. */
  issuedAt: string;
  /** Written into the PDF as its author, e.g. "Cổng Dịch vụ công quốc gia". */
  portalName: string;
}

export interface ReceivedDocument {
  name: string;
  originals?: number;
  copies?: number;
  /** For an electronic dossier: the uploaded file. */
  fileName?: string;
}

/** Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptFormInput extends DossierFormBase {
  documents: readonly ReceivedDocument[];
  channel: SubmissionChannel;
  receivedAt: string;
  /** Ngày hẹn trả kết quả. */
  appointmentAt: string;
  /** Statutory processing time as text, e.g. "15 ngày làm việc". */
  processingTime?: string;
  /** Where the result is collected or sent, e.g. "Tại Bộ phận Một cửa phường Ba Đình". */
  resultDelivery: string;
  /** Printed as "Tra cứu hồ sơ tại {url}". */
  trackingUrl: string;
  /** The receiving officer; absent for online intake, which prints "Hệ thống tiếp nhận trực tuyến". */
  officer?: FormOfficer;
}

export interface MissingItem {
  /** What is missing or must be corrected. */
  item: string;
  reason: string;
}

/** Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — everything missing in one request. */
export interface SupplementRequestFormInput extends DossierFormBase {
  receivedAt: string;
  items: readonly MissingItem[];
  /** Hạn bổ sung, hoàn thiện hồ sơ. */
  deadlineAt: string;
  /** How to hand in the supplement, e.g. "Nộp trực tuyến tại {url} hoặc tại Bộ phận Một cửa". */
  howToSubmit?: string;
  /** Who to ask, e.g. "Bộ phận Một cửa, số điện thoại 024 3823 0000". */
  contact?: string;
  officer: FormOfficer;
}

/** Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalFormInput extends DossierFormBase {
  receivedAt: string;
  reasons: readonly string[];
  /** The provisions the refusal rests on. */
  legalBasis?: string;
  officer: FormOfficer;
}

/** Mẫu số 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết. */
export interface ExtensionApologyFormInput extends DossierFormBase {
  receivedAt: string;
  reason: string;
  previousAppointmentAt: string;
  newAppointmentAt: string;
  /** The head of the agency (or deputy) who signs the apology. */
  officer: FormOfficer;
}

/** Mẫu số 05 (TT 03/2025): Thông báo dừng giải quyết hồ sơ. */
export interface ProcessingStopFormInput extends DossierFormBase {
  receivedAt: string;
  reasons: readonly string[];
  legalBasis?: string;
  /** What the applicant can do next, e.g. how to file again. */
  guidance?: string;
  officer: FormOfficer;
}

/** One form of one instrument: its number and official title. */
export interface FormDefinition {
  number: string;
  title: string;
}

export interface InstrumentForms {
  /** As cited on the form, e.g. "Thông tư 03/2025/TT-VPCP". */
  citation: string;
  forms: Partial<Record<DossierFormKind, FormDefinition>>;
}
