/** Mẫu số 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (TT 03/2025; "phiếu xin lỗi" in TT 01/2018). */
import { renderDocument, type PdfBlock, type PdfDocumentSpec } from '../../../platform/pdf/pdf.ts';
import type { ExtensionApologyFormInput } from './dossier-forms.types.ts';
import { buildFormSpec, issuerName, officerSignature, procedureLabel, recipientName } from './form-parts.presenter.ts';
import { formatVietnameseDate, formatVietnameseDateTime } from './form-time.presenter.ts';

/** The apology as a document spec; it is addressed to the authorised submitter when there is one. @throws RangeError */
export function buildExtensionApologySpec(input: ExtensionApologyFormInput): PdfDocumentSpec {
  const agency = issuerName(input, false);
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: `Kính gửi: ${recipientName(input)}`, bold: true, align: 'center' },
    {
      kind: 'paragraph',
      text:
        `${formatVietnameseDate(input.receivedAt, { sentenceStart: true })}, ${agency} đã tiếp nhận hồ sơ của ` +
        `${input.applicant.fullName.trim()} đề nghị giải quyết thủ tục ${procedureLabel(input)}, mã hồ sơ ${input.dossierCode.trim()}.`,
    },
    { kind: 'paragraph', text: 'Hồ sơ chưa được giải quyết xong trong thời hạn đã hẹn.', keepWithNext: true },
    { kind: 'fields', labelWidth: 0.42, rows: [{ label: 'Lý do:', value: input.reason }] },
    {
      kind: 'paragraph',
      text: `${agency} trân trọng xin lỗi vì sự chậm trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ như sau:`,
      keepWithNext: true,
    },
    {
      kind: 'fields',
      labelWidth: 0.42,
      rows: [
        { label: 'Thời gian hẹn trả kết quả trước đây:', value: formatVietnameseDateTime(input.previousAppointmentAt) },
        { label: 'Thời gian hẹn trả kết quả mới:', value: formatVietnameseDateTime(input.newAppointmentAt), bold: true },
      ],
    },
    { kind: 'paragraph', text: `${agency} rất mong nhận được sự thông cảm của tổ chức, cá nhân.` },
  ];
  return buildFormSpec('extension_apology', input, {
    blocks,
    signatures: [officerSignature(input.officer, 'Thủ trưởng cơ quan')],
    issuerUnit: false,
  });
}

/** Renders Mẫu số 04 to PDF bytes. @throws RangeError for a bad time or an unknown form */
export async function renderExtensionApologyPdf(input: ExtensionApologyFormInput): Promise<Uint8Array> {
  return renderDocument(buildExtensionApologySpec(input));
}
