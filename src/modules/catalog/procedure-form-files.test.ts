import { describe, expect, it } from 'vitest';
import type { ParseWarning } from './procedure.types.ts';
import { splitFormFiles } from './procedure-form-files.ts';

const split = (t: string) => {
  const r = splitFormFiles(t, []);
  return [r.name, r.formFiles];
};

describe('splitFormFiles', () => {
  it('finds where the form file starts', () => {
    expect(split('Phiếu khai báo tạm trú (mẫu NA17)101-Mau A17 tam tru.doc')).toEqual([
      'Phiếu khai báo tạm trú (mẫu NA17)',
      ['101-Mau A17 tam tru.doc'],
    ]);
    expect(split('theo Mẫu số 09 của Chính phủMẫu số 09.docx')).toEqual(['theo Mẫu số 09 của Chính phủ', ['Mẫu số 09.docx']]);
    expect(split('ban hành ngày 30/6/2023.NA5.doc')).toEqual(['ban hành ngày 30/6/2023.', ['NA5.doc']]);
    expect(split('Bản khai (Mẫu số 04 từ trần).Mẫu 04.TT41.doc')).toEqual(['Bản khai (Mẫu số 04 từ trần).', ['Mẫu 04.TT41.doc']]);
    expect(split('Thông báo tàu rời cảng theo mẫu;MauThongbaotauroicang.docx')).toEqual([
      'Thông báo tàu rời cảng theo mẫu;',
      ['MauThongbaotauroicang.docx'],
    ]);
    expect(split('Hồ sơ công trình đường sắt.2.3. Tong hop.docx')).toEqual(['Hồ sơ công trình đường sắt.', ['2.3. Tong hop.docx']]);
  });

  it('splits several files glued together', () => {
    expect(split('Đơn theo Phụ lục I, Nghị định số 23/2026/NĐ-CPMau42.docxMau46.docx')).toEqual([
      'Đơn theo Phụ lục I, Nghị định số 23/2026/NĐ-CP',
      ['Mau42.docx', 'Mau46.docx'],
    ]);
  });

  it('leaves names without a file alone and reports an unplaceable file', () => {
    expect(split('Bản sao giấy khai sinh')).toEqual(['Bản sao giấy khai sinh', []]);
    const sink: ParseWarning[] = [];
    expect(splitFormFiles('báo cáo.pdf', sink).formFiles).toEqual([]);
    expect(sink.map((w) => w.kind)).toEqual(['form_file_boundary_unknown']);
  });
});
