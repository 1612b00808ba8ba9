/**
 * What an answer error tells the person, in Vietnamese and English, built around the field's label
 * (GOV.UK style: say what to do, e.g. "Nhập ngày sinh"). Pure.
 */
import type { Localized } from './service-config.types.ts';

export const ANSWER_ERROR_CODES = [
  'required',
  'invalid',
  'too_short',
  'too_long',
  'pattern',
  'not_a_number',
  'not_integer',
  'too_small',
  'too_large',
  'invalid_date',
  'date_in_future',
  'invalid_choice',
  'invalid_id_number',
  'invalid_phone',
  'invalid_email',
  'province_required',
  'commune_required',
  'commune_unknown',
  'too_few_items',
  'too_many_items',
  'case_required',
  'case_unknown',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

/** "Họ và tên" → "họ và tên", but "CCCD" stays "CCCD". */
function lowerFirst(text: string): string {
  const [first = '', second = ''] = [...text];
  return second && second === second.toUpperCase() && second !== second.toLowerCase() ? text : first.toLowerCase() + text.slice(first.length);
}

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Params = { n?: number | string; kind?: string };

const TEXTS: Record<AnswerErrorCode, (l: { vi: string; en: string; Vi: string; En: string }, p: Params) => Localized> = {
  required: (l, p) =>
    p.kind === 'choice' ? { vi: `Chọn ${l.vi}`, en: `Select ${l.en}` } : { vi: `Nhập ${l.vi}`, en: `Enter ${l.en}` },
  invalid: (l) => ({ vi: `${l.Vi} không hợp lệ`, en: `${l.En} is not valid` }),
  too_short: (l, p) => ({ vi: `${l.Vi} phải có ít nhất ${p.n} ký tự`, en: `${l.En} must be ${p.n} characters or more` }),
  too_long: (l, p) => ({ vi: `${l.Vi} không được dài quá ${p.n} ký tự`, en: `${l.En} must be ${p.n} characters or fewer` }),
  pattern: (l) => ({ vi: `${l.Vi} không đúng định dạng`, en: `${l.En} is not in the right format` }),
  not_a_number: (l) => ({ vi: `${l.Vi} phải là một số`, en: `${l.En} must be a number` }),
  not_integer: (l) => ({ vi: `${l.Vi} phải là số nguyên`, en: `${l.En} must be a whole number` }),
  too_small: (l, p) => ({ vi: `${l.Vi} phải từ ${p.n} trở lên`, en: `${l.En} must be ${p.n} or more` }),
  too_large: (l, p) => ({ vi: `${l.Vi} không được lớn hơn ${p.n}`, en: `${l.En} must be ${p.n} or less` }),
  invalid_date: (l) => ({ vi: `${l.Vi} phải là một ngày có thật, dạng năm-tháng-ngày (ví dụ 2001-09-27)`, en: `${l.En} must be a real date, as year-month-day (for example 2001-09-27)` }),
  date_in_future: (l) => ({ vi: `${l.Vi} phải là hôm nay hoặc một ngày đã qua`, en: `${l.En} must be today or in the past` }),
  invalid_choice: (l) => ({ vi: `Chọn ${l.vi} trong danh sách`, en: `Select ${l.en} from the list` }),
  invalid_id_number: (l) => ({ vi: `${l.Vi} phải là số định danh cá nhân hợp lệ gồm 12 chữ số`, en: `${l.En} must be a valid 12-digit personal identification number` }),
  invalid_phone: (l) => ({ vi: `${l.Vi} phải là số điện thoại Việt Nam, ví dụ 0912345678 hoặc 02439876543`, en: `${l.En} must be a Vietnamese phone number, like 0912345678 or 02439876543` }),
  invalid_email: (l) => ({ vi: `${l.Vi} phải có dạng ten@example.vn`, en: `${l.En} must be an email address, like name@example.vn` }),
  province_required: (l) => ({ vi: `Chọn tỉnh, thành phố của ${l.vi}`, en: `Select the province of the ${l.en}` }),
  commune_required: (l) => ({ vi: `Chọn xã, phường của ${l.vi}`, en: `Select the commune of the ${l.en}` }),
  commune_unknown: (l) => ({ vi: `Xã, phường của ${l.vi} không thuộc tỉnh, thành phố đã chọn`, en: `The commune of the ${l.en} is not in the selected province` }),
  too_few_items: (l, p) => ({ vi: `${l.Vi} cần ít nhất ${p.n} mục`, en: `${l.En} needs at least ${p.n} items` }),
  too_many_items: (l, p) => ({ vi: `${l.Vi} có tối đa ${p.n} mục`, en: `${l.En} can have at most ${p.n} items` }),
  case_required: () => ({ vi: 'Chọn trường hợp của bạn', en: 'Select the case that applies to you' }),
  case_unknown: () => ({ vi: 'Trường hợp đã chọn không có trong dịch vụ này', en: 'The selected case is not part of this service' }),
};

/** The message for `code` about the field labelled `label`. */
export function answerMessage(code: AnswerErrorCode, label: Localized, params: Params = {}): Localized {
  const vi = lowerFirst(label.vi);
  const en = lowerFirst(label.en);
  return TEXTS[code]({ vi, en, Vi: upperFirst(label.vi), En: upperFirst(label.en) }, params);
}
