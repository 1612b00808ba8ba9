/**
 * The settings form of a service (steps, fees, online level, supplement days, required documents):
 * what the page shows, what was posted, and the definition it makes. Input problems are values.
 */
import { FEE_COLLECTION, ONLINE_LEVELS, STEP_ROLES, type DefinitionProblem, type Localized, type ServiceDefinition } from '../../service-config/service-config.types.ts';

/** An error on a page: the element id it links to, and a message key or a ready text in both languages. */
export interface PageError {
  field: string;
  messageKey?: string;
  params?: Record<string, unknown>;
  text?: Localized;
}

export interface SettingsValues {
  baseVersion: string;
  steps: Array<{ role: string; budgetHours: string }>;
  fees: Array<{ amountVnd: string; collect: string }>;
  onlineLevel: string;
  supplementDays: string;
  required: string[];
}

export function settingsValuesOf(definition: ServiceDefinition, version: number): SettingsValues {
  return {
    baseVersion: String(version),
    steps: definition.steps.map((s) => ({ role: s.role, budgetHours: String(s.budgetHours) })),
    fees: definition.fees.map((f) => ({ amountVnd: f.amountVnd === null ? '' : String(f.amountVnd), collect: f.collect })),
    onlineLevel: definition.onlineLevel,
    supplementDays: String(definition.supplementDays),
    required: definition.documents.filter((d) => d.required).map((d) => d.key),
  };
}

function field(body: Record<string, unknown>, name: string): string {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.normalize('NFC').trim() : '';
}

/** The version the posted form was laid out over ('' when absent). */
export function postedBaseVersion(body: unknown): string {
  return field((typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>, 'baseVersion');
}

/** The posted form, read for the definition's steps and fees (other keys are ignored). */
export function readSettingsForm(body: unknown, definition: ServiceDefinition): SettingsValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const required = Object.hasOwn(b, 'required') ? b.required : [];
  return {
    baseVersion: field(b, 'baseVersion'),
    steps: definition.steps.map((_, i) => ({ role: field(b, `steps[${i}][role]`), budgetHours: field(b, `steps[${i}][budgetHours]`) })),
    fees: definition.fees.map((_, i) => ({ amountVnd: field(b, `fees[${i}][amountVnd]`), collect: field(b, `fees[${i}][collect]`) })),
    onlineLevel: field(b, 'onlineLevel'),
    supplementDays: field(b, 'supplementDays'),
    required: (Array.isArray(required) ? required : [required]).filter((v): v is string => typeof v === 'string'),
  };
}

const includes = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Hours such as "4", "1,5" or "0.25": positive, in quarter hours. */
function parseHours(text: string): number | null {
  if (!/^\d{1,6}(?:[.,]\d{1,2})?$/.test(text)) return null;
  const hours = Number(text.replace(',', '.'));
  return hours > 0 && hours <= 100_000 && Number.isInteger(hours * 4) ? hours : null;
}

/** Đồng, written "200000", "200.000" or "200 000"; empty = not stated. */
function parseAmount(text: string): number | null | undefined {
  if (text === '') return null;
  if (!/^\d{1,3}(?:[.\s]\d{3})*$|^\d{1,13}$/.test(text)) return undefined;
  return Number(text.replace(/[.\s]/g, ''));
}

/** The definition with the posted settings, or the fields to correct. */
export function applySettings(definition: ServiceDefinition, values: SettingsValues): { ok: true; definition: ServiceDefinition } | { ok: false; errors: PageError[] } {
  const errors: PageError[] = [];
  const next = structuredClone(definition);
  values.steps.forEach((v, i) => {
    const step = next.steps[i]!;
    if (includes(STEP_ROLES, v.role)) step.role = v.role;
    else errors.push({ field: `steps-${i}-role`, messageKey: 'serviceConfig.settings.errors.role', params: { n: i + 1 } });
    const hours = parseHours(v.budgetHours);
    if (hours === null) errors.push({ field: `steps-${i}-budgetHours`, messageKey: 'serviceConfig.settings.errors.budget', params: { n: i + 1 } });
    else step.budgetHours = hours;
  });
  values.fees.forEach((v, i) => {
    const fee = next.fees[i]!;
    const amount = parseAmount(v.amountVnd);
    if (amount === undefined) errors.push({ field: `fees-${i}-amountVnd`, messageKey: 'serviceConfig.settings.errors.amount' });
    else fee.amountVnd = amount;
    if (includes(FEE_COLLECTION, v.collect)) fee.collect = v.collect;
    else errors.push({ field: `fees-${i}-collect`, messageKey: 'serviceConfig.settings.errors.collect' });
  });
  if (includes(ONLINE_LEVELS, values.onlineLevel)) next.onlineLevel = values.onlineLevel;
  else errors.push({ field: 'onlineLevel', messageKey: 'serviceConfig.settings.errors.onlineLevel' });
  const days = /^\d{1,3}$/.test(values.supplementDays) ? Number(values.supplementDays) : 0;
  if (days >= 1 && days <= 365) next.supplementDays = days;
  else errors.push({ field: 'supplementDays', messageKey: 'serviceConfig.settings.errors.supplementDays' });
  const required = new Set(values.required);
  for (const doc of next.documents) doc.required = required.has(doc.key);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definition: next };
}

/** Where on the settings page a problem found by the service belongs. */
export function settingsErrorOf(problem: DefinitionProblem): PageError {
  const at = /^(steps|fees)\[(\d+)\]\.(\w+)/.exec(problem.path);
  let fieldId = 'onlineLevel';
  if (at) fieldId = at[1] === 'steps' ? `steps-${at[2]}-${at[3] === 'budgetHours' ? 'budgetHours' : 'role'}` : `fees-${at[2]}-${at[3] === 'amountVnd' ? 'amountVnd' : 'collect'}`;
  else if (problem.path === 'steps') fieldId = 'steps-0-role';
  else if (problem.path === 'supplementDays') fieldId = 'supplementDays';
  return { field: fieldId, text: problem.message };
}
