import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '../../service-config/service-config.types.ts';
import { checkSection, markDone, PROGRESS_KEY, requirementsFor, sectionOf, shownPaths, taskStatuses } from './draft-sections.workflow.ts';

const l = (vi: string) => ({ vi, en: vi });
const definition: ServiceDefinition = {
  schemaVersion: 1,
  procedureName: 'Thủ tục thử',
  form: [
    { kind: 'text', key: 'applicant_full_name', label: l('Họ tên'), required: true, prefill: 'fullName' },
    { kind: 'choice', key: 'kids', display: 'radios', label: l('Có con?'), required: true, options: [{ value: 'yes', label: l('Có') }, { value: 'no', label: l('Không') }] },
    {
      kind: 'group',
      key: 'children',
      label: l('Con'),
      minItems: 1,
      maxItems: 2,
      showIf: { field: 'kids', equals: 'yes' },
      fields: [
        { kind: 'choice', key: 'school', display: 'select', label: l('Đi học?'), required: true, options: [{ value: 'y', label: l('Có') }] },
        { kind: 'text', key: 'school_name', label: l('Trường'), required: true, showIf: { field: 'school', equals: 'y' } },
      ],
    },
  ],
  cases: [{ key: 'a', name: 'Trường hợp A' }, { key: 'b', name: 'Trường hợp B' }],
  documents: [
    { caseKey: 'a', key: 'to_khai', name: 'Tờ khai', required: true, quantity: null, accept: ['pdf'], maxFiles: 2, note: null },
    { caseKey: 'b', key: 'giay_phep', name: 'Giấy phép', required: false, quantity: null, accept: ['pdf'], maxFiles: 2, note: null },
  ],
  fees: [],
  durations: [],
  steps: [{ key: 'approve', name: l('Phê duyệt'), role: 'approver', budgetHours: 8 }],
  onlineLevel: 'partial',
  supplementDays: 30,
  result: { methods: ['electronic'] },
};
const options = { today: '2026-11-22' };

describe('draft sections', () => {
  it('puts prefilled and applicant_ fields in "Thông tin người nộp", the rest in "Thông tin hồ sơ"', () => {
    expect(definition.form.map(sectionOf)).toEqual(['applicant', 'details', 'details']);
  });

  it('shows a conditional field after its choice, in groups item by item', () => {
    expect([...shownPaths(definition.form, { kids: 'no' })]).toEqual(['applicant_full_name', 'kids']);
    expect([...shownPaths(definition.form, { kids: 'yes', children: [{ school: 'y' }, {}] })]).toEqual([
      'applicant_full_name',
      'kids',
      'children',
      'children[0].school',
      'children[0].school_name',
      'children[1].school',
    ]);
  });

  it('checks one section only, never the case, and cleans what it accepts', () => {
    expect(checkSection(definition, 'applicant', { applicant_full_name: '  Nguyễn  Văn An ' }, options)).toEqual({ errors: [], cleaned: { applicant_full_name: 'Nguyễn Văn An' } });
    const details = checkSection(definition, 'details', { applicant_full_name: '', kids: 'yes', children: [{ school: 'y', school_name: '' }] }, options);
    expect(details.errors.map((e) => e.field)).toEqual(['children[0].school_name']);
    expect(checkSection(definition, 'details', { kids: 'no', children: [{}] }, options)).toEqual({ errors: [], cleaned: { kids: 'no', children: null } });
  });

  it('gives each task its status, and opens the check once everything is done', () => {
    const files: Array<{ requirementKey: string; purpose: string }> = [];
    const at = (answers: Record<string, unknown>, caseKey: string | null = 'a') => Object.fromEntries(taskStatuses({ definition, answers, caseKey, files }, options).map((t) => [t.key, t.status]));
    expect(at({ applicant_full_name: 'An' })).toEqual({ applicant: 'in_progress', case: 'not_started', details: 'not_started', documents: 'not_started', check: 'cannot_start' });
    const answers = { applicant_full_name: 'An', kids: 'no', [PROGRESS_KEY]: ['applicant', 'case', 'details', 'documents'] };
    expect(at(answers)).toMatchObject({ applicant: 'completed', case: 'completed', details: 'completed', documents: 'in_progress', check: 'cannot_start' });
    files.push({ requirementKey: 'to_khai', purpose: 'submission' });
    expect(at(answers).check).toBe('not_started');
    expect(requirementsFor(definition, 'b').map((d) => d.key)).toEqual(['giay_phep']);
    expect(markDone(answers, 'case', true, ['documents'])).toEqual(['applicant', 'case', 'details']);
  });
});
