/**
 * Version 1 of a service configuration, proposed from the catalog record: the applicant block the
 * portal prefills, a summary of the request, the documents of each case, fees and durations per
 * channel and four default steps. Pure: nothing beyond what the record says, no I/O, no clock.
 */
import { foldDiacritics } from '../../../platform/i18n/text.ts';
import type { ProcedureRecord } from '../../catalog/index.ts';
import type { Channel, Duration } from '../deadline.workflow.ts';
import {
  DEFAULT_SUPPLEMENT_DAYS,
  FILE_TYPES,
  type DocumentRequirement,
  type FormField,
  type ResultMethod,
  type ServiceCase,
  type ServiceDefinition,
  type ServiceDuration,
  type ServiceFee,
  type ServiceOnlineLevel,
  type ServiceStep,
} from './service-config.types.ts';

const CHANNEL_ORDER: readonly Channel[] = ['online', 'in_person', 'postal'];
const KEY_LENGTH = 40;
export const DEFAULT_MAX_FILES = 5;
/** Working hours assumed when the catalog gives no duration: five working days [D], for the admin to change. */
export const FALLBACK_TOTAL_HOURS = 40;

/** The applicant block and the request summary every generated form starts with (never ask twice: prefilled). */
export const APPLICANT_FIELDS: readonly FormField[] = [
  { kind: 'text', key: 'applicant_full_name', label: { vi: 'Họ, chữ đệm và tên', en: 'Full name' }, required: true, prefill: 'fullName', maxLength: 100 },
  { kind: 'date', key: 'applicant_date_of_birth', label: { vi: 'Ngày sinh', en: 'Date of birth' }, required: true, prefill: 'dateOfBirth', notInFuture: true },
  {
    kind: 'citizen_id',
    key: 'applicant_id_number',
    label: { vi: 'Số định danh cá nhân', en: 'Personal identification number' },
    hint: { vi: '12 chữ số, in trên thẻ căn cước', en: '12 digits, printed on the identity card' },
    required: true,
    prefill: 'idNumber',
  },
  { kind: 'phone', key: 'applicant_phone', label: { vi: 'Số điện thoại', en: 'Phone number' }, required: true, prefill: 'phone' },
  { kind: 'email', key: 'applicant_email', label: { vi: 'Thư điện tử', en: 'Email address' }, required: false, prefill: 'email' },
  { kind: 'address', key: 'applicant_permanent_address', label: { vi: 'Nơi thường trú', en: 'Permanent address' }, required: true, prefill: 'permanentAddress' },
  {
    kind: 'textarea',
    key: 'request_summary',
    label: { vi: 'Nội dung đề nghị', en: 'What you are asking for' },
    hint: { vi: 'Tóm tắt yêu cầu của bạn trong vài câu', en: 'Describe your request in a few sentences' },
    required: true,
    maxLength: 2000,
  },
];

export const DEFAULT_STEP_NAMES = {
  receive: { vi: 'Tiếp nhận hồ sơ', en: 'Receive the dossier' },
  appraise: { vi: 'Thẩm định, xử lý hồ sơ', en: 'Appraise the dossier' },
  approve: { vi: 'Phê duyệt kết quả', en: 'Approve the result' },
  return: { vi: 'Trả kết quả', en: 'Return the result' },
} as const;

/** A proposed configuration for `procedure`: what version 1 of every agency's service starts from. */
export function generateServiceDefinition(procedure: ProcedureRecord): ServiceDefinition {
  const channels = CHANNEL_ORDER.filter((c) => procedure.channels.some((row) => row.channel === c));
  const { cases, documents } = casesAndDocuments(procedure);
  const fees = channels.map((c) => feeOf(procedure, c));
  const durations = channels.map((c) => durationOf(procedure, c));
  const sizing = durations.find((d) => d.channel === 'online' && d.duration) ?? durations.find((d) => d.duration);
  return {
    schemaVersion: 1,
    procedureName: procedure.name,
    form: APPLICANT_FIELDS.map((f) => structuredClone(f)),
    cases,
    documents,
    fees,
    durations,
    steps: defaultSteps(sizing?.duration ? workingHoursOf(sizing.duration) : FALLBACK_TOTAL_HOURS),
    onlineLevel: onlineLevelOf(procedure, channels),
    supplementDays: DEFAULT_SUPPLEMENT_DAYS,
    result: { methods: resultMethodsOf(channels) },
  };
}

function casesAndDocuments(procedure: ProcedureRecord): { cases: ServiceCase[]; documents: DocumentRequirement[] } {
  const groups = procedure.documentGroups.length > 0 ? procedure.documentGroups : [{ caseName: null, documents: [] }];
  const caseKeys = new Set<string>();
  // Document keys are unique across cases: a dossier's files are filed under the key alone.
  const docKeys = new Set<string>();
  const cases: ServiceCase[] = [];
  const documents: DocumentRequirement[] = [];
  for (const group of groups) {
    const caseKey = uniqueKey(group.caseName === null ? 'chung' : keyFromName(group.caseName, 'truong_hop'), caseKeys);
    cases.push({ key: caseKey, name: group.caseName });
    for (const doc of group.documents) {
      documents.push({
        caseKey,
        key: uniqueKey(keyFromName(doc.name, 'giay_to'), docKeys),
        name: doc.name,
        required: !isConditional(doc.name),
        quantity: doc.quantity ? { ...doc.quantity } : null,
        accept: [...FILE_TYPES],
        maxFiles: DEFAULT_MAX_FILES,
        note: doc.formFiles.length > 0 ? `Mẫu: ${doc.formFiles.join(', ')}` : null,
      });
    }
  }
  return { cases, documents };
}

/**
 * A stable key from a Vietnamese name: folded, words joined by _, at most 40 characters cut at a
 * word, starting with a letter. "Tờ khai đăng ký khai sinh" → "to_khai_dang_ky_khai_sinh".
 */
export function keyFromName(name: string, fallback: string): string {
  const words = foldDiacritics(name).replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+|_+$/g, '');
  if (!words) return fallback;
  if (words.length <= KEY_LENGTH) return words;
  const cut = words.slice(0, KEY_LENGTH + 1);
  const lastBreak = cut.lastIndexOf('_');
  return (lastBreak > 0 ? cut.slice(0, lastBreak) : words.slice(0, KEY_LENGTH)).replace(/_+$/, '');
}

function uniqueKey(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** The catalog marks conditional documents in their names: "(nếu có)", "Trường hợp …", "Nếu …". */
function isConditional(name: string): boolean {
  const folded = foldDiacritics(name);
  return folded.includes('(neu co)') || /^[^a-z0-9]*(trong )?truong hop\b/.test(folded) || /^[^a-z0-9]*neu\b/.test(folded);
}

function rowsOf(procedure: ProcedureRecord, channel: Channel) {
  return procedure.channels.filter((row) => row.channel === channel);
}

/** The first row of a channel speaks for it; the other rows' differing texts are kept as variants. */
function variantsOf(texts: ReadonlyArray<string | null>, first: string | null): string[] {
  return [...new Set(texts.filter((t): t is string => t !== null && t !== first))];
}

function feeOf(procedure: ProcedureRecord, channel: Channel): ServiceFee {
  const rows = rowsOf(procedure, channel);
  const first = rows[0]!;
  const amount = first.feeAmountVnd;
  // A stated amount is paid with the submission; no amount but a text (USD, by case, a decree)
  // means the agency works it out and asks for it, unless the text starts "Miễn phí" (free); no
  // information at all is treated as no fee.
  const free = first.feeText !== null && foldDiacritics(first.feeText).trimStart().startsWith('mien phi');
  const collect = amount !== null ? (amount > 0 ? 'upfront' : 'none') : first.feeText !== null && !free ? 'on_request' : 'none';
  return { channel, amountVnd: amount, text: first.feeText, collect, variants: variantsOf(rows.map((r) => r.feeText), first.feeText) };
}

function durationOf(procedure: ProcedureRecord, channel: Channel): ServiceDuration {
  const rows = rowsOf(procedure, channel);
  const first = rows[0]!;
  return {
    channel,
    duration: first.duration ? { ...first.duration } : null,
    text: first.durationText,
    variants: variantsOf(rows.map((r) => r.durationText), first.durationText),
  };
}

const quarter = (hours: number) => Math.round(hours * 4) / 4;
const floorQuarter = (hours: number) => Math.floor(hours * 4) / 4;

/**
 * A duration in working hours for sizing steps (8 working hours = 1 working day). Calendar days count
 * their working share (5 of 7); a month counts 22 working days. Only budgets use this: the legal due
 * time always comes from the deadline engine.
 */
export function workingHoursOf(duration: Duration): number {
  switch (duration.unit) {
    case 'working_days':
      return quarter(duration.value * 8);
    case 'hours':
      return quarter(duration.value);
    case 'days':
      return Math.max(0.25, floorQuarter((duration.value * 8 * 5) / 7));
    case 'months':
      return quarter(duration.value * 22 * 8);
  }
}

/**
 * receive (intake, 4 h), appraise (processing, the rest), approve (approver, 8 h), return (intake,
 * 4 h). Under 20 hours the fixed steps would leave appraisal nothing, so the total is shared
 * 1/8, 1/2, 1/4, 1/8 instead, in quarter hours of at least 15 minutes.
 */
export function defaultSteps(totalHours: number): ServiceStep[] {
  let receive = 4;
  let approve = 8;
  let giveBack = 4;
  if (totalHours < 20) {
    receive = Math.max(0.25, quarter(totalHours / 8));
    approve = Math.max(0.25, quarter(totalHours / 4));
    giveBack = Math.max(0.25, quarter(totalHours / 8));
  }
  const appraise = Math.max(0.25, quarter(totalHours - receive - approve - giveBack));
  return [
    { key: 'receive', name: { ...DEFAULT_STEP_NAMES.receive }, role: 'intake_officer', budgetHours: receive },
    { key: 'appraise', name: { ...DEFAULT_STEP_NAMES.appraise }, role: 'processing_officer', budgetHours: appraise },
    { key: 'approve', name: { ...DEFAULT_STEP_NAMES.approve }, role: 'approver', budgetHours: approve },
    { key: 'return', name: { ...DEFAULT_STEP_NAMES.return }, role: 'intake_officer', budgetHours: giveBack },
  ];
}

/** The record's level when it states one ("information" has no online dossier: partial), else by channel. */
function onlineLevelOf(procedure: ProcedureRecord, channels: readonly Channel[]): ServiceOnlineLevel {
  if (procedure.onlineLevel === 'full' || procedure.onlineLevel === 'partial') return procedure.onlineLevel;
  if (procedure.onlineLevel === 'information') return 'partial';
  return channels.includes('online') ? 'full' : 'partial';
}

/** Results go back the ways the dossier can come in: online → electronic, desk → desk, post → post. */
function resultMethodsOf(channels: readonly Channel[]): ResultMethod[] {
  const methods: ResultMethod[] = [];
  if (channels.includes('online')) methods.push('electronic');
  if (channels.includes('in_person') || channels.length === 0) methods.push('at_desk');
  if (channels.includes('postal')) methods.push('postal');
  return methods;
}
