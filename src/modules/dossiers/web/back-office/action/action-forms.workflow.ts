/**
 * The back office's action forms: which path each action has, what a form starts with, and how a
 * posted form becomes the action's input — or field errors, every one at once (GOV.UK). Pure.
 */
import type { ActionInput } from '../../../core/dossier-action.service.ts';
import type { OfficialAction } from '../../../core/dossier.types.ts';
import { parseVietnamTime } from '../../../working-time.workflow.ts';

/** Vietnamese path segment of each action: /can-bo/ho-so/{id}/{slug}. */
export const ACTION_SLUGS = {
  accept: 'tiep-nhan',
  request_supplement: 'yeu-cau-bo-sung',
  refuse: 'tu-choi',
  forward: 'chuyen-xu-ly',
  request_payment: 'yeu-cau-thanh-toan',
  record_payment: 'ghi-nhan-thanh-toan',
  stop: 'dung-xu-ly',
  extend: 'gia-han',
  approve: 'phe-duyet',
  return_result: 'tra-ket-qua',
  assign: 'phan-cong',
  note: 'ghi-chu',
} as const satisfies Record<OfficialAction, string>;

export const OFFICE_ACTIONS = Object.keys(ACTION_SLUGS) as OfficialAction[];

/** The form (biểu mẫu) each action issues, printed from the dossier page afterwards. */
export const ACTION_FORM: Partial<Record<OfficialAction, string>> = { accept: '01', request_supplement: '02', refuse: '03', extend: '04', stop: '05' };

export interface FieldError {
  field: string;
  messageKey: string;
  params?: Record<string, unknown>;
}

export type Fields = Record<string, string | string[] | undefined>;
export type Values = Record<string, unknown>;
export type Parsed<A extends OfficialAction> = { ok: true; input: ActionInput<A> } | { ok: false; errors: FieldError[] };

/** Empty rows the supplement form shows at first and adds per "add rows" press (no JavaScript needed). */
export const SUPPLEMENT_ROWS = 3;
export const SUPPLEMENT_MAX_ROWS = 50;

export interface ActionContext {
  stepIndex: number;
  stepCount: number;
  /** The current appointment time, ISO. */
  dueAt: string | null;
  officialIds: readonly string[];
  channel: string;
}

const E = (code: string) => `dossiers.office.action.errors.${code}`;

function text(fields: Fields, name: string): string {
  const value = fields[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.normalize('NFC').replace(/\r\n?/g, '\n').trim() : '';
}

/** Required text up to `max` characters: the value, or an error on `field`. */
function need(fields: Fields, field: string, max: number, errors: FieldError[], code = 'required'): string {
  const value = text(fields, field);
  if (!value) errors.push({ field, messageKey: E(`${field}.${code}`) });
  else if ([...value].length > max) errors.push({ field, messageKey: E('tooLong'), params: { max } });
  return value;
}

function optional(fields: Fields, field: string, max: number, errors: FieldError[]): string | undefined {
  const value = text(fields, field);
  if ([...value].length > max) errors.push({ field, messageKey: E('tooLong'), params: { max } });
  return value || undefined;
}

/** "1.500.000", "1 500 000", "1500000 đồng" → 1500000; null when it is not a whole amount. */
export function parseAmount(value: string): number | null {
  const compact = value.replace(/(đồng|vnd|đ)$/i, '').replace(/[\s.,]/g, '');
  return /^\d{1,12}$/.test(compact) ? Number(compact) : null;
}

/** dd/mm/yyyy + HH:mm in Vietnam time → ISO with +07:00, or null. */
export function parseDateTime(date: string, time: string): string | null {
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.replace(/\s/g, ''));
  const t = /^(\d{1,2})[:h](\d{2})$/.exec(time.replace(/\s/g, ''));
  if (!d || !t || Number(t[1]) > 23 || Number(t[2]) > 59) return null;
  const iso = `${d[3]}-${d[2]!.padStart(2, '0')}-${d[1]!.padStart(2, '0')}T${t[1]!.padStart(2, '0')}:${t[2]}:00+07:00`;
  return parseVietnamTime(iso) ? iso : null;
}

/** The rows of the supplement form as posted (name-0/reason-0 …), at least `minRows`. */
export function supplementRows(fields: Fields, minRows: number): Array<{ name: string; reason: string }> {
  const posted = Number.parseInt(text(fields, 'rows'), 10);
  const count = Math.min(SUPPLEMENT_MAX_ROWS, Math.max(minRows, Number.isFinite(posted) ? posted : 0));
  return Array.from({ length: count }, (_, i) => ({ name: text(fields, `name-${i}`), reason: text(fields, `reason-${i}`) }));
}

/** What a form shows the first time it is opened. */
export function initialValues(action: OfficialAction, ctx: ActionContext): Values {
  switch (action) {
    case 'request_supplement':
      return { rows: supplementRows({}, SUPPLEMENT_ROWS) };
    case 'forward':
      return { toStep: String(Math.min(ctx.stepIndex + 1, Math.max(0, ctx.stepCount - 1))) };
    case 'return_result':
      return { mode: ctx.channel === 'online' ? 'electronic' : 'desk' };
    case 'extend':
      return { newTime: ctx.dueAt ? (parseVietnamTimeOfDay(ctx.dueAt) ?? '') : '' };
    default:
      return {};
  }
}

function parseVietnamTimeOfDay(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const local = new Date(date.getTime() + 7 * 3_600_000);
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/** The values to show again after a refused post (what the official typed, kept). */
export function postedValues(action: OfficialAction, fields: Fields): Values {
  const keep = (...names: string[]) => Object.fromEntries(names.map((n) => [n, text(fields, n)]));
  switch (action) {
    case 'request_supplement':
      return { ...keep('note', 'legalBasis'), rows: supplementRows(fields, 1) };
    case 'accept':
      return keep('note');
    case 'refuse':
    case 'stop':
      return keep('reasons');
    case 'forward':
      return keep('toStep', 'toAccountId', 'note');
    case 'request_payment':
      return keep('amount', 'description');
    case 'record_payment':
      return keep('reference', 'amount');
    case 'extend':
      return keep('reason', 'newDate', 'newTime');
    case 'approve':
      return keep('resultText');
    case 'return_result':
      return keep('mode', 'note');
    case 'assign':
      return keep('toAccountId');
    case 'note':
      return keep('text');
  }
}

/** The action's input from a posted form, or every problem in it. Files of `approve` are added by the page. */
export function parseActionForm<A extends OfficialAction>(action: A, fields: Fields, ctx: ActionContext): Parsed<A> {
  const errors: FieldError[] = [];
  const input = readInput(action, fields, ctx, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, input: input as ActionInput<A> };
}

function readInput(action: OfficialAction, fields: Fields, ctx: ActionContext, errors: FieldError[]): unknown {
  switch (action) {
    case 'accept':
      return { note: optional(fields, 'note', 2000, errors) };
    case 'refuse':
    case 'stop':
      return { reasons: need(fields, 'reasons', 4000, errors) };
    case 'request_supplement':
      return readSupplement(fields, errors);
    case 'forward': {
      const step = Number.parseInt(text(fields, 'toStep'), 10);
      if (!Number.isInteger(step) || step < 0 || step >= Math.max(1, ctx.stepCount)) errors.push({ field: 'toStep', messageKey: E('toStep.required') });
      const to = text(fields, 'toAccountId');
      if (to && !ctx.officialIds.includes(to)) errors.push({ field: 'toAccountId', messageKey: E('toAccountId.unknown') });
      return { toStep: step, toAccountId: to || undefined, note: optional(fields, 'note', 2000, errors) };
    }
    case 'request_payment': {
      const raw = need(fields, 'amount', 40, errors);
      const amount = raw ? parseAmount(raw) : null;
      if (raw && (amount === null || amount <= 0 || amount > 10_000_000_000)) errors.push({ field: 'amount', messageKey: E('amount.invalid') });
      return { amountVnd: amount ?? 0, description: need(fields, 'description', 500, errors) };
    }
    case 'record_payment': {
      const raw = text(fields, 'amount');
      const amount = raw ? parseAmount(raw) : null;
      if (raw && amount === null) errors.push({ field: 'amount', messageKey: E('amount.invalid') });
      return { reference: optional(fields, 'reference', 200, errors), amountVnd: amount ?? undefined };
    }
    case 'extend':
      return readExtension(fields, ctx, errors);
    case 'approve':
      return { resultText: need(fields, 'resultText', 4000, errors), files: [] };
    case 'return_result': {
      const mode = text(fields, 'mode');
      if (!['electronic', 'desk', 'postal'].includes(mode)) errors.push({ field: 'mode', messageKey: E('mode.required') });
      return { mode, note: optional(fields, 'note', 2000, errors) };
    }
    case 'assign': {
      const to = text(fields, 'toAccountId');
      if (!to) errors.push({ field: 'toAccountId', messageKey: E('toAccountId.required') });
      else if (!ctx.officialIds.includes(to)) errors.push({ field: 'toAccountId', messageKey: E('toAccountId.unknown') });
      return { toAccountId: to };
    }
    case 'note':
      return { text: need(fields, 'text', 4000, errors) };
  }
}

function readSupplement(fields: Fields, errors: FieldError[]) {
  const rows = supplementRows(fields, 1);
  const items: Array<{ name: string; reason: string }> = [];
  rows.forEach((row, i) => {
    if (!row.name && !row.reason) return;
    if (!row.name) errors.push({ field: `name-${i}`, messageKey: E('itemName.required'), params: { n: i + 1 } });
    else if ([...row.name].length > 500) errors.push({ field: `name-${i}`, messageKey: E('tooLong'), params: { max: 500 } });
    if (!row.reason) errors.push({ field: `reason-${i}`, messageKey: E('itemReason.required'), params: { n: i + 1 } });
    else if ([...row.reason].length > 1000) errors.push({ field: `reason-${i}`, messageKey: E('tooLong'), params: { max: 1000 } });
    items.push(row);
  });
  if (items.length === 0) errors.push({ field: 'name-0', messageKey: E('items.required') });
  return { items, note: optional(fields, 'note', 2000, errors), legalBasis: optional(fields, 'legalBasis', 500, errors) };
}

function readExtension(fields: Fields, ctx: ActionContext, errors: FieldError[]) {
  const reason = need(fields, 'reason', 4000, errors);
  const date = text(fields, 'newDate');
  const time = text(fields, 'newTime');
  let newDueAt = '';
  if (!date) errors.push({ field: 'newDate', messageKey: E('newDate.required') });
  else {
    const parsed = parseDateTime(date, time || '17:00');
    if (!parsed) errors.push({ field: time && parseDateTime(date, '17:00') ? 'newTime' : 'newDate', messageKey: E('newDate.invalid') });
    else if (ctx.dueAt && new Date(parsed) <= new Date(ctx.dueAt)) errors.push({ field: 'newDate', messageKey: E('newDate.notLater') });
    else newDueAt = parsed;
  }
  return { reason, newDueAt };
}
