import { describe, expect, it } from 'vitest';
import type { ParseWarning } from './procedure.types.ts';
import { parseDocuments } from './procedure-documents.parser.ts';

const H = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

describe('parseDocuments', () => {
  it('reads one row with a form file and a quantity (DOMAIN 15.2 example 1)', () => {
    expect(parseDocuments(`--${H}Văn bản đề nghị hủy tài khoản điện tử (NA20).Mau NA20-BCA.docx1 bản chính`, [])).toEqual([
      {
        caseName: null,
        documents: [
          {
            name: 'Văn bản đề nghị hủy tài khoản điện tử (NA20).',
            formFiles: ['Mau NA20-BCA.docx'],
            formText: 'Mau NA20-BCA.docx',
            quantity: { original: 1, copy: 0 },
            quantityText: '1 bản chính',
          },
        ],
      },
    ]);
  });

  it('groups rows under case headings and ignores numbers inside names', () => {
    const groups = parseDocuments(
      `Trường hợp người chưa đủ 14 tuổi${H}Tờ khai ký thay.1 bản chính--${H}Đơn đề nghị (mẫu M03b) ban hành ngày 01/7/2025 của Chính phủ.1 bản chính,2 bản saoGiấy tờ khác: 01 bản chính1 bản chính`,
      [],
    );
    expect(groups.map((g) => [g.caseName, g.documents.map((d) => [d.name, d.quantity])])).toEqual([
      ['Trường hợp người chưa đủ 14 tuổi', [['Tờ khai ký thay.', { original: 1, copy: 0 }]]],
      [
        null,
        [
          ['Đơn đề nghị (mẫu M03b) ban hành ngày 01/7/2025 của Chính phủ.', { original: 1, copy: 2 }],
          ['Giấy tờ khác: 01 bản chính', { original: 1, copy: 0 }],
        ],
      ],
    ]);
  });

  it('takes only the last digit when the quantity runs on from a number in the name', () => {
    const sink: ParseWarning[] = [];
    const [group] = parseDocuments(`--${H}Đơn theo Mẫu số 181 bản chính,1 bản saoBản vẽ1 bản chính`, sink);
    expect(group?.documents.map((d) => [d.name, d.quantity])).toEqual([
      ['Đơn theo Mẫu số 18', { original: 1, copy: 1 }],
      ['Bản vẽ', { original: 1, copy: 0 }],
    ]);
    expect(sink.map((w) => w.kind)).toEqual(['quantity_digits_split']);
  });

  it('keeps a trailing row without quantity and reports it', () => {
    const sink: ParseWarning[] = [];
    const [group] = parseDocuments(`--${H}Đơn1 bản chính- Ghi chú cuối`, sink);
    expect(group?.documents.at(-1)).toMatchObject({ name: '- Ghi chú cuối', quantity: null, quantityText: null });
    expect(sink.map((w) => w.kind)).toEqual(['document_without_quantity']);
  });

  it('returns no groups for an empty cell', () => {
    expect(parseDocuments('--', [])).toEqual([]);
    expect(parseDocuments('', [])).toEqual([]);
  });
});
