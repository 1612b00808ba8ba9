/** Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
import { renderDocument, type PdfBlock, type PdfDocumentSpec, type PdfFieldRow, type PdfSignature } from '../../../platform/pdf/pdf.ts';
import type { ReceiptFormInput, ReceivedDocument } from './dossier-forms.types.ts';
import { applicantBlocks, buildFormSpec, CHANNEL_LABELS, issuerName, officerSignature, procedureLabel, SIGN_NOTE } from './form-parts.presenter.ts';
import { formatVietnameseDateTime } from './form-time.presenter.ts';

/** Printed instead of an officer's name when the portal received the dossier by itself. */
export const ONLINE_INTAKE_SIGNATORY = 'Hệ thống tiếp nhận trực tuyến';

/** "1 bản chính, 2 bản sao" or "Tệp: to-khai.pdf". */
export function describeReceivedDocument(doc: ReceivedDocument): string {
  const parts: string[] = [];
  if (doc.originals) parts.push(`${doc.originals} bản chính`);
  if (doc.copies) parts.push(`${doc.copies} bản sao`);
  if (doc.fileName) parts.push(`Tệp: ${doc.fileName}`);
  return parts.join(', ') || '—';
}

function timeRows(input: ReceiptFormInput): PdfFieldRow[] {
  const rows: PdfFieldRow[] = [{ label: 'Thời gian nhận hồ sơ:', value: formatVietnameseDateTime(input.receivedAt) }];
  if (input.processingTime) rows.push({ label: 'Thời hạn giải quyết:', value: input.processingTime });
  rows.push(
    { label: 'Thời gian hẹn trả kết quả:', value: formatVietnameseDateTime(input.appointmentAt), bold: true },
    { label: 'Nơi nhận kết quả:', value: input.resultDelivery },
  );
  return rows.map((row, i) => ({ ...row, label: `${i + 2}. ${row.label}` }));
}

function signatures(input: ReceiptFormInput): PdfSignature[] {
  const receiver = input.officer
    ? officerSignature(input.officer, 'Người tiếp nhận hồ sơ')
    : { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: ONLINE_INTAKE_SIGNATORY };
  if (input.channel !== 'in_person') return [receiver];
  const submitter = input.authorisedSubmitter ?? input.applicant;
  return [{ role: 'NGƯỜI NỘP HỒ SƠ', note: SIGN_NOTE, name: submitter.fullName }, receiver];
}

/** The receipt as a document spec. @throws RangeError for a bad time or an unknown form */
export function buildReceiptSpec(input: ReceiptFormInput): PdfDocumentSpec {
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: `${issuerName(input, true)} tiếp nhận hồ sơ của:`, keepWithNext: true },
    ...applicantBlocks(input),
    {
      kind: 'fields',
      rows: [
        { label: 'Thủ tục:', value: procedureLabel(input) },
        { label: 'Kênh nộp hồ sơ:', value: CHANNEL_LABELS[input.channel] },
      ],
    },
    { kind: 'heading', text: '1. Thành phần hồ sơ đã nhận:' },
    {
      kind: 'table',
      columns: [
        { header: 'STT', width: 1, align: 'center' },
        { header: 'Tên giấy tờ', width: 6.5 },
        { header: 'Hình thức', width: 3 },
      ],
      rows: input.documents.map((doc, i) => [String(i + 1), doc.name, describeReceivedDocument(doc)]),
    },
    { kind: 'fields', rows: timeRows(input), labelWidth: 0.42 },
    { kind: 'paragraph', text: `Tra cứu hồ sơ tại ${input.trackingUrl}` },
  ];
  return buildFormSpec('receipt', input, { blocks, signatures: signatures(input), issuerUnit: true });
}

/** Renders Mẫu số 01 to PDF bytes. @throws RangeError for a bad time or an unknown form */
export async function renderReceiptPdf(input: ReceiptFormInput): Promise<Uint8Array> {
  return renderDocument(buildReceiptSpec(input));
}

