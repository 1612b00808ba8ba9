/** Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — everything missing, in one request. */
import { renderDocument, type PdfBlock, type PdfDocumentSpec } from '../../../platform/pdf/pdf.ts';
import type { SupplementRequestFormInput } from './dossier-forms.types.ts';
import { applicantBlocks, buildFormSpec, issuerName, officerSignature, procedureLabel } from './form-parts.presenter.ts';
import { formatVietnameseDate, formatVietnameseDateTime } from './form-time.presenter.ts';

/** The request as a document spec. @throws RangeError for a bad time or an unknown form */
export function buildSupplementRequestSpec(input: SupplementRequestFormInput): PdfDocumentSpec {
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      text: `${formatVietnameseDate(input.receivedAt, { sentenceStart: true })}, ${issuerName(input, true)} đã tiếp nhận hồ sơ của:`,
      keepWithNext: true,
    },
    ...applicantBlocks(input),
    { kind: 'fields', rows: [{ label: 'Thủ tục:', value: procedureLabel(input) }] },
    { kind: 'paragraph', text: 'Sau khi xem xét, đề nghị bổ sung, hoàn thiện hồ sơ với các nội dung sau:', keepWithNext: true },
    {
      kind: 'table',
      columns: [
        { header: 'STT', width: 1, align: 'center' },
        { header: 'Nội dung cần bổ sung, hoàn thiện', width: 5 },
        { header: 'Lý do', width: 4.5 },
      ],
      rows: input.items.map((item, i) => [String(i + 1), item.item, item.reason]),
    },
    {
      kind: 'fields',
      labelWidth: 0.42,
      rows: [{ label: 'Hạn bổ sung, hoàn thiện hồ sơ:', value: formatVietnameseDateTime(input.deadlineAt), bold: true }],
    },
  ];
  if (input.howToSubmit) blocks.push({ kind: 'paragraph', text: `Hình thức nộp bổ sung: ${input.howToSubmit}` });
  if (input.contact) blocks.push({ kind: 'paragraph', text: `Nếu có vướng mắc, đề nghị liên hệ ${input.contact} để được hướng dẫn.` });
  blocks.push({ kind: 'paragraph', text: 'Xin trân trọng cảm ơn!' });
  return buildFormSpec('supplement_request', input, {
    blocks,
    signatures: [officerSignature(input.officer, 'Người hướng dẫn')],
    issuerUnit: true,
  });
}

/** Renders Mẫu số 02 to PDF bytes. @throws RangeError for a bad time or an unknown form */
export async function renderSupplementRequestPdf(input: SupplementRequestFormInput): Promise<Uint8Array> {
  return renderDocument(buildSupplementRequestSpec(input));
}
