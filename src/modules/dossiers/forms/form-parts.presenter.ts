/** Pieces every dossier form shares: header, reference line, metadata, person rows, signature. */
import type { PdfBlock, PdfDocumentSpec, PdfFieldRow, PdfHeaderLine, PdfSignature } from '../../../platform/pdf/pdf.ts';
import { resolveForm, type ResolvedForm } from './form-catalog.data.ts';
import type { DossierFormBase, DossierFormKind, FormOfficer, FormPerson, SubmissionChannel } from './dossier-forms.types.ts';
import { formatPlaceAndDate, toInstant } from './form-time.presenter.ts';

export const CHANNEL_LABELS = {
  online: 'Trực tuyến',
  in_person: 'Trực tiếp',
  postal: 'Qua dịch vụ bưu chính công ích',
} as const satisfies Record<SubmissionChannel, string>;

export const SIGN_NOTE = '(Ký, ghi rõ họ tên)';

/** Vietnamese upper case: đ → Đ, ư → Ư, with NFC kept. */
export const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi').normalize('NFC');

const clean = (text: string | undefined) => (text ?? '').normalize('NFC').trim();

/** Issuer on the left (managing agency, agency, desk; the last one bold and ruled), motto and date on the right. */
function formHeader(base: DossierFormBase, issuerUnit: boolean): PdfDocumentSpec['header'] {
  const names = [base.agency.parentName, base.agency.name, issuerUnit ? base.agency.unitName : undefined].map(clean).filter(Boolean);
  const left: PdfHeaderLine[] = names.map((name, i) => (i === names.length - 1 ? { text: upper(name), bold: true, rule: 'short' } : { text: upper(name) }));
  if (base.documentNumber) left.push({ text: `Số: ${clean(base.documentNumber)}` });
  return {
    left,
    right: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
      { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, rule: 'full' },
      { text: formatPlaceAndDate(base.agency.place, base.issuedAt) },
    ],
  };
}

/** Rows describing a person; blank fields are left out rather than printed empty. */
export function personRows(person: FormPerson, nameLabel: string): PdfFieldRow[] {
  const rows: PdfFieldRow[] = [
    { label: nameLabel, value: clean(person.fullName), bold: true },
    { label: 'Số định danh:', value: clean(person.idNumber) },
    { label: 'Địa chỉ:', value: clean(person.address) },
    { label: 'Số điện thoại:', value: clean(person.phone) },
    { label: 'Thư điện tử:', value: clean(person.email) },
  ];
  return rows.filter((row) => row.value !== '');
}

/** The applicant, then the authorised submitter when there is one. */
export function applicantBlocks(base: DossierFormBase): PdfBlock[] {
  const blocks: PdfBlock[] = [{ kind: 'fields', rows: personRows(base.applicant, 'Tổ chức, cá nhân:') }];
  if (base.authorisedSubmitter) blocks.push({ kind: 'fields', rows: personRows(base.authorisedSubmitter, 'Người được ủy quyền:') });
  return blocks;
}

/** "Đăng ký thường trú (mã thủ tục 1.004222)". */
export function procedureLabel(base: DossierFormBase): string {
  const code = clean(base.procedure.code);
  return code ? `${clean(base.procedure.name)} (mã thủ tục ${code})` : clean(base.procedure.name);
}

/** Who the letter is addressed to: the authorised submitter when there is one (DOMAIN §2.2). */
export function recipientName(base: DossierFormBase): string {
  return clean((base.authorisedSubmitter ?? base.applicant).fullName);
}

/** The desk or agency that speaks in the form's first person. */
export function issuerName(base: DossierFormBase, issuerUnit: boolean): string {
  const unit = clean(base.agency.unitName);
  return issuerUnit && unit ? `${unit} – ${clean(base.agency.name)}` : clean(base.agency.name);
}

export function officerSignature(officer: FormOfficer, defaultRole: string): PdfSignature {
  return { role: upper(clean(officer.title) || defaultRole), note: SIGN_NOTE, name: clean(officer.fullName) };
}

export interface FormBody {
  blocks: PdfBlock[];
  signatures: PdfSignature[];
  /** Intake forms (01–03) are issued by the one-stop desk, letters (04–05) by the agency. */
  issuerUnit: boolean;
}

/** Assembles a form's document spec. @throws RangeError for an unknown form or a bad `issuedAt` */
export function buildFormSpec(kind: DossierFormKind, base: DossierFormBase, body: FormBody): PdfDocumentSpec {
  const form: ResolvedForm = resolveForm(kind, base.instrument);
  const code = clean(base.dossierCode);
  const sentenceTitle = form.title.charAt(0) + form.title.slice(1).toLocaleLowerCase('vi');
  return {
    metadata: {
      title: `${sentenceTitle} – ${code}`,
      subject: `${form.reference}. Hồ sơ ${code}: ${procedureLabel(base)}`,
      author: clean(base.portalName),
      creator: clean(base.portalName),
      creationDate: toInstant(base.issuedAt),
      keywords: [code, form.reference, ...(base.procedure.code ? [clean(base.procedure.code)] : [])],
      language: 'vi-VN',
    },
    reference: form.reference,
    header: formHeader(base, body.issuerUnit),
    title: form.title,
    subtitle: `Mã hồ sơ: ${code}`,
    blocks: body.blocks,
    signatures: body.signatures,
    footer: `${form.reference} · Mã hồ sơ ${code}`,
  };
}
