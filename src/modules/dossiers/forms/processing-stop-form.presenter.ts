/** Mẫu số 05 (TT 03/2025): Thông báo dừng giải quyết hồ sơ. */
import { renderDocument, type PdfBlock, type PdfDocumentSpec } from '../../../platform/pdf/pdf.ts';
import type { ProcessingStopFormInput } from './dossier-forms.types.ts';
import { applicantBlocks, buildFormSpec, issuerName, officerSignature, procedureLabel, recipientName } from './form-parts.presenter.ts';
import { formatVietnameseDate } from './form-time.presenter.ts';

/**
 * The stop notice as a document spec.
 * @throws RangeError for a bad time, or under TT 01/2018, which has no such form
 */
export function buildProcessingStopSpec(input: ProcessingStopFormInput): PdfDocumentSpec {
  const agency = issuerName(input, false);
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: `Kính gửi: ${recipientName(input)}`, bold: true, align: 'center' },
    {
      kind: 'paragraph',
      text: `${formatVietnameseDate(input.receivedAt, { sentenceStart: true })}, ${agency} đã tiếp nhận hồ sơ của:`,
      keepWithNext: true,
    },
    ...applicantBlocks(input),
    { kind: 'fields', rows: [{ label: 'Thủ tục:', value: procedureLabel(input) }] },
    { kind: 'paragraph', text: `${agency} thông báo dừng giải quyết hồ sơ vì các lý do sau:`, keepWithNext: true },
    { kind: 'list', style: 'numbered', items: input.reasons },
  ];
  if (input.legalBasis) blocks.push({ kind: 'paragraph', text: `Căn cứ: ${input.legalBasis}` });
  if (input.guidance) blocks.push({ kind: 'paragraph', text: input.guidance });
  return buildFormSpec('processing_stop', input, {
    blocks,
    signatures: [officerSignature(input.officer, 'Thủ trưởng cơ quan')],
    issuerUnit: false,
  });
}

/** Renders Mẫu số 05 to PDF bytes. @throws RangeError for a bad time or under TT 01/2018 */
export async function renderProcessingStopPdf(input: ProcessingStopFormInput): Promise<Uint8Array> {
  return renderDocument(buildProcessingStopSpec(input));
}
