import { describe, expect, it } from 'vitest';
import type { DossierFormKind } from './dossier-forms.types.ts';
import { DEFAULT_FORM_INSTRUMENT, FORM_INSTRUMENTS, resolveForm } from './form-catalog.data.ts';

const KINDS: DossierFormKind[] = ['receipt', 'supplement_request', 'refusal', 'extension_apology', 'processing_stop'];

describe('form catalog', () => {
  it('numbers the TT 03/2025 letters 01–05 in DOMAIN §3.2 order by default', () => {
    expect(DEFAULT_FORM_INSTRUMENT).toBe('TT03_2025');
    expect(KINDS.map((k) => resolveForm(k).number)).toEqual(['01', '02', '03', '04', '05']);
    expect(resolveForm('extension_apology').title).toBe('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(resolveForm('processing_stop').reference).toBe('Mẫu số 05 – Thông tư 03/2025/TT-VPCP');
  });

  it('keeps the TT 01/2018 titles, which have no stop notice', () => {
    expect(resolveForm('extension_apology', 'TT01_2018')).toMatchObject({ number: '04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', reference: 'Mẫu số 04 – Thông tư 01/2018/TT-VPCP' });
    expect(() => resolveForm('processing_stop', 'TT01_2018')).toThrow(RangeError);
  });

  it('writes every title in NFC upper case', () => {
    for (const set of Object.values(FORM_INSTRUMENTS)) {
      for (const form of Object.values(set.forms)) {
        expect(form.title).toBe(form.title.normalize('NFC').toLocaleUpperCase('vi'));
      }
    }
  });
});
