import { describe, expect, it } from 'vitest';
import { checkServiceDefinition, patternProblem } from './service-check.workflow.ts';
import { APPLICANT_FIELDS, defaultSteps } from './service-generate.workflow.ts';
import type { ServiceDefinition } from './service-config.types.ts';

const L = (vi: string, en: string) => ({ vi, en });

function build(overrides: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    schemaVersion: 1,
    procedureName: 'Đăng ký khai sinh',
    form: structuredClone([...APPLICANT_FIELDS]),
    cases: [{ key: 'chung', name: null }],
    documents: [{ caseKey: 'chung', key: 'to_khai', name: 'Tờ khai', required: true, quantity: { original: 1, copy: 0 }, accept: ['pdf'], maxFiles: 2, note: null }],
    fees: [{ channel: 'online', amountVnd: 8000, text: '8.000 đồng', collect: 'upfront', variants: [] }],
    durations: [{ channel: 'online', duration: { value: 3, unit: 'working_days' }, text: '3 Ngày làm việc', variants: [] }],
    steps: defaultSteps(24),
    onlineLevel: 'full',
    supplementDays: 30,
    result: { methods: ['electronic'] },
    ...overrides,
  };
}

const problemsOf = (input: unknown) => {
  const result = checkServiceDefinition(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path} ${p.code}`);
};

describe('checkServiceDefinition', () => {
  it('accepts a sound definition', () => {
    expect(checkServiceDefinition(build())).toEqual({ ok: true, definition: build() });
  });

  it('reports schema problems with their paths, in both languages', () => {
    const result = checkServiceDefinition({ ...build(), steps: [{ key: 'Bad Key', name: L('x', 'x'), role: 'janitor', budgetHours: 1.1 }], extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      '(root) schema_unrecognized_keys',
      'steps[0].budgetHours schema_not_multiple_of',
      'steps[0].key schema_invalid_format',
      'steps[0].role schema_invalid_value',
    ]);
    expect(result.problems.find((p) => p.code === 'schema_unrecognized_keys')!.message.vi).toContain('extra');
    expect(problemsOf(null)).toEqual(['(root) schema_invalid_type']);
    expect(problemsOf({ ...build(), form: [{ kind: 'signature', key: 'x' }] })).toEqual(['form[0].kind schema_invalid_union']);
  });

  it('needs unique keys in each scope', () => {
    const form = build().form;
    form.push({ ...form[0]! });
    const doc = build().documents[0]!;
    expect(
      problemsOf(
        build({
          form,
          cases: [{ key: 'chung', name: null }, { key: 'chung', name: 'x' }],
          documents: [doc, { ...doc }, { ...doc, caseKey: 'khac' }],
          steps: [...defaultSteps(24), defaultSteps(24)[0]!],
        }),
      ).sort(),
    ).toEqual([
      'cases[0].key duplicate_key',
      'cases[1].key duplicate_key',
      'documents[0].key duplicate_key',
      'documents[1].key duplicate_key',
      'documents[2].caseKey unknown_case',
      'documents[2].key duplicate_key',
      'form[0].key duplicate_key',
      'form[7].key duplicate_key',
      'steps[0].key duplicate_key',
      'steps[4].key duplicate_key',
    ]);
  });

  it('needs conditions on an earlier choice field that has the value', () => {
    const choice = { kind: 'choice' as const, key: 'kind', label: L('Loại', 'Kind'), required: true, display: 'radios' as const, options: [{ value: 'a', label: L('A', 'A') }] };
    const text = (showIf: { field: string; equals: string }) => ({ kind: 'text' as const, key: `t_${showIf.field}_${showIf.equals}`, label: L('T', 'T'), required: true, showIf });
    const form = [
      text({ field: 'kind', equals: 'a' }), // before the choice
      choice,
      text({ field: 'kind', equals: 'b' }), // no such option
      text({ field: 'applicant_phone', equals: 'x' }), // not a choice
      { ...text({ field: 'kind', equals: 'a' }), key: 'fine' },
      {
        kind: 'group' as const,
        key: 'items',
        label: L('Mục', 'Items'),
        minItems: 0,
        maxItems: 2,
        showIf: { field: 'kind', equals: 'a' },
        fields: [text({ field: 'kind', equals: 'a' }), { ...choice, key: 'inner' }, { ...text({ field: 'inner', equals: 'a' }), prefill: 'fullName' as const }],
      },
    ];
    expect(problemsOf(build({ form: [...APPLICANT_FIELDS.slice(0, 4), ...form] }))).toEqual([
      'form[4].showIf.field condition_target',
      'form[6].showIf.equals condition_value',
      'form[7].showIf.field condition_target',
      'form[9].fields[2].prefill prefill_in_group',
    ]);
  });

  it('checks prefill kinds, ranges and patterns', () => {
    const form = [
      { kind: 'text' as const, key: 'a', label: L('A', 'A'), required: false, prefill: 'dateOfBirth' as const, minLength: 5, maxLength: 2 },
      { kind: 'number' as const, key: 'b', label: L('B', 'B'), required: false, min: 3, max: 1 },
      { kind: 'text' as const, key: 'c', label: L('C', 'C'), required: false, pattern: '(a+)+' },
      { kind: 'text' as const, key: 'd', label: L('D', 'D'), required: false, pattern: '[' },
      { kind: 'choice' as const, key: 'e', label: L('E', 'E'), required: false, display: 'select' as const, prefill: 'sex' as const, options: [{ value: 'x', label: L('X', 'X') }, { value: 'x', label: L('X', 'X') }] },
      { kind: 'group' as const, key: 'g', label: L('G', 'G'), minItems: 3, maxItems: 2, fields: [{ kind: 'email' as const, key: 'm', label: L('M', 'M'), required: true }] },
    ];
    expect(problemsOf(build({ form }))).toEqual([
      'form[0].prefill prefill_kind',
      'form[0].minLength min_above_max',
      'form[1].min min_above_max',
      'form[2].pattern pattern_invalid',
      'form[3].pattern pattern_invalid',
      'form[4].options prefill_options',
      'form[4].options duplicate_value',
      'form[5].minItems min_above_max',
    ]);
    expect(patternProblem('\\d{10}(-\\d{3})?')).toBeNull();
    expect(patternProblem('[A-Z]{2}\\d+')).toBeNull();
    for (const bad of ['(a|aa)*', '(\\d{2})+', '((a))+', '(x)\\1']) expect(patternProblem(bad), bad).not.toBeNull();
  });

  it('needs an approver, upfront fees with an amount, one row per channel, and a remote result for full-process services', () => {
    expect(
      problemsOf(
        build({
          steps: defaultSteps(24).filter((s) => s.role !== 'approver'),
          fees: [
            { channel: 'online', amountVnd: null, text: '10 USD', collect: 'upfront', variants: [] },
            { channel: 'online', amountVnd: 0, text: null, collect: 'none', variants: [] },
          ],
          result: { methods: ['at_desk'] },
        }),
      ),
    ).toEqual(['fees[0].channel duplicate_channel', 'fees[1].channel duplicate_channel', 'fees[0].amountVnd upfront_without_amount', 'steps no_approver', 'onlineLevel full_needs_remote_result']);
    expect(problemsOf(build({ steps: [] }))).toEqual(['steps schema_too_small']);
  });
});
