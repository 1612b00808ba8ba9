/** Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
import { renderDocument, type PdfBlock, type PdfDocumentSpec } from '../../../platform/pdf/pdf.ts';
import type { RefusalFormInput } from './dossier-forms.types.ts';
import { applicantBlocks, buildFormSpec, issuerName, officerSignature, procedureLabel } from './form-parts.presenter.ts';
import { formatVietnameseDate } from './form-time.presenter.ts';

/** The refusal as a document spec. @throws RangeError for a bad time or an unknown form */
export function buildRefusalSpec(input: RefusalFormInput): PdfDocumentSpec {
  const issuer = issuerName(input, true);
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      text: `${formatVietnameseDate(input.receivedAt, { sentenceStart: true })}, ${issuer} đã tiếp nhận hồ sơ của:`,
      keepWithNext: true,
    },
    ...applicantBlocks(input),
    { kind: 'fields', rows: [{ label: 'Thủ tục:', value: procedureLabel(input) }] },
    { kind: 'paragraph', text: 'Hồ sơ không đủ điều kiện tiếp nhận, giải quyết vì các lý do sau:', keepWithNext: true },
    { kind: 'list', style: 'numbered', items: input.reasons },
  ];
  if (input.legalBasis) blocks.push({ kind: 'paragraph', text: `Căn cứ: ${input.legalBasis}` });
  blocks.push({ kind: 'paragraph', text: `${issuer} xin thông báo để tổ chức, cá nhân được biết.` });
  return buildFormSpec('refusal', input, {
    blocks,
    signatures: [officerSignature(input.officer, 'Người tiếp nhận hồ sơ')],
    issuerUnit: true,
  });
}

/** Renders Mẫu số 03 to PDF bytes. @throws RangeError for a bad time or an unknown form */
export async function renderRefusalPdf(input: RefusalFormInput): Promise<Uint8Array> {
  return renderDocument(buildRefusalSpec(input));
}
