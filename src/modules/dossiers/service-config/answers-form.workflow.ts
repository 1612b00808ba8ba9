/**
 * Answers as the portal keeps them, the flat shape an HTML form posts, and the answers the profile
 * already gives (never ask twice). Pure.
 *
 * Flat shape (the bracket convention of PHP/Rails forms; @fastify/formbody leaves the keys as they
 * are): `key`, `address_key[provinceCode]`, `address_key[communeCode]`, `address_key[street]`,
 * `date_key[year]`/`[month]`/`[day]` (GOV.UK's three-box date) or `date_key`, and for repeatable
 * groups `group_key[0][child_key]`, `group_key[0][child_address][provinceCode]`. Only keys the
 * definition names are read; a repeated key counts once (the first value).
 */
import type { FormField, ProfileSource, ScalarField, ServiceDefinition } from './service-config.types.ts';

export interface AddressAnswer {
  provinceCode: string;
  communeCode: string;
  street: string | null;
}

export type ScalarAnswer = string | number | AddressAnswer;
export type GroupItemAnswers = Record<string, ScalarAnswer>;
export type AnswerValue = ScalarAnswer | GroupItemAnswers[];
/** Valid answers: field key → value, hidden and empty optional fields left out. */
export type Answers = Record<string, AnswerValue>;

/** Profile values, as identity's Account has them (any may be missing). */
export interface PrefillProfile {
  fullName?: string | null;
  dateOfBirth?: string | null;
  sex?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  permanentAddress?: { provinceCode: string | null; communeCode: string | null; street: string | null } | null;
  currentAddress?: { provinceCode: string | null; communeCode: string | null; street: string | null } | null;
}

/** Items read from a flat form at most: beyond any group's maxItems (≤ 100) the rest is ignored. */
const MAX_FLAT_INDEX = 100;
const SUBKEYS = ['provinceCode', 'communeCode', 'street', 'year', 'month', 'day'] as const;

/** Whether `raw` is a posted form (flat keys with brackets) rather than nested JSON. */
export function isFlatForm(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).some((k) => k.includes('['));
}

/** The nested answers of a flat form body: see the module comment for the key convention. */
export function answersFromForm(definition: ServiceDefinition, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of definition.form) {
    if (field.kind === 'group') {
      const items = groupIndexes(body, field.key).map((i) => readScalars(body, field.fields, `${field.key}[${i}]`));
      if (items.length > 0) out[field.key] = items;
    } else {
      Object.assign(out, readScalars(body, [field], ''));
    }
  }
  return out;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function readScalars(body: Record<string, unknown>, fields: readonly ScalarField[], prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const name = prefix ? `${prefix}[${field.key}]` : field.key;
    const direct = Object.hasOwn(body, name) ? first(body[name]) : undefined;
    if (direct !== undefined) {
      out[field.key] = direct;
      continue;
    }
    const parts: Record<string, unknown> = {};
    for (const sub of SUBKEYS) if (Object.hasOwn(body, `${name}[${sub}]`)) parts[sub] = first(body[`${name}[${sub}]`]);
    if (Object.keys(parts).length > 0) out[field.key] = parts;
  }
  return out;
}

/** The item indexes a form posted for a group, in order (`children[0][…]`, `children[2][…]` → 0, 2). */
function groupIndexes(body: Record<string, unknown>, key: string): number[] {
  const prefix = `${key}[`;
  const found = new Set<number>();
  for (const name of Object.keys(body)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^\[(\d{1,3})\]\[/.exec(name.slice(key.length));
    if (match && Number(match[1]) < MAX_FLAT_INDEX) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** The answers the profile gives for fields that name a prefill source (top-level fields only). */
export function prefillAnswers(definition: ServiceDefinition, profile: PrefillProfile): Answers {
  const out: Answers = {};
  for (const field of definition.form) {
    if (field.kind === 'group' || !field.prefill) continue;
    const value = profileValue(field, field.prefill, profile);
    if (value !== null) out[field.key] = value;
  }
  return out;
}

function profileValue(field: Exclude<FormField, { kind: 'group' }>, source: ProfileSource, profile: PrefillProfile): ScalarAnswer | null {
  if (source === 'permanentAddress' || source === 'currentAddress') {
    const address = profile[source];
    if (!address?.provinceCode || !address.communeCode) return null;
    return { provinceCode: address.provinceCode, communeCode: address.communeCode, street: address.street?.trim() || null };
  }
  const value = profile[source];
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (field.kind === 'choice' && !field.options.some((o) => o.value === value)) return null;
  return value.normalize('NFC').trim();
}
