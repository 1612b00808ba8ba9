/**
 * The service's form fields as flat render items for the desk page: labels in the page's language,
 * posted values kept, errors placed, province → commune lists. Names follow the flat form
 * convention `answersFromForm` reads (`key`, `key[provinceCode]`, `key[day]`, `group[0][child]`).
 */
import type { Locale } from '../../../../../platform/i18n/i18n.ts';
import type { FormField, ScalarField, ServiceDefinition } from '../../../service-config/service-config.types.ts';

export type Posted = Record<string, string | string[] | undefined>;

export interface RenderItem {
  kind: 'text' | 'textarea' | 'number' | 'date' | 'radios' | 'select' | 'address' | 'heading';
  id: string;
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  value?: string;
  /** Date parts or address parts, by sub-key. */
  parts?: Record<string, string>;
  options?: Array<{ value: string; text: string }>;
  inputmode?: string;
  autocomplete?: string;
  /** Communes of the chosen province (address only). */
  communes?: ReadonlyArray<{ code: string; name: string }>;
  error?: string;
  /** Sub-field errors (address parts, date), by sub-key. */
  partErrors?: Record<string, string>;
}

/** The input id of a flat name or an error path: `a[0][b]` and `a[0].b` both → `a-0-b`. */
export function idOf(path: string): string {
  return path.replace(/[[\].]+/g, '-').replace(/^-+|-+$/g, '');
}

function value(posted: Posted, name: string): string {
  const v = posted[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

const AUTOCOMPLETE: Partial<Record<string, string>> = { fullName: 'off' };

/** Render items for every field of the form (groups as a heading and `minItems` (at least one) rows of their fields). */
export function renderItems(
  definition: ServiceDefinition,
  posted: Posted,
  errors: ReadonlyMap<string, string>,
  locale: Locale,
  communesOf: (provinceCode: string) => ReadonlyArray<{ code: string; name: string }> | undefined,
): RenderItem[] {
  const items: RenderItem[] = [];
  const add = (field: ScalarField, name: string) => items.push(scalarItem(field, name, posted, errors, locale, communesOf));
  for (const field of definition.form) {
    if (field.kind !== 'group') {
      add(field, field.key);
      continue;
    }
    const rows = Math.max(1, field.minItems, postedRows(posted, field.key));
    for (let i = 0; i < Math.min(rows, field.maxItems); i++) {
      items.push({ kind: 'heading', id: idOf(`${field.key}[${i}]`), name: '', label: `${field.label[locale]} ${i + 1}`, required: false, error: errors.get(idOf(field.key)) });
      for (const child of field.fields) add(child, `${field.key}[${i}][${child.key}]`);
    }
  }
  return items;
}

function postedRows(posted: Posted, key: string): number {
  let most = 0;
  for (const name of Object.keys(posted)) {
    const match = name.startsWith(`${key}[`) ? /^\[(\d{1,2})\]/.exec(name.slice(key.length)) : null;
    if (match) most = Math.max(most, Number(match[1]) + 1);
  }
  return most;
}

function scalarItem(
  field: ScalarField,
  name: string,
  posted: Posted,
  errors: ReadonlyMap<string, string>,
  locale: Locale,
  communesOf: (provinceCode: string) => ReadonlyArray<{ code: string; name: string }> | undefined,
): RenderItem {
  const id = idOf(name);
  const common = { id, name, label: field.label[locale], hint: field.hint?.[locale], required: field.required, error: errors.get(id) };
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return { ...common, kind: field.kind, value: value(posted, name), autocomplete: field.prefill ? AUTOCOMPLETE[field.prefill] : undefined };
    case 'number':
      return { ...common, kind: 'number', value: value(posted, name), inputmode: 'decimal' };
    case 'citizen_id':
      return { ...common, kind: 'text', value: value(posted, name), inputmode: 'numeric' };
    case 'phone':
      return { ...common, kind: 'text', value: value(posted, name), inputmode: 'tel' };
    case 'email':
      return { ...common, kind: 'text', value: value(posted, name) };
    case 'date': {
      const parts = Object.fromEntries(['day', 'month', 'year'].map((p) => [p, value(posted, `${name}[${p}]`)]));
      return { ...common, kind: 'date', parts };
    }
    case 'choice':
      return { ...common, kind: field.display === 'select' ? 'select' : 'radios', value: value(posted, name), options: field.options.map((o) => ({ value: o.value, text: o.label[locale] })) };
    case 'address': {
      const parts = Object.fromEntries(['provinceCode', 'communeCode', 'street'].map((p) => [p, value(posted, `${name}[${p}]`)]));
      const partErrors = Object.fromEntries(['provinceCode', 'communeCode', 'street'].flatMap((p) => (errors.has(`${id}-${p}`) ? [[p, errors.get(`${id}-${p}`)!]] : [])));
      return { ...common, kind: 'address', parts, partErrors, communes: parts.provinceCode ? (communesOf(parts.provinceCode) ?? []) : [] };
    }
  }
}

/** Provinces chosen in the posted address fields (to load their communes). */
export function chosenProvinces(definition: ServiceDefinition, posted: Posted): string[] {
  const addressKeys = new Set<string>();
  const walk = (fields: readonly FormField[]) => fields.forEach((f) => (f.kind === 'group' ? walk(f.fields) : f.kind === 'address' && addressKeys.add(f.key)));
  walk(definition.form);
  const found = new Set<string>();
  for (const [name, v] of Object.entries(posted)) {
    const match = /\[([a-z][a-z0-9_]*)\]\[provinceCode\]$|^([a-z][a-z0-9_]*)\[provinceCode\]$/.exec(name);
    const key = match?.[1] ?? match?.[2];
    const code = Array.isArray(v) ? v[0] : v;
    if (key && addressKeys.has(key) && code && /^\d{2}$/.test(code)) found.add(code);
  }
  return [...found];
}
