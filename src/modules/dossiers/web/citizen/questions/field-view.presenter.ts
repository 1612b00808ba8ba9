/**
 * The service definition's form fields as the question pages render them: ids, the flat input
 * names answersFromForm reads back (`key`, `key[day]`, `addr[provinceCode]`, `group[0][child]`),
 * the values to show (saved or just posted, valid or not) and each field's error.
 */
import type { Locale } from '../../../../../platform/i18n/i18n.ts';
import type { AnswerError } from '../../../service-config/answers-validate.workflow.ts';
import type { FormField, GroupField, Localized, ScalarField } from '../../../service-config/service-config.types.ts';

export interface Option {
  value: string;
  text: string;
  selected: boolean;
}

interface Common {
  id: string;
  label: string;
  hint: string | null;
  optional: boolean;
  error: string | null;
}

export type FieldView =
  | (Common & { kind: 'text'; name: string; value: string; inputType: 'text' | 'tel' | 'email'; inputmode: string | null; autocomplete: string | null; width: string | null })
  | (Common & { kind: 'textarea'; name: string; value: string })
  | (Common & { kind: 'date'; names: { day: string; month: string; year: string }; day: string; month: string; year: string })
  | (Common & { kind: 'radios' | 'select'; name: string; options: Option[] })
  | (Common & {
      kind: 'address';
      province: { id: string; name: string; options: Option[]; error: string | null };
      commune: { id: string; name: string; options: Option[]; error: string | null } | null;
      street: { id: string; name: string; value: string; error: string | null };
      action: string;
    })
  | (Common & { kind: 'group'; items: Array<{ n: number; id: string; fields: FieldView[]; remove: string | null }>; add: string | null });

export interface UnitOptions {
  provinces: ReadonlyArray<{ code: string; name?: string }>;
  /** The communes of a province already fetched, or undefined. */
  communes(provinceCode: string): ReadonlyArray<{ code: string; name?: string }> | undefined;
}

/** `grp[1].addr.communeCode` → `f-grp-1-addr-communeCode`: an id safe in HTML and in a URL fragment. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\]\.|\]\[|\[|\]|\./g, '-').replace(/-+$/, '')}`;
}

const pick = (text: Localized | undefined, locale: Locale) => (text ? text[locale] : null);
const str = (value: unknown) => (value === null || value === undefined || typeof value === 'object' ? '' : String(value));
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** A saved "2026-12-04" or posted { day, month, year }, as the three boxes show it. */
function dateParts(value: unknown): { day: string; month: string; year: string } {
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) return { year: match[1]!, month: String(Number(match[2])), day: String(Number(match[3])) };
    return { day: '', month: '', year: '' };
  }
  const parts = record(value);
  return { day: str(parts.day), month: str(parts.month), year: str(parts.year) };
}

export interface BuildContext {
  locale: Locale;
  errors: ReadonlyMap<string, string>;
  units: UnitOptions;
}

/** Error messages by field path, in the page's language. */
export function errorMessages(errors: readonly AnswerError[], locale: Locale): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of errors) if (!map.has(e.field)) map.set(e.field, e.message[locale]);
  return map;
}

function scalarView(field: ScalarField, path: string, name: string, value: unknown, ctx: BuildContext): FieldView {
  const id = fieldId(path);
  const common: Common = { id, label: field.label[ctx.locale], hint: pick(field.hint, ctx.locale), optional: !field.required, error: ctx.errors.get(path) ?? null };
  switch (field.kind) {
    case 'textarea':
      return { ...common, kind: 'textarea', name, value: str(value) };
    case 'date':
      return { ...common, kind: 'date', names: { day: `${name}[day]`, month: `${name}[month]`, year: `${name}[year]` }, ...dateParts(value) };
    case 'choice':
      return { ...common, kind: field.display, name, options: field.options.map((o) => ({ value: o.value, text: o.label[ctx.locale], selected: str(value) === o.value })) };
    case 'address': {
      const parts = record(value);
      const provinceCode = str(parts.provinceCode);
      const communes = provinceCode ? ctx.units.communes(provinceCode) : undefined;
      return {
        ...common,
        error: ctx.errors.get(path) ?? null,
        kind: 'address',
        province: {
          id: fieldId(`${path}.provinceCode`),
          name: `${name}[provinceCode]`,
          options: ctx.units.provinces.map((p) => ({ value: p.code, text: p.name ?? p.code, selected: p.code === provinceCode })),
          error: ctx.errors.get(`${path}.provinceCode`) ?? null,
        },
        commune: communes
          ? {
              id: fieldId(`${path}.communeCode`),
              name: `${name}[communeCode]`,
              options: communes.map((c) => ({ value: c.code, text: c.name ?? c.code, selected: c.code === str(parts.communeCode) })),
              error: ctx.errors.get(`${path}.communeCode`) ?? null,
            }
          : null,
        street: { id: fieldId(`${path}.street`), name: `${name}[street]`, value: str(parts.street), error: ctx.errors.get(`${path}.street`) ?? null },
        action: `units:${path}`,
      };
    }
    default: {
      const formats = {
        text: { inputType: 'text', inputmode: null, autocomplete: field.prefill === 'fullName' ? 'name' : null, width: null },
        number: { inputType: 'text', inputmode: field.kind === 'number' && field.integer ? 'numeric' : 'decimal', autocomplete: null, width: 'govuk-input--width-10' },
        citizen_id: { inputType: 'text', inputmode: 'numeric', autocomplete: 'off', width: 'govuk-input--width-20' },
        phone: { inputType: 'tel', inputmode: null, autocomplete: 'tel', width: 'govuk-input--width-20' },
        email: { inputType: 'email', inputmode: null, autocomplete: 'email', width: null },
      } as const;
      return { ...common, kind: 'text', name, value: str(value), ...formats[field.kind] };
    }
  }
}

function groupView(field: GroupField, value: unknown, shown: ReadonlySet<string>, ctx: BuildContext): FieldView {
  const items = Array.isArray(value) ? value : [];
  return {
    kind: 'group',
    id: fieldId(field.key),
    label: field.label[ctx.locale],
    hint: pick(field.hint, ctx.locale),
    optional: field.minItems === 0,
    error: ctx.errors.get(field.key) ?? null,
    items: items.map((item, index) => ({
      n: index + 1,
      id: fieldId(`${field.key}[${index}]`),
      fields: field.fields
        .filter((child) => shown.has(`${field.key}[${index}].${child.key}`))
        .map((child) => scalarView(child, `${field.key}[${index}].${child.key}`, `${field.key}[${index}][${child.key}]`, record(item)[child.key], ctx)),
      remove: items.length > field.minItems ? `remove:${field.key}:${index}` : null,
    })),
    add: items.length < field.maxItems ? `add:${field.key}` : null,
  };
}

/** The views of `fields` that `shown` (see shownPaths) says are visible with these answers. */
export function buildFieldViews(fields: readonly FormField[], answers: Record<string, unknown>, shown: ReadonlySet<string>, ctx: BuildContext): FieldView[] {
  return fields
    .filter((f) => shown.has(f.key))
    .map((f) => (f.kind === 'group' ? groupView(f, answers[f.key], shown, ctx) : scalarView(f, f.key, f.key, answers[f.key], ctx)));
}

/** The province codes chosen in the address fields (top level and in group items), to fetch their communes. */
export function chosenProvinces(fields: readonly FormField[], answers: Record<string, unknown>): string[] {
  const codes = new Set<string>();
  const take = (value: unknown) => {
    const code = str(record(value).provinceCode);
    if (/^\d{2}$/.test(code)) codes.add(code);
  };
  for (const f of fields) {
    if (f.kind === 'address') take(answers[f.key]);
    if (f.kind === 'group') {
      const items = Array.isArray(answers[f.key]) ? (answers[f.key] as unknown[]) : [];
      for (const item of items) for (const child of f.fields) if (child.kind === 'address') take(record(item)[child.key]);
    }
  }
  return [...codes];
}

/** Where each error in the summary links to: the first box of a date, the very select of an address. */
export function errorSummary(fields: readonly FormField[], errors: readonly AnswerError[], locale: Locale, pageUrl = ''): Array<{ text: string; href: string }> {
  const kindAt = (path: string): string | undefined => {
    const [root, rest] = [path.split(/[.[]/)[0]!, path.slice(path.indexOf('[') + 1)];
    const field = fields.find((f) => f.key === root);
    if (!field || field.kind !== 'group' || !path.includes('[')) return field?.kind;
    const childKey = /^\d+\]\.([a-z0-9_]+)/.exec(rest)?.[1];
    return field.fields.find((c) => c.key === childKey)?.kind;
  };
  // Items of a group ask the same questions: the summary says which item each error is in.
  const itemOf = (path: string) => {
    const match = /^([a-z][a-z0-9_]*)\[(\d+)\]/.exec(path);
    const group = match ? fields.find((f) => f.key === match[1]) : undefined;
    return group ? `${group.label[locale]} (${Number(match![2]) + 1}): ` : '';
  };
  return errors.map((e) => ({ text: `${itemOf(e.field)}${e.message[locale]}`, href: `${pageUrl}#${fieldId(e.field)}${kindAt(e.field) === 'date' ? '-day' : ''}` }));
}
