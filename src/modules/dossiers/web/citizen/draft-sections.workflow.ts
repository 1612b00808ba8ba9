/**
 * How a draft is split into the task list's sections and how far each one is. Pure.
 *
 * The form's fields fall into "Thông tin người nộp" (fields the profile fills, or keyed applicant_…)
 * and "Thông tin hồ sơ" (the rest). A section counts as done once the person saved it without
 * errors: the sections saved are kept in the draft's answers under PROGRESS_KEY, which no field can
 * be named (keys start with a letter) and which submission drops with every other unknown key.
 */
import { validateAnswers, type AnswerError, type CommuneLookup } from '../../service-config/answers-validate.workflow.ts';
import type { DocumentRequirement, FormField, ServiceDefinition } from '../../service-config/service-config.types.ts';

export const PROGRESS_KEY = '$done';
export type QuestionSection = 'applicant' | 'details';
export type TaskKey = QuestionSection | 'case' | 'documents' | 'check';
export type TaskStatus = 'not_started' | 'in_progress' | 'completed' | 'cannot_start';

/** Where each task's page is, under /ho-so/{id}/. */
export const TASK_PATHS: Record<TaskKey, string> = {
  applicant: 'nguoi-nop',
  case: 'truong-hop',
  details: 'thong-tin',
  documents: 'giay-to',
  check: 'kiem-tra',
};

export interface CheckOptions {
  /** Today in Vietnam, yyyy-mm-dd. */
  today: string;
  units?: CommuneLookup;
}

export function sectionOf(field: FormField): QuestionSection {
  return field.kind !== 'group' && (field.prefill !== undefined || field.key.startsWith('applicant_')) ? 'applicant' : 'details';
}

export function sectionFields(definition: ServiceDefinition, section: QuestionSection): FormField[] {
  return definition.form.filter((f) => sectionOf(f) === section);
}

/** The sections the person has saved without errors. */
export function doneSections(answers: Record<string, unknown>): Set<string> {
  const value = answers[PROGRESS_KEY];
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

/** The progress list with `section` marked done or not (and, when the case changes, documents reopened). */
export function markDone(answers: Record<string, unknown>, section: TaskKey, done: boolean, reopen: readonly TaskKey[] = []): string[] {
  const set = doneSections(answers);
  if (done) set.add(section);
  else set.delete(section);
  for (const other of reopen) set.delete(other);
  return [...set].sort();
}

/** The documents the chosen case asks for (a procedure with one case: all of them). */
export function requirementsFor(definition: ServiceDefinition, caseKey: string | null): DocumentRequirement[] {
  if (definition.cases.length <= 1) return definition.documents;
  return definition.documents.filter((d) => d.caseKey === caseKey);
}

/** `key`, `address.communeCode`, `group[1].child` → the top-level field key. */
export function rootKey(path: string): string {
  return path.split(/[.[]/)[0]!;
}

/**
 * Checks one section's answers as submission will: the section's fields (and the fields their
 * conditions depend on) through validateAnswers. `cleaned` holds the section's valid answers when
 * there is no error anywhere in what was checked.
 */
export function checkSection(definition: ServiceDefinition, section: QuestionSection, answers: Record<string, unknown>, options: CheckOptions): { errors: AnswerError[]; cleaned: Record<string, unknown> | null } {
  const own = new Set(sectionFields(definition, section).map((f) => f.key));
  const needed = new Set(own);
  for (const field of definition.form) if (own.has(field.key) && field.showIf) needed.add(field.showIf.field);
  const form = definition.form.filter((f) => needed.has(f.key));
  const raw = Object.fromEntries(form.filter((f) => Object.hasOwn(answers, f.key)).map((f) => [f.key, answers[f.key]]));
  // One placeholder case: the case is its own task, not this section's error.
  const checked = validateAnswers({ ...definition, form, cases: [{ key: 'any', name: null }] }, raw, { today: options.today, units: options.units });
  const errors = checked.ok ? [] : checked.errors.filter((e) => own.has(rootKey(e.field)));
  if (!checked.ok) return { errors, cleaned: null };
  const cleaned: Record<string, unknown> = {};
  for (const key of own) cleaned[key] = Object.hasOwn(checked.answers, key) ? checked.answers[key] : null;
  return { errors, cleaned };
}

function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(isAnswered);
  return true;
}

/**
 * The paths of the fields a person sees with these answers: a field with a condition shows when the
 * nearest earlier field of that key (in the item, then at the top) has that value.
 */
export function shownPaths(fields: readonly FormField[], answers: Record<string, unknown>, context: Record<string, unknown> = {}): Set<string> {
  const shown = new Set<string>();
  const top = new Map<string, string>(Object.entries(context).map(([k, v]) => [k, String(v ?? '')]));
  const visible = (field: { showIf?: { field: string; equals: string } }, scopes: ReadonlyArray<Map<string, string>>) => {
    if (!field.showIf) return true;
    for (const scope of scopes) if (scope.has(field.showIf.field)) return scope.get(field.showIf.field) === field.showIf.equals;
    return false;
  };
  for (const field of fields) {
    if (!visible(field, [top])) continue;
    shown.add(field.key);
    if (field.kind !== 'group') {
      if (typeof answers[field.key] !== 'object') top.set(field.key, String(answers[field.key] ?? ''));
      continue;
    }
    const items = Array.isArray(answers[field.key]) ? (answers[field.key] as unknown[]) : [];
    items.forEach((item, index) => {
      const values = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      const siblings = new Map<string, string>();
      for (const child of field.fields) {
        if (!visible(child, [siblings, top])) continue;
        shown.add(`${field.key}[${index}].${child.key}`);
        if (typeof values[child.key] !== 'object') siblings.set(child.key, String(values[child.key] ?? ''));
      }
    });
  }
  return shown;
}

export interface DraftState {
  definition: ServiceDefinition;
  answers: Record<string, unknown>;
  caseKey: string | null;
  files: ReadonlyArray<{ requirementKey: string; purpose: string }>;
}

/** The task list: each task present for this service, with its status, in the order they are done. */
export function taskStatuses(state: DraftState, options: CheckOptions): Array<{ key: TaskKey; status: TaskStatus }> {
  const done = doneSections(state.answers);
  const tasks: Array<{ key: TaskKey; status: TaskStatus }> = [];
  const questions = (section: QuestionSection) => {
    const fields = sectionFields(state.definition, section);
    if (fields.length === 0) return;
    const started = done.has(section) || fields.some((f) => isAnswered(state.answers[f.key]));
    const complete = done.has(section) && checkSection(state.definition, section, state.answers, options).errors.length === 0;
    tasks.push({ key: section, status: complete ? 'completed' : started ? 'in_progress' : 'not_started' });
  };
  questions('applicant');
  if (state.definition.cases.length > 1) tasks.push({ key: 'case', status: done.has('case') && state.caseKey ? 'completed' : 'not_started' });
  questions('details');
  const requirements = requirementsFor(state.definition, state.caseKey);
  if (requirements.length > 0) {
    const files = state.files.filter((f) => f.purpose === 'submission');
    const have = new Set(files.map((f) => f.requirementKey));
    const missing = requirements.some((r) => r.required && !have.has(r.key));
    tasks.push({ key: 'documents', status: done.has('documents') && !missing ? 'completed' : files.length > 0 || done.has('documents') ? 'in_progress' : 'not_started' });
  }
  const ready = tasks.every((t) => t.status === 'completed');
  tasks.push({ key: 'check', status: ready ? 'not_started' : 'cannot_start' });
  return tasks;
}
