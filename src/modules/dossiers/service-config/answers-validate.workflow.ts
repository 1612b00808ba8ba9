/**
 * Checks a citizen's answers against a service's form: trims and NFC-normalises text, checks each
 * kind, drops fields whose condition hides them, walks repeatable groups, and checks the chosen case.
 * Pure and total: any input gives answers or a list of errors naming real fields; it never throws.
 */
import { normaliseEmail, normalisePhone, readIdNumber } from '../../identity/index.ts';
import { answerMessage, type AnswerErrorCode } from './answer-errors.messages.ts';
import { answersFromForm, isFlatForm, type AddressAnswer, type Answers, type GroupItemAnswers, type ScalarAnswer } from './answers-form.workflow.ts';
import type { FormField, GroupField, Localized, ScalarField, ServiceDefinition } from './service-config.types.ts';

/** The 2025 administrative units, synchronous so validation stays pure (see createCommuneLookup). */
export interface CommuneLookup {
  communeExists(provinceCode: string, communeCode: string): boolean;
}

export interface AnswerOptions {
  /** The case (trường hợp) the citizen picked; needed when the service has several. */
  caseKey?: string | null;
  /** Today in Vietnam (yyyy-mm-dd), for dates that may not be in the future. */
  today: string;
  /** Without it, addresses are checked for the shape of their codes only. */
  units?: CommuneLookup;
}

export interface AnswerError {
  /** Where: `key`, `address_key.communeCode`, `group_key[1].child_key`, or `$case`. */
  field: string;
  code: AnswerErrorCode;
  message: Localized;
}

export type AnswerCheck = { ok: true; answers: Answers; caseKey: string } | { ok: false; errors: AnswerError[] };

/** The error path of the case choice (not a form field; keys never start with $). */
export const CASE_FIELD = '$case';

const TEXT_MAX = { text: 500, textarea: 5000 } as const;
const STREET_MAX = 200;
// C0 controls other than tab and newline, and DEL: never part of a real answer.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

type Values = ReadonlyMap<string, ScalarAnswer>;
type Result = { value?: ScalarAnswer; error?: { code: AnswerErrorCode; at?: string; n?: number | string } };

/** Validates `raw` (nested JSON or a flat form body) against `definition`. Never throws. */
export function validateAnswers(definition: ServiceDefinition, raw: unknown, options: AnswerOptions): AnswerCheck {
  const errors: AnswerError[] = [];
  const source = isFlatForm(raw) ? answersFromForm(definition, raw) : isRecord(raw) ? raw : {};
  const answers: Answers = {};
  const top = new Map<string, ScalarAnswer>();
  for (const field of definition.form) {
    if (!shown(field, [top])) continue;
    if (field.kind === 'group') {
      const items = checkGroup(field, own(source, field.key), top, options, errors);
      if (items && items.length > 0) answers[field.key] = items;
      continue;
    }
    const value = checkInto(field, own(source, field.key), field.key, options, errors);
    if (value !== undefined) {
      answers[field.key] = value;
      top.set(field.key, value);
    }
  }
  const caseKey = checkCase(definition, options.caseKey, errors);
  return errors.length > 0 || caseKey === null ? { ok: false, errors } : { ok: true, answers, caseKey };
}

/** Own properties only: a field keyed "constructor" must not read Object.prototype's. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field with a condition is shown when the nearest earlier field of that key has that value. */
function shown(field: FormField, scopes: readonly Values[]): boolean {
  if (!field.showIf) return true;
  for (const scope of scopes) {
    if (scope.has(field.showIf.field)) return scope.get(field.showIf.field) === field.showIf.equals;
  }
  return false;
}

function checkInto(field: ScalarField, raw: unknown, path: string, options: AnswerOptions, errors: AnswerError[]): ScalarAnswer | undefined {
  const result = checkScalar(field, raw, options);
  if (result.error) {
    errors.push({ field: result.error.at ? `${path}.${result.error.at}` : path, code: result.error.code, message: answerMessage(result.error.code, field.label, { n: result.error.n, kind: field.kind }) });
    return undefined;
  }
  return result.value;
}

function checkGroup(group: GroupField, raw: unknown, top: Values, options: AnswerOptions, errors: AnswerError[]): GroupItemAnswers[] | undefined {
  const fail = (code: AnswerErrorCode, n?: number) => errors.push({ field: group.key, code, message: answerMessage(code, group.label, { n }) });
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    fail('invalid');
    return undefined;
  }
  const list = (raw ?? []) as unknown[];
  if (list.length < group.minItems) fail('too_few_items', group.minItems);
  if (list.length > group.maxItems) fail('too_many_items', group.maxItems);
  return list.slice(0, group.maxItems).map((item, index) => {
    const values = isRecord(item) ? item : {};
    const siblings = new Map<string, ScalarAnswer>();
    const out: GroupItemAnswers = {};
    for (const field of group.fields) {
      if (!shown(field, [siblings, top])) continue;
      const value = checkInto(field, own(values, field.key), `${group.key}[${index}].${field.key}`, options, errors);
      if (value !== undefined) {
        out[field.key] = value;
        siblings.set(field.key, value);
      }
    }
    return out;
  });
}

function checkCase(definition: ServiceDefinition, given: string | null | undefined, errors: AnswerError[]): string | null {
  const fail = (code: AnswerErrorCode) => {
    errors.push({ field: CASE_FIELD, code, message: answerMessage(code, { vi: '', en: '' }) });
    return null;
  };
  const only = definition.cases.length === 1 ? definition.cases[0]!.key : null;
  if (given === undefined || given === null || given === '') return only ?? fail('case_required');
  return definition.cases.some((c) => c.key === given) ? given : fail('case_unknown');
}

/** NFC, no control characters, trimmed; inner whitespace collapsed except in multi-line text. */
function cleanAnswer(value: string, multiline: boolean): string {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '');
  return (multiline ? text : text.replace(/\s+/g, ' ')).trim();
}

function asText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

function checkScalar(field: ScalarField, raw: unknown, options: AnswerOptions): Result {
  if (field.kind === 'address') return checkAddress(field.required, raw, options.units);
  if (field.kind === 'date' && isRecord(raw)) raw = dateFromParts(raw);
  if (raw === undefined || raw === null) return field.required ? { error: { code: 'required' } } : {};
  const text = asText(raw);
  if (text === null) return { error: { code: 'invalid' } };
  const value = cleanAnswer(text, field.kind === 'textarea');
  if (value === '') return field.required ? { error: { code: 'required' } } : {};
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return checkText(field, value);
    case 'number':
      return checkNumber(field, value);
    case 'date':
      return checkDate(value, field.notInFuture === true, options.today);
    case 'choice':
      return field.options.some((o) => o.value === value) ? { value } : { error: { code: 'invalid_choice' } };
    case 'citizen_id': {
      const digits = value.replace(/[\s.]/g, '');
      return readIdNumber(digits) ? { value: digits } : { error: { code: 'invalid_id_number' } };
    }
    case 'phone': {
      const phone = normalisePhone(value) ?? normaliseLandline(value);
      return phone ? { value: phone } : { error: { code: 'invalid_phone' } };
    }
    case 'email': {
      const email = normaliseEmail(value);
      return email ? { value: email } : { error: { code: 'invalid_email' } };
    }
  }
}

function checkText(field: Extract<ScalarField, { kind: 'text' | 'textarea' }>, value: string): Result {
  const length = [...value].length;
  const max = Math.min(field.maxLength ?? TEXT_MAX[field.kind], 10_000);
  if (length > max) return { error: { code: 'too_long', n: max } };
  if (field.minLength !== undefined && length < field.minLength) return { error: { code: 'too_short', n: field.minLength } };
  if (field.pattern !== undefined && !matches(field.pattern, value)) return { error: { code: 'pattern' } };
  return { value };
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return false; // publishing rejects such patterns; a stored one fails closed
  }
}

function checkNumber(field: Extract<ScalarField, { kind: 'number' }>, value: string): Result {
  // A decimal comma is how Vietnamese write 2,5; thousands separators are ambiguous and refused.
  if (!/^[+-]?\d{1,15}(?:[.,]\d{1,6})?$/.test(value)) return { error: { code: 'not_a_number' } };
  const n = Number(value.replace(',', '.'));
  if (field.integer && !Number.isInteger(n)) return { error: { code: 'not_integer' } };
  if (field.min !== undefined && n < field.min) return { error: { code: 'too_small', n: field.min } };
  if (field.max !== undefined && n > field.max) return { error: { code: 'too_large', n: field.max } };
  return { value: n };
}

function dateFromParts(parts: Record<string, unknown>): string | undefined {
  const [y, m, d] = (['year', 'month', 'day'] as const).map((k) => (asText(own(parts, k)) ?? '').trim());
  if (!y && !m && !d) return undefined;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

function checkDate(value: string, notInFuture: boolean, today: string): Result {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { error: { code: 'invalid_date' } };
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { error: { code: 'invalid_date' } };
  if (notInFuture && value > today) return { error: { code: 'date_in_future' } };
  return { value };
}

/** Fixed lines since the 2017 area-code change: 02 + area + subscriber, 11 digits. */
function normaliseLandline(input: string): string | null {
  const compact = input.normalize('NFKC').replace(/[\s.\-()]/g, '');
  const national = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact.startsWith('84') && compact.length === 12 ? `0${compact.slice(2)}` : compact;
  return /^02\d{9}$/.test(national) ? national : null;
}

function checkAddress(required: boolean, raw: unknown, units: CommuneLookup | undefined): Result {
  if (raw !== undefined && raw !== null && !isRecord(raw)) return { error: { code: 'invalid' } };
  const parts = isRecord(raw) ? raw : {};
  const [province, commune, streetRaw] = (['provinceCode', 'communeCode', 'street'] as const).map((k) => {
    const part = own(parts, k);
    const text = asText(part);
    return text === null ? (part === undefined || part === null ? '' : null) : cleanAnswer(text, false);
  });
  if (province === null || commune === null || streetRaw === null) return { error: { code: 'invalid' } };
  if (!province && !commune && !streetRaw && !required) return {};
  if (!/^\d{2}$/.test(province!)) return { error: { code: 'province_required', at: 'provinceCode' } };
  if (!/^\d{5}$/.test(commune!)) return { error: { code: 'commune_required', at: 'communeCode' } };
  if (units && !safeExists(units, province!, commune!)) return { error: { code: 'commune_unknown', at: 'communeCode' } };
  if ([...streetRaw!].length > STREET_MAX) return { error: { code: 'too_long', at: 'street', n: STREET_MAX } };
  const value: AddressAnswer = { provinceCode: province!, communeCode: commune!, street: streetRaw || null };
  return { value };
}

function safeExists(units: CommuneLookup, province: string, commune: string): boolean {
  try {
    return units.communeExists(province, commune);
  } catch {
    return false;
  }
}
