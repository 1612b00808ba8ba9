/** A DossierView as the official's dossier page shows it: overview, applicant, answers, files, steps, timeline. */
import type { Locale } from '../../../../../platform/i18n/i18n.ts';
import type { DossierView } from '../../../core/dossier-query.service.ts';
import type { DossierEventView, PersonDetails } from '../../../core/dossier.types.ts';
import type { FormField, ServiceDefinition } from '../../../service-config/service-config.types.ts';
import type { UnitNames } from '../back-office.types.ts';
import { formatTime } from '../back-office-view.presenter.ts';

/** One line of an event's details: a message key with its value, or the value alone. */
export interface DetailLine {
  labelKey?: string;
  /** Shown as it is, or (`translate`) a message key. */
  text: string;
  translate?: boolean;
}

/** Names of the 2025 units a dossier mentions, read once per page. */
export async function unitNamer(units: UnitNames) {
  const provinces = new Map((await units.listProvinces()).map((p) => [p.code, p.name ?? p.code]));
  const communes = new Map<string, Map<string, string>>();
  return async (address: { provinceCode?: string | null; communeCode?: string | null; street?: string | null; text?: string | null } | null | undefined): Promise<string> => {
    if (!address) return '';
    if (address.text) return address.text;
    let names = address.provinceCode ? communes.get(address.provinceCode) : undefined;
    if (address.provinceCode && !names) {
      names = new Map((await units.listCommunes(address.provinceCode).catch(() => [])).map((c) => [c.code, c.name ?? c.code]));
      communes.set(address.provinceCode, names);
    }
    const commune = address.communeCode ? (names?.get(address.communeCode) ?? address.communeCode) : null;
    const province = address.provinceCode ? (provinces.get(address.provinceCode) ?? address.provinceCode) : null;
    return [address.street, commune, province].filter(Boolean).join(', ');
  };
}

export type AddressNamer = Awaited<ReturnType<typeof unitNamer>>;

const isAddress = (v: unknown): v is { provinceCode: string; communeCode: string; street?: string | null } => typeof v === 'object' && v !== null && 'provinceCode' in v;
const dateText = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : v);

async function answerText(field: Exclude<FormField, { kind: 'group' }>, value: unknown, locale: Locale, addressOf: AddressNamer): Promise<string> {
  if (value === undefined || value === null || value === '') return '';
  if (field.kind === 'address' && isAddress(value)) return addressOf(value);
  if (field.kind === 'choice') return field.options.find((o) => o.value === value)?.label[locale] ?? String(value);
  if (field.kind === 'date') return dateText(String(value));
  return String(value);
}

/** The answers as summary-list rows, labelled by the service definition the dossier was filed under. */
export async function answerRows(definition: ServiceDefinition | null, answers: Record<string, unknown>, locale: Locale, addressOf: AddressNamer) {
  const rows: Array<{ key: string; value: string }> = [];
  if (!definition) {
    for (const [key, value] of Object.entries(answers)) rows.push({ key, value: isAddress(value) ? await addressOf(value) : typeof value === 'object' ? JSON.stringify(value) : String(value) });
    return rows;
  }
  for (const field of definition.form) {
    const value = answers[field.key];
    if (field.kind !== 'group') {
      const text = await answerText(field, value, locale, addressOf);
      if (text) rows.push({ key: field.label[locale], value: text });
      continue;
    }
    const items = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
    for (const [i, item] of items.entries()) {
      for (const child of field.fields) {
        const text = await answerText(child, item[child.key], locale, addressOf);
        if (text) rows.push({ key: `${field.label[locale]} ${i + 1}: ${child.label[locale]}`, value: text });
      }
    }
  }
  return rows;
}

/** A person as summary-list rows (owner or authorised submitter). */
export async function personRows(person: PersonDetails | null, addressOf: AddressNamer) {
  if (!person) return [];
  const rows: Array<{ key: string; value: string }> = [];
  const add = (key: string, value: string | null | undefined) => {
    if (value) rows.push({ key: `dossiers.office.person.${key}`, value });
  };
  add('fullName', person.fullName);
  add('organisation', person.organisationName);
  add('idNumber', person.idNumber);
  add('dateOfBirth', person.dateOfBirth ? dateText(person.dateOfBirth) : null);
  add('phone', person.phone);
  add('email', person.email);
  add('address', await addressOf(person.address));
  return rows;
}

const asText = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** What an event says beyond its type: reasons, the items asked for, the new appointment, the note… */
export function eventDetails(event: DossierEventView, names: ReadonlyMap<string, string>, steps: ServiceDefinition['steps'] | null, locale: Locale): DetailLine[] {
  const d = event.data;
  const lines: DetailLine[] = [];
  const line = (labelKey: string | undefined, text: string | null | undefined, translate = false) => {
    if (text) lines.push({ labelKey, text, translate });
  };
  const k = (key: string) => `dossiers.office.detail.${key}`;
  switch (event.type) {
    case 'supplement_requested':
      for (const item of Array.isArray(d.items) ? (d.items as Array<{ name?: string; reason?: string }>) : []) line(undefined, `${item.name ?? ''}: ${item.reason ?? ''}`);
      line(k('supplementDue'), formatTime(asText(d.supplementDueAt)));
      line(k('legalBasis'), asText(d.legalBasis));
      break;
    case 'refused':
    case 'stopped':
      line(k('reasons'), asText(d.reasons));
      break;
    case 'forwarded': {
      const step = d.step as { key?: string; name?: { vi: string; en: string } } | null;
      line(k('step'), step?.name?.[locale] ?? steps?.find((s) => s.key === step?.key)?.name[locale] ?? null);
      line(k('to'), typeof d.toAccountId === 'string' ? (names.get(d.toAccountId) ?? null) : null);
      break;
    }
    case 'assigned':
      line(k('to'), typeof d.toAccountId === 'string' ? (names.get(d.toAccountId) ?? null) : null);
      break;
    case 'payment_requested':
      line(k('amount'), typeof d.amountVnd === 'number' ? `${d.amountVnd.toLocaleString('vi-VN')} đồng` : null);
      line(k('description'), asText(d.description));
      break;
    case 'payment_recorded':
      line(k('reference'), asText(d.reference));
      line(k('amount'), typeof d.amountVnd === 'number' ? `${d.amountVnd.toLocaleString('vi-VN')} đồng` : null);
      break;
    case 'extended':
      line(k('reason'), asText(d.reason));
      line(k('dueBefore'), formatTime(asText(d.dueBefore)));
      line(k('dueAfter'), formatTime(asText(d.dueAfter)));
      break;
    case 'resolved':
      line(k('result'), asText(d.resultText));
      break;
    case 'returned':
      line(k('mode'), typeof d.mode === 'string' ? `dossiers.office.returnMode.${d.mode}` : null, true);
      break;
    case 'received':
      line(k('due'), formatTime(asText(d.dueAt)));
      break;
    case 'note':
      line(undefined, asText(d.text));
      break;
    case 'withdrawn':
      line(k('reason'), asText(d.reason));
      break;
    default:
      break;
  }
  if (event.type !== 'note') line(k('note'), asText(d.note));
  const files = Array.isArray(d.files) ? (d.files as Array<{ name?: string }>).map((f) => f.name).filter(Boolean) : [];
  if (files.length > 0) line(k('files'), files.join(', '));
  return lines;
}

/** Account ids an event names (forwarded or assigned to), to look their names up once. */
export function accountIdsIn(events: readonly DossierEventView[]): string[] {
  return [...new Set(events.map((e) => e.data.toAccountId).filter((id): id is string => typeof id === 'string'))];
}

/** The forms a dossier has grounds for, by the events on its timeline (DOMAIN §3.2). */
export function availableForms(view: Pick<DossierView, 'events' | 'code'>): Array<{ number: string; event: string }> {
  if (!view.code) return [];
  const has = (type: string) => view.events.some((e) => e.type === type);
  const forms: Array<{ number: string; event: string }> = [];
  if (has('received') || view.events.some((e) => e.statusTo === 'received')) forms.push({ number: '01', event: 'received' });
  if (has('supplement_requested')) forms.push({ number: '02', event: 'supplement_requested' });
  if (has('refused')) forms.push({ number: '03', event: 'refused' });
  if (has('extended')) forms.push({ number: '04', event: 'extended' });
  if (has('stopped')) forms.push({ number: '05', event: 'stopped' });
  return forms;
}
