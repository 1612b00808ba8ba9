/**
 * Checks a definition received as JSON: the zod schema, then what needs the whole definition
 * (unique keys, conditions that refer to an earlier choice, prefill that fits the field, at least one
 * approver…). Every problem is returned at once, with a path and a message in both languages. Pure.
 */
import type { z } from 'zod';
import {
  PREFILL_KINDS,
  serviceDefinitionSchema,
  type DefinitionProblem,
  type FormField,
  type Localized,
  type ScalarField,
  type ServiceDefinition,
} from './service-config.types.ts';

export type DefinitionCheck = { ok: true; definition: ServiceDefinition } | { ok: false; problems: DefinitionProblem[] };

/** Validates `input` as a service definition; never throws. */
export function checkServiceDefinition(input: unknown): DefinitionCheck {
  const parsed = serviceDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(problemOfIssue) };
  const definition = parsed.data as ServiceDefinition;
  const problems = crossCheck(definition);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}

/** `form[2].options[0].value` from zod's path. */
export function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || '(root)';
}

const ISSUE_VI: Record<string, string> = {
  invalid_type: 'Sai kiểu dữ liệu hoặc thiếu giá trị',
  too_small: 'Giá trị quá nhỏ hoặc quá ngắn',
  too_big: 'Giá trị quá lớn hoặc quá dài',
  invalid_value: 'Giá trị không nằm trong danh sách cho phép',
  invalid_format: 'Sai định dạng',
  invalid_union: 'Loại (kind) không hợp lệ',
  unrecognized_keys: 'Có khóa không được phép',
  not_multiple_of: 'Phải là bội số của 0,25 (15 phút)',
};

function problemOfIssue(issue: z.core.$ZodIssue): DefinitionProblem {
  const extra = issue.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : '';
  return { path: pathOf(issue.path), code: `schema_${issue.code}`, message: { vi: `${ISSUE_VI[issue.code] ?? 'Giá trị không hợp lệ'}${extra}`, en: issue.message } };
}

function problem(path: string, code: string, vi: string, en: string): DefinitionProblem {
  return { path, code, message: { vi, en } };
}

function crossCheck(d: ServiceDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const push = (path: string, code: string, vi: string, en: string) => problems.push(problem(path, code, vi, en));
  checkFields(d.form, 'form', [], true, push);

  const caseKeys = duplicatesIn(d.cases.map((c) => c.key));
  d.cases.forEach((c, i) => caseKeys.has(c.key) && push(`cases[${i}].key`, 'duplicate_key', `Khóa trường hợp "${c.key}" bị trùng`, `Case key "${c.key}" is used twice`));
  const known = new Set(d.cases.map((c) => c.key));
  // Unique across cases, not only within one: a dossier's files are filed under the key alone.
  const docKeys = duplicatesIn(d.documents.map((doc) => doc.key));
  d.documents.forEach((doc, i) => {
    if (!known.has(doc.caseKey)) push(`documents[${i}].caseKey`, 'unknown_case', `Không có trường hợp "${doc.caseKey}"`, `There is no case "${doc.caseKey}"`);
    if (docKeys.has(doc.key)) push(`documents[${i}].key`, 'duplicate_key', `Khóa giấy tờ "${doc.key}" bị trùng`, `Document key "${doc.key}" is used twice`);
    if (new Set(doc.accept).size !== doc.accept.length) push(`documents[${i}].accept`, 'duplicate_value', 'Loại tệp bị lặp', 'A file type is listed twice');
  });

  for (const list of ['fees', 'durations'] as const) {
    const channels = duplicatesIn(d[list].map((row) => row.channel));
    d[list].forEach((row, i) => channels.has(row.channel) && push(`${list}[${i}].channel`, 'duplicate_channel', `Kênh "${row.channel}" xuất hiện hai lần`, `Channel "${row.channel}" appears twice`));
  }
  d.fees.forEach((fee, i) => {
    if (fee.collect === 'upfront' && !(fee.amountVnd !== null && fee.amountVnd > 0)) {
      push(`fees[${i}].amountVnd`, 'upfront_without_amount', 'Thu khi nộp hồ sơ thì phải có số tiền lớn hơn 0', 'A fee paid with the submission needs an amount above 0');
    }
  });

  const stepKeys = duplicatesIn(d.steps.map((s) => s.key));
  d.steps.forEach((s, i) => stepKeys.has(s.key) && push(`steps[${i}].key`, 'duplicate_key', `Khóa bước "${s.key}" bị trùng`, `Step key "${s.key}" is used twice`));
  if (!d.steps.some((s) => s.role === 'approver')) push('steps', 'no_approver', 'Quy trình cần ít nhất một bước phê duyệt (người phê duyệt)', 'The steps need at least one approval step (approver)');

  if (new Set(d.result.methods).size !== d.result.methods.length) push('result.methods', 'duplicate_value', 'Hình thức trả kết quả bị lặp', 'A result method is listed twice');
  // Decree 42/2022: a full-process service returns its result online or by public post.
  if (d.onlineLevel === 'full' && !d.result.methods.some((m) => m === 'electronic' || m === 'postal')) {
    push('onlineLevel', 'full_needs_remote_result', 'Dịch vụ công trực tuyến toàn trình phải trả kết quả trực tuyến hoặc qua bưu chính', 'A full-process online service returns its result electronically or by post');
  }
  return problems;
}

type Push = (path: string, code: string, vi: string, en: string) => void;

/**
 * Fields of one scope (the form, or one group's fields). `earlier` holds the choice fields a
 * condition may refer to: for a group's fields, the top-level choices before the group.
 */
function checkFields(fields: readonly FormField[], base: string, outer: readonly ScalarField[], topLevel: boolean, push: Push): void {
  const duplicates = duplicatesIn(fields.map((f) => f.key));
  const seen: FormField[] = [];
  fields.forEach((field, i) => {
    const path = `${base}[${i}]`;
    if (duplicates.has(field.key)) push(`${path}.key`, 'duplicate_key', `Khóa trường "${field.key}" bị trùng`, `Field key "${field.key}" is used twice`);
    if (field.showIf) checkCondition(field.showIf, `${path}.showIf`, [...outer, ...seen], push);
    if (field.kind === 'group') {
      if (field.minItems > field.maxItems) push(`${path}.minItems`, 'min_above_max', 'Số mục tối thiểu lớn hơn tối đa', 'minItems is above maxItems');
      const before = seen.filter((f): f is ScalarField => f.kind !== 'group');
      checkFields(field.fields, `${path}.fields`, [...outer, ...before], false, push);
    } else {
      checkScalar(field, path, topLevel, push);
    }
    seen.push(field);
  });
}

function checkCondition(showIf: { field: string; equals: string }, path: string, earlier: readonly FormField[], push: Push): void {
  // The nearest scope wins (listed last): a group's own field before a top-level one of the same key.
  const target = earlier.filter((f) => f.key === showIf.field).pop();
  if (!target || target.kind !== 'choice') {
    push(`${path}.field`, 'condition_target', `Điều kiện phải dựa vào một trường lựa chọn đứng trước ("${showIf.field}")`, `The condition must refer to an earlier choice field ("${showIf.field}")`);
  } else if (!target.options.some((o) => o.value === showIf.equals)) {
    push(`${path}.equals`, 'condition_value', `Trường "${showIf.field}" không có lựa chọn "${showIf.equals}"`, `Field "${showIf.field}" has no option "${showIf.equals}"`);
  }
}

function checkScalar(field: ScalarField, path: string, topLevel: boolean, push: Push): void {
  if (field.prefill) {
    const fits = (PREFILL_KINDS[field.prefill] as readonly string[]).includes(field.kind);
    if (!fits) push(`${path}.prefill`, 'prefill_kind', `Không thể điền sẵn "${field.prefill}" vào trường loại ${field.kind}`, `"${field.prefill}" cannot prefill a ${field.kind} field`);
    if (!topLevel) push(`${path}.prefill`, 'prefill_in_group', 'Trường trong nhóm lặp lại không điền sẵn được', 'Fields of a repeatable group cannot be prefilled');
    if (field.prefill === 'sex' && field.kind === 'choice' && !['male', 'female'].every((v) => field.options.some((o) => o.value === v))) {
      push(`${path}.options`, 'prefill_options', 'Điền sẵn giới tính cần các lựa chọn "male" và "female"', 'Prefilling sex needs the options "male" and "female"');
    }
  }
  if (field.kind === 'text' || field.kind === 'textarea') {
    if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
      push(`${path}.minLength`, 'min_above_max', 'Độ dài tối thiểu lớn hơn tối đa', 'minLength is above maxLength');
    }
    if (field.pattern !== undefined) {
      const reason = patternProblem(field.pattern);
      if (reason) push(`${path}.pattern`, 'pattern_invalid', `Biểu thức chính quy không dùng được: ${reason.vi}`, `The pattern cannot be used: ${reason.en}`);
    }
  }
  if (field.kind === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max) {
    push(`${path}.min`, 'min_above_max', 'Giá trị tối thiểu lớn hơn tối đa', 'min is above max');
  }
  if (field.kind === 'choice') {
    const values = duplicatesIn(field.options.map((o) => o.value));
    if (values.size > 0) push(`${path}.options`, 'duplicate_value', `Giá trị lựa chọn bị trùng: ${[...values].join(', ')}`, `Option values used twice: ${[...values].join(', ')}`);
  }
}

/**
 * A pattern is run on every citizen's answer, so it must compile and must not repeat a quantified or
 * alternating group without bound ("(a+)+", "(a|aa)*"): backtracking on such a shape takes
 * exponential time on a crafted answer. A bounded or optional group ("(-\d{3})?") is fine. A
 * heuristic, backed by the length cap on every answer.
 */
export function patternProblem(pattern: string): Localized | null {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
  } catch (err) {
    return { vi: 'sai cú pháp', en: (err as Error).message };
  }
  if (/\((?:[^()\\]|\\.)*[+*}|](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,)/.test(pattern) || /\)\)(?:[+*]|\{\d*,)/.test(pattern) || /\\[1-9]/.test(pattern)) {
    return { vi: 'có lượng từ lồng nhau hoặc tham chiếu ngược', en: 'nested quantifiers or back-references' };
  }
  return null;
}

function duplicatesIn(values: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return twice;
}
