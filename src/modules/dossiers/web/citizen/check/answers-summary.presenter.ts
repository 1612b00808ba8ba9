/** A draft's answers and documents as the check-answers page lists them, each with its "Thay đổi" link. */
import type { Locale } from '../../../../../platform/i18n/i18n.ts';
import type { DossierFileRef } from '../../../core/dossier.types.ts';
import type { FieldError } from '../../../core/dossier-deps.ts';
import type { FormField, ScalarField, ServiceDefinition } from '../../../service-config/service-config.types.ts';
import { formatAnswerDate } from '../citizen-time.presenter.ts';
import { requirementsFor, rootKey, sectionFields, sectionOf, shownPaths, TASK_PATHS, type QuestionSection } from '../draft-sections.workflow.ts';
import { errorSummary, fieldId } from '../questions/field-view.presenter.ts';
import type { UnitNames } from '../unit-names.service.ts';

/** One row: the question, the answer's lines (none = not answered) and where to change it. */
export interface SummaryRow {
  key: string;
  lines: string[];
  href: string;
}


const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown) => (value === null || value === undefined || typeof value === 'object' ? '' : String(value).trim());

function scalarText(field: ScalarField, value: unknown, locale: Locale, units: Pick<UnitNames, 'province' | 'commune'>): string {
  switch (field.kind) {
    case 'date': {
      if (typeof value === 'string') return formatAnswerDate(value, locale);
      const p = record(value);
      return [p.day, p.month, p.year].map(text).every((s) => s) ? `${text(p.day)}/${text(p.month)}/${text(p.year)}` : '';
    }
    case 'choice':
      return field.options.find((o) => o.value === text(value))?.label[locale] ?? text(value);
    case 'number':
      return typeof value === 'number' ? value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 6 }) : text(value);
    case 'address': {
      const p = record(value);
      const province = text(p.provinceCode);
      const commune = text(p.communeCode);
      return [text(p.street), units.commune(province, commune) ?? commune, units.province(province) ?? province].filter((s) => s).join(', ');
    }
    default:
      return text(value);
  }
}

/** The rows of one question section, for the fields a person sees with these answers. */
export function sectionRows(definition: ServiceDefinition, section: QuestionSection, answers: Record<string, unknown>, dossierId: string, locale: Locale, units: Pick<UnitNames, 'province' | 'commune'>): SummaryRow[] {
  const shown = shownPaths(definition.form, answers);
  const base = `/ho-so/${dossierId}/${TASK_PATHS[section]}`;
  const rows: SummaryRow[] = [];
  for (const field of sectionFields(definition, section)) {
    if (!shown.has(field.key)) continue;
    if (field.kind !== 'group') {
      const value = scalarText(field, answers[field.key], locale, units);
      rows.push({ key: field.label[locale], lines: value ? value.split('\n') : [], href: `${base}#${fieldId(field.key)}${field.kind === 'date' ? '-day' : ''}` });
      continue;
    }
    const items = Array.isArray(answers[field.key]) ? (answers[field.key] as unknown[]) : [];
    if (items.length === 0) rows.push({ key: field.label[locale], lines: [], href: `${base}#${fieldId(field.key)}` });
    items.forEach((item, index) => {
      const lines = field.fields
        .filter((child) => shown.has(`${field.key}[${index}].${child.key}`))
        .map((child) => `${child.label[locale]}: ${scalarText(child, record(item)[child.key], locale, units) || '—'}`);
      rows.push({ key: `${field.label[locale]} (${index + 1})`, lines, href: `${base}#${fieldId(`${field.key}[${index}]`)}` });
    });
  }
  return rows;
}

/** The documents of the chosen case with the names of the files received (none = missing). */
export function documentRows(definition: ServiceDefinition, caseKey: string | null, files: readonly DossierFileRef[], dossierId: string) {
  return requirementsFor(definition, caseKey).map((r) => ({
    key: r.name,
    emptyKey: r.required ? 'dossiers.citizen.check.missingFile' : 'dossiers.citizen.check.noFile',
    lines: files.filter((f) => f.purpose === 'submission' && f.requirementKey === r.key).map((f) => f.name),
    href: `/ho-so/${dossierId}/giay-to#doc-${r.key}`,
  }));
}

/** The problems submission found, each linking to the page where it is put right. */
export function submitErrors(definition: ServiceDefinition, errors: readonly FieldError[], dossierId: string, locale: Locale): Array<{ text: string; href: string }> {
  return errors.map((e) => {
    if (e.field === '$case') return { text: e.message[locale], href: `/ho-so/${dossierId}/truong-hop` };
    if (e.field.startsWith('documents.')) return { text: e.message[locale], href: `/ho-so/${dossierId}/giay-to#file-${e.field.slice('documents.'.length)}` };
    const field: FormField | undefined = definition.form.find((f) => f.key === rootKey(e.field));
    const section: QuestionSection = field ? sectionOf(field) : 'applicant';
    const fields = sectionFields(definition, section);
    const [entry] = errorSummary(fields, [{ field: e.field, code: e.code as never, message: e.message }], locale, `/ho-so/${dossierId}/${TASK_PATHS[section]}`);
    return field ? entry! : { text: e.message[locale], href: `/ho-so/${dossierId}/${TASK_PATHS[section]}` };
  });
}
