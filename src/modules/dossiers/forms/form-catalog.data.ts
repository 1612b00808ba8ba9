/**
 * The form sets of the one-stop instruments (DOMAIN.md §3.2). Numbering and titles are data so a
 * dossier can print the set that was in force when it was received.
 */
import type { DossierFormKind, FormDefinition, FormInstrument, InstrumentForms } from './dossier-forms.types.ts';

export const DEFAULT_FORM_INSTRUMENT: FormInstrument = 'TT03_2025';

export const FORM_INSTRUMENTS = {
  // Decree 61/2018 era; forms 05–06 there are the control sheet and the register, not letters.
  TT01_2018: {
    citation: 'Thông tư 01/2018/TT-VPCP',
    forms: {
      receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
      supplement_request: { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' },
      refusal: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' },
      extension_apology: { number: '04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' },
    },
  },
  // Decree 118/2025 era, Appendix I; forms 06–07 are the control sheet and the register.
  TT03_2025: {
    citation: 'Thông tư 03/2025/TT-VPCP',
    forms: {
      receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
      supplement_request: { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' },
      refusal: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' },
      extension_apology: { number: '04', title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT' },
      processing_stop: { number: '05', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' },
    },
  },
} as const satisfies Record<FormInstrument, InstrumentForms>;

export interface ResolvedForm extends FormDefinition {
  instrument: FormInstrument;
  citation: string;
  /** "Mẫu số 01 – Thông tư 03/2025/TT-VPCP". */
  reference: string;
}

/**
 * The number, title and citation of a form under an instrument.
 * @throws RangeError when the instrument has no such form (TT 01/2018 has no stop notice).
 */
export function resolveForm(kind: DossierFormKind, instrument: FormInstrument = DEFAULT_FORM_INSTRUMENT): ResolvedForm {
  const set: InstrumentForms = FORM_INSTRUMENTS[instrument];
  const form = set.forms[kind];
  if (!form) throw new RangeError(`${set.citation} has no "${kind}" form`);
  return { ...form, instrument, citation: set.citation, reference: `Mẫu số ${form.number} – ${set.citation}` };
}
