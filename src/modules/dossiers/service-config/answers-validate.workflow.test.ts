import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersFromForm, prefillAnswers } from './answers-form.workflow.ts';
import { CASE_FIELD, validateAnswers, type AnswerOptions } from './answers-validate.workflow.ts';
import { checkServiceDefinition } from './service-check.workflow.ts';
import { APPLICANT_FIELDS } from './service-generate.workflow.ts';
import type { FormField, ServiceDefinition } from './service-config.types.ts';

const L = (vi: string, en: string) => ({ vi, en });
const COMMUNES = new Set(['01/00004', '01/00008', '79/26734']);
const options: AnswerOptions = { today: '2026-03-15', units: { communeExists: (p, c) => COMMUNES.has(`${p}/${c}`) } };

/** A form with every kind, a condition, and a repeatable group with its own condition. */
const FORM: FormField[] = [
  ...APPLICANT_FIELDS,
  { kind: 'choice', key: 'relationship', label: L('Quan hệ với người được khai', 'Relationship'), required: true, display: 'radios', options: [{ value: 'parent', label: L('Cha, mẹ', 'Parent') }, { value: 'other', label: L('Khác', 'Other') }] },
  { kind: 'text', key: 'relationship_other', label: L('Quan hệ khác', 'Other relationship'), required: true, showIf: { field: 'relationship', equals: 'other' }, maxLength: 50 },
  { kind: 'number', key: 'household_size', label: L('Số người trong hộ', 'People in the household'), required: false, min: 1, max: 30, integer: true },
  { kind: 'text', key: 'tax_code', label: L('Mã số thuế', 'Tax code'), required: false, pattern: '\\d{10}(-\\d{3})?' },
  {
    kind: 'group',
    key: 'children',
    label: L('Con', 'Children'),
    minItems: 1,
    maxItems: 3,
    fields: [
      { kind: 'text', key: 'full_name', label: L('Họ và tên', 'Full name'), required: true, maxLength: 60 },
      { kind: 'date', key: 'birth_date', label: L('Ngày sinh', 'Date of birth'), required: true, notInFuture: true },
      { kind: 'choice', key: 'schooling', label: L('Đang đi học', 'At school'), required: true, display: 'select', options: [{ value: 'yes', label: L('Có', 'Yes') }, { value: 'no', label: L('Không', 'No') }] },
      { kind: 'text', key: 'school', label: L('Trường', 'School'), required: true, showIf: { field: 'schooling', equals: 'yes' } },
    ],
  },
];

const DEFINITION: ServiceDefinition = {
  schemaVersion: 1,
  procedureName: 'Thử nghiệm',
  form: FORM,
  cases: [{ key: 'chung', name: null }, { key: 'uy_quyen', name: 'Trường hợp ủy quyền' }],
  documents: [],
  fees: [],
  durations: [],
  steps: [{ key: 'approve', name: L('Phê duyệt', 'Approve'), role: 'approver', budgetHours: 8 }],
  onlineLevel: 'partial',
  supplementDays: 30,
  result: { methods: ['at_desk'] },
};

const VALID = {
  applicant_full_name: '  Nguyễn   Văn An ',
  applicant_date_of_birth: '1990-05-17',
  applicant_id_number: '001 090 123456',
  applicant_phone: '+84 912 345 678',
  applicant_email: 'An.Nguyen@Example.VN',
  applicant_permanent_address: { provinceCode: '01', communeCode: '00004', street: 'Số 1 Phố Huế' },
  request_summary: 'Đăng ký khai sinh\r\ncho con thứ hai',
  relationship: 'parent',
  relationship_other: 'should be dropped: hidden',
  children: [{ full_name: 'Nguyễn Thị Bình', birth_date: '2025-12-01', schooling: 'no', school: 'dropped too' }],
};

describe('validateAnswers: one of each', () => {
  it('the test definition itself passes the definition checks', () => {
    expect(checkServiceDefinition(DEFINITION)).toMatchObject({ ok: true });
  });

  it('normalises valid answers and drops hidden ones', () => {
    const result = validateAnswers(DEFINITION, VALID, { ...options, caseKey: 'chung' });
    expect(result).toEqual({
      ok: true,
      caseKey: 'chung',
      answers: {
        applicant_full_name: 'Nguyễn Văn An',
        applicant_date_of_birth: '1990-05-17',
        applicant_id_number: '001090123456',
        applicant_phone: '0912345678',
        applicant_email: 'an.nguyen@example.vn',
        applicant_permanent_address: { provinceCode: '01', communeCode: '00004', street: 'Số 1 Phố Huế' },
        request_summary: 'Đăng ký khai sinh\ncho con thứ hai',
        relationship: 'parent',
        children: [{ full_name: 'Nguyễn Thị Bình', birth_date: '2025-12-01', schooling: 'no' }],
      },
    });
  });

  it('NFC-normalises decomposed Vietnamese', () => {
    const decomposed = 'Nguyễn Văn An'.normalize('NFD');
    const result = validateAnswers(DEFINITION, { ...VALID, applicant_full_name: decomposed }, { ...options, caseKey: 'chung' });
    expect(result.ok && result.answers.applicant_full_name).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('names each problem with its field, a stable code and both languages', () => {
    const result = validateAnswers(
      DEFINITION,
      {
        applicant_full_name: '',
        applicant_date_of_birth: '2027-01-01',
        applicant_id_number: '12345',
        applicant_phone: '0123',
        applicant_email: 'not an email',
        applicant_permanent_address: { provinceCode: '01', communeCode: '26734' },
        relationship: 'other',
        household_size: '2,5',
        tax_code: '12345',
        children: [{ full_name: 'A', birth_date: '2025-02-30', schooling: 'yes' }, 'nonsense'],
      },
      { ...options, caseKey: 'nope' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ['applicant_full_name', 'required'],
      ['applicant_date_of_birth', 'date_in_future'],
      ['applicant_id_number', 'invalid_id_number'],
      ['applicant_phone', 'invalid_phone'],
      ['applicant_email', 'invalid_email'],
      ['applicant_permanent_address.communeCode', 'commune_unknown'],
      ['request_summary', 'required'],
      ['relationship_other', 'required'],
      ['household_size', 'not_integer'],
      ['tax_code', 'pattern'],
      ['children[0].birth_date', 'invalid_date'],
      ['children[0].school', 'required'],
      ['children[1].full_name', 'required'],
      ['children[1].birth_date', 'required'],
      ['children[1].schooling', 'required'],
      [CASE_FIELD, 'case_unknown'],
    ]);
    expect(result.errors[0]!.message).toEqual({ vi: 'Nhập họ, chữ đệm và tên', en: 'Enter full name' });
    expect(result.errors[14]!.message).toEqual({ vi: 'Chọn đang đi học', en: 'Select at school' });
  });

  it('checks group sizes, number ranges, landlines and the three-box date', () => {
    const base = { ...VALID, children: [] };
    const few = validateAnswers(DEFINITION, base, { ...options, caseKey: 'chung' });
    expect(!few.ok && few.errors.map((e) => [e.field, e.code])).toEqual([['children', 'too_few_items']]);
    const child = VALID.children[0]!;
    const many = validateAnswers(DEFINITION, { ...base, children: [child, child, child, child] }, { ...options, caseKey: 'chung' });
    expect(!many.ok && many.errors.map((e) => e.code)).toEqual(['too_many_items']);
    const ok = validateAnswers(
      DEFINITION,
      { ...VALID, household_size: '30', applicant_phone: '024 3987 6543', applicant_date_of_birth: { year: '1990', month: '5', day: '7' } },
      { ...options, caseKey: 'uy_quyen' },
    );
    expect(ok.ok && [ok.answers.household_size, ok.answers.applicant_phone, ok.answers.applicant_date_of_birth]).toEqual([30, '02439876543', '1990-05-07']);
    const big = validateAnswers(DEFINITION, { ...VALID, household_size: 31 }, { ...options, caseKey: 'chung' });
    expect(!big.ok && big.errors[0]).toMatchObject({ field: 'household_size', code: 'too_large', message: { en: 'People in the household must be 30 or less' } });
  });

  it('needs a case when there are several, and takes the only one otherwise', () => {
    const none = validateAnswers(DEFINITION, VALID, options);
    expect(!none.ok && none.errors).toEqual([{ field: CASE_FIELD, code: 'case_required', message: { vi: 'Chọn trường hợp của bạn', en: 'Select the case that applies to you' } }]);
    const single = { ...DEFINITION, cases: [{ key: 'chung', name: null }] };
    expect(validateAnswers(single, VALID, options)).toMatchObject({ ok: true, caseKey: 'chung' });
  });

  it('reads a flat HTML form body (bracket keys)', () => {
    const body = {
      applicant_full_name: 'Nguyễn Văn An',
      applicant_date_of_birth: '1990-05-17',
      applicant_id_number: '001090123456',
      applicant_phone: ['0912345678', 'ignored second value'],
      'applicant_permanent_address[provinceCode]': '79',
      'applicant_permanent_address[communeCode]': '26734',
      'applicant_permanent_address[street]': '',
      request_summary: 'Xin cấp',
      relationship: 'other',
      relationship_other: 'Cô ruột',
      'children[0][full_name]': 'Bé Na',
      'children[0][birth_date]': '2024-01-31',
      'children[0][schooling]': 'yes',
      'children[0][school]': 'Mầm non Hoa Sen',
      'children[5][full_name]': 'Bé Tí',
      'children[5][birth_date][year]': '2025',
      'children[5][birth_date][month]': '2',
      'children[5][birth_date][day]': '1',
      'children[5][schooling]': 'no',
      'children[999][full_name]': 'beyond any group: ignored',
      '__proto__[x]': 'ignored',
    };
    const result = validateAnswers(DEFINITION, body, { ...options, caseKey: 'chung' });
    expect(result.ok && result.answers).toMatchObject({
      applicant_phone: '0912345678',
      applicant_permanent_address: { provinceCode: '79', communeCode: '26734', street: null },
      relationship_other: 'Cô ruột',
      children: [
        { full_name: 'Bé Na', birth_date: '2024-01-31', schooling: 'yes', school: 'Mầm non Hoa Sen' },
        { full_name: 'Bé Tí', birth_date: '2025-02-01', schooling: 'no' },
      ],
    });
    expect(answersFromForm(DEFINITION, body).children).toHaveLength(2);
  });

  it('prefills from the profile, never twice-asking what is known', () => {
    const answers = prefillAnswers(DEFINITION, {
      fullName: 'Trần Thị Cúc',
      dateOfBirth: '1985-02-03',
      idNumber: '079185000123',
      phone: '0987654321',
      email: null,
      sex: 'female',
      permanentAddress: { provinceCode: '79', communeCode: '26734', street: ' 12 Lê Lợi ' },
      currentAddress: { provinceCode: null, communeCode: null, street: null },
    });
    expect(answers).toEqual({
      applicant_full_name: 'Trần Thị Cúc',
      applicant_date_of_birth: '1985-02-03',
      applicant_id_number: '079185000123',
      applicant_phone: '0987654321',
      applicant_permanent_address: { provinceCode: '79', communeCode: '26734', street: '12 Lê Lợi' },
    });
  });
});

// ---- properties ----------------------------------------------------------------------------

const word = fc.stringMatching(/^[A-Za-zÀ-ỹ]{1,12}$/);
const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const isoDate = fc.integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2026, 2, 15) }).map((t) => new Date(t).toISOString().slice(0, 10));
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const childArb = fc.oneof(
  fc.record({ full_name: name, birth_date: isoDate, schooling: fc.constant('yes'), school: name }),
  fc.record({ full_name: name, birth_date: isoDate, schooling: fc.constant('no') }),
);
const validAnswers = fc.record(
  {
    applicant_full_name: name,
    applicant_date_of_birth: isoDate,
    applicant_id_number: fc.tuple(fc.constantFrom('001', '079', '038'), fc.constantFrom('0', '1', '2'), digits(8)).map((p) => p.join('')),
    applicant_phone: fc.tuple(fc.constantFrom('090', '091', '098', '086', '024'), digits(7)).map(([p, d]) => (p === '024' ? `${p}${d}0` : `${p}${d}`)),
    applicant_email: fc.tuple(fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('example.vn', 'mail.gov.vn')).map(([u, d]) => `${u}@${d}`),
    applicant_permanent_address: fc.constantFrom(...[...COMMUNES].map((c) => ({ provinceCode: c.split('/')[0]!, communeCode: c.split('/')[1]!, street: null }))),
    request_summary: name,
    relationship: fc.constantFrom('parent', 'other'),
    relationship_other: name,
    household_size: fc.integer({ min: 1, max: 30 }),
    tax_code: fc.oneof(digits(10), digits(10).map((d) => `${d}-123`)),
    children: fc.array(childArb, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['applicant_full_name', 'applicant_date_of_birth', 'applicant_id_number', 'applicant_phone', 'applicant_permanent_address', 'request_summary', 'relationship', 'relationship_other', 'children'] },
);

/** Every real field path: top-level keys, address parts, group items' fields. */
function isRealField(path: string): boolean {
  if (path === CASE_FIELD) return true;
  const group = /^([a-z][a-z0-9_]*)\[(\d+)\]\.([a-z][a-z0-9_]*)(?:\.(provinceCode|communeCode|street))?$/.exec(path);
  if (group) {
    const g = FORM.find((f) => f.key === group[1]);
    return g?.kind === 'group' && g.fields.some((f) => f.key === group[3]) && Number(group[2]) < g.maxItems;
  }
  const top = /^([a-z][a-z0-9_]*)(?:\.(provinceCode|communeCode|street))?$/.exec(path);
  return top !== null && FORM.some((f) => f.key === top[1] && (top[2] === undefined || f.kind === 'address'));
}

function flatten(value: unknown, prefix: string, out: Record<string, string>): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}[${k}]` : k, out);
  else if (value !== null && value !== undefined) out[prefix] = String(value);
  return out;
}

describe('validateAnswers: properties', () => {
  it('valid answers always pass, and passing again gives the same answers', () => {
    fc.assert(
      fc.property(validAnswers, fc.constantFrom('chung', 'uy_quyen'), (answers, caseKey) => {
        const result = validateAnswers(DEFINITION, answers, { ...options, caseKey });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        expect(validateAnswers(DEFINITION, result.answers, { ...options, caseKey })).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('the flat form of valid answers gives the same answers as the nested one', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const nested = validateAnswers(DEFINITION, answers, { ...options, caseKey: 'chung' });
        const flat = validateAnswers(DEFINITION, flatten(answers, '', {}), { ...options, caseKey: 'chung' });
        expect(flat).toEqual(nested);
      }),
      { numRuns: 200 },
    );
  });

  it('any input passes or fails with errors naming real fields, and never throws', () => {
    const keys = fc.constantFrom(...FORM.map((f) => f.key), 'constructor', '__proto__', 'unknown');
    const anyValue = fc.oneof(fc.anything(), fc.array(fc.dictionary(fc.constantFrom('full_name', 'birth_date', 'schooling', 'school', 'x'), fc.anything())));
    const input = fc.oneof(fc.anything(), fc.dictionary(keys, anyValue), validAnswers.chain((v) => fc.tuple(fc.constant(v), keys, anyValue).map(([a, k, x]) => ({ ...a, [k]: x }))));
    fc.assert(
      fc.property(input, fc.option(fc.string(), { nil: undefined }), (raw, caseKey) => {
        const result = validateAnswers(DEFINITION, raw, { ...options, caseKey });
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(isRealField(error.field), error.field).toBe(true);
          expect(error.message.vi.length).toBeGreaterThan(0);
          expect(error.message.en.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
