/**
 * Service configuration (cấu hình dịch vụ công): how one agency runs one procedure online. The
 * domain types, and `serviceDefinitionSchema`, the zod schema a definition received as JSON must
 * pass (the cross-checks that need the whole definition are in service-check.workflow.ts).
 */
import { z } from 'zod';
import type { OfficialRole } from '../../identity/index.ts';
import { CHANNELS, DURATION_UNITS, type Channel, type DurationUnit } from '../deadline.workflow.ts';

export const FIELD_KINDS = ['text', 'textarea', 'number', 'date', 'choice', 'citizen_id', 'address', 'phone', 'email'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Profile values the portal already knows; a field naming one is filled in from the signed-in profile. */
export const PROFILE_SOURCES = ['fullName', 'dateOfBirth', 'idNumber', 'phone', 'email', 'permanentAddress', 'currentAddress', 'sex'] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];

/** The field kinds each profile value fits (sex fills a choice whose options are male/female). */
export const PREFILL_KINDS = {
  fullName: ['text'],
  dateOfBirth: ['date'],
  idNumber: ['citizen_id'],
  phone: ['phone'],
  email: ['email'],
  permanentAddress: ['address'],
  currentAddress: ['address'],
  sex: ['choice'],
} as const satisfies Record<ProfileSource, readonly FieldKind[]>;

/** Roles that hold a processing step (a subset of identity's OFFICIAL_ROLES). */
export const STEP_ROLES = ['intake_officer', 'processing_officer', 'approver'] as const satisfies readonly OfficialRole[];
export type StepRole = (typeof STEP_ROLES)[number];

export const FEE_COLLECTION = ['upfront', 'on_request', 'none'] as const;
/** upfront = paid with the submission; on_request = the agency asks during processing (clock paused, DOMAIN §3.5). */
export type FeeCollection = (typeof FEE_COLLECTION)[number];

/** Decree 42/2022 (DOMAIN §9.2): full-process online, or partly online. */
export const ONLINE_LEVELS = ['full', 'partial'] as const;
export type ServiceOnlineLevel = (typeof ONLINE_LEVELS)[number];

export const RESULT_METHODS = ['electronic', 'at_desk', 'postal'] as const;
export type ResultMethod = (typeof RESULT_METHODS)[number];

export const FILE_TYPES = ['pdf', 'jpeg', 'png'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** Calendar days a citizen has to answer a supplement request unless the agency sets otherwise [D]. */
export const DEFAULT_SUPPLEMENT_DAYS = 30;

export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

export interface Localized {
  vi: string;
  en: string;
}

interface FieldCommon {
  /** Stable: answers are stored under it, so it never changes once dossiers use it. */
  key: string;
  label: Localized;
  hint?: Localized;
  required: boolean;
  /** Shown only when an earlier choice field has this value; otherwise hidden and its answer dropped. */
  showIf?: { field: string; equals: string };
  prefill?: ProfileSource;
}

export interface TextField extends FieldCommon {
  kind: 'text' | 'textarea';
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole answer must match (Unicode mode). */
  pattern?: string;
}

export interface NumberField extends FieldCommon {
  kind: 'number';
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface DateField extends FieldCommon {
  kind: 'date';
  /** A birth date and the like: not after today. */
  notInFuture?: boolean;
}

export interface ChoiceOption {
  value: string;
  label: Localized;
}

export interface ChoiceField extends FieldCommon {
  kind: 'choice';
  display: 'radios' | 'select';
  options: ChoiceOption[];
}

/** Kinds whose format the portal knows: 12-digit ID number, 2025 address units, Vietnamese phone, e-mail. */
export interface FormattedField extends FieldCommon {
  kind: 'citizen_id' | 'address' | 'phone' | 'email';
}

export type ScalarField = TextField | NumberField | DateField | ChoiceField | FormattedField;

/** A repeatable block (e.g. children): its fields are asked once per item. Groups do not nest. */
export interface GroupField {
  kind: 'group';
  key: string;
  label: Localized;
  hint?: Localized;
  minItems: number;
  maxItems: number;
  fields: ScalarField[];
  showIf?: { field: string; equals: string };
}

export type FormField = ScalarField | GroupField;

export interface ServiceCase {
  key: string;
  /** The catalog's case (trường hợp) text; null for a procedure's only, unnamed group. */
  name: string | null;
}

export interface DocumentRequirement {
  caseKey: string;
  /** Unique across all cases: a dossier's files are filed under it. */
  key: string;
  name: string;
  required: boolean;
  /** Originals and copies the catalog asks for; null when it does not say. */
  quantity: { original: number; copy: number } | null;
  accept: FileType[];
  maxFiles: number;
  note: string | null;
}

export interface ServiceFee {
  channel: Channel;
  /** null when the catalog states no amount in đồng (e.g. in USD, or by case). */
  amountVnd: number | null;
  /** The catalog's fee text, kept as written. */
  text: string | null;
  collect: FeeCollection;
  /** Other rows the catalog gives for this channel (per case), as written. */
  variants: string[];
}

export interface ServiceDuration {
  channel: Channel;
  duration: { value: number; unit: DurationUnit } | null;
  text: string | null;
  variants: string[];
}

export interface ServiceStep {
  key: string;
  name: Localized;
  role: StepRole;
  /** Working hours (8 = one working day), in quarter hours. */
  budgetHours: number;
}

export interface ServiceDefinition {
  schemaVersion: 1;
  /** The catalog's name of the procedure when this version was written. */
  procedureName: string;
  form: FormField[];
  cases: ServiceCase[];
  documents: DocumentRequirement[];
  fees: ServiceFee[];
  durations: ServiceDuration[];
  steps: ServiceStep[];
  onlineLevel: ServiceOnlineLevel;
  supplementDays: number;
  result: { methods: ResultMethod[] };
}

/** One stored version (a row of dossier_service_config). Rows are never updated: dossiers point at them. */
export interface ServiceConfigVersion {
  id: string;
  procedureCode: string;
  agencyCode: string;
  version: number;
  catalogVersion: number;
  origin: 'generated' | 'edited';
  createdBy: string | null;
  createdAt: Date;
  definition: ServiceDefinition;
}

/** A problem with a definition or an answer: where, a stable code, and what to tell a person. */
export interface DefinitionProblem {
  path: string;
  code: string;
  message: Localized;
}

// ---- zod: a definition received as JSON ------------------------------------------------------

const key = z.string().min(1).max(64).regex(KEY_PATTERN, 'lower-case letters, digits and _, starting with a letter');
const localized = z.strictObject({ vi: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });
const showIf = z.strictObject({ field: key, equals: z.string().min(1).max(64) });
const common = {
  key,
  label: localized,
  hint: localized.optional(),
  required: z.boolean(),
  showIf: showIf.optional(),
  prefill: z.enum(PROFILE_SOURCES).optional(),
};
const length = z.number().int().min(0).max(10_000);
const textShape = { ...common, minLength: length.optional(), maxLength: length.optional(), pattern: z.string().min(1).max(200).optional() };
const formatted = (kind: FormattedField['kind']) => z.strictObject({ ...common, kind: z.literal(kind) });

const scalarField = z.discriminatedUnion('kind', [
  z.strictObject({ ...textShape, kind: z.literal('text') }),
  z.strictObject({ ...textShape, kind: z.literal('textarea') }),
  z.strictObject({ ...common, kind: z.literal('number'), min: z.number().finite().optional(), max: z.number().finite().optional(), integer: z.boolean().optional() }),
  z.strictObject({ ...common, kind: z.literal('date'), notInFuture: z.boolean().optional() }),
  z.strictObject({
    ...common,
    kind: z.literal('choice'),
    display: z.enum(['radios', 'select']),
    options: z.array(z.strictObject({ value: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/), label: localized })).min(1).max(300),
  }),
  formatted('citizen_id'),
  formatted('address'),
  formatted('phone'),
  formatted('email'),
]);

const groupField = z.strictObject({
  kind: z.literal('group'),
  key,
  label: localized,
  hint: localized.optional(),
  minItems: z.number().int().min(0).max(100),
  maxItems: z.number().int().min(1).max(100),
  fields: z.array(scalarField).min(1).max(50),
  showIf: showIf.optional(),
});

const channel = z.enum(CHANNELS);
const longText = z.string().max(20_000);

export const serviceDefinitionSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    procedureName: z.string().min(1).max(2_000),
    form: z.array(z.discriminatedUnion('kind', [...scalarField.options, groupField])).max(200),
    cases: z.array(z.strictObject({ key, name: longText.nullable() })).min(1).max(100),
    documents: z
      .array(
        z.strictObject({
          caseKey: key,
          key,
          name: longText.min(1),
          required: z.boolean(),
          quantity: z.strictObject({ original: z.number().int().min(0).max(100), copy: z.number().int().min(0).max(100) }).nullable(),
          accept: z.array(z.enum(FILE_TYPES)).min(1).max(3),
          maxFiles: z.number().int().min(1).max(50),
          note: longText.nullable(),
        }),
      )
      .max(1_000),
    fees: z
      .array(
        z.strictObject({
          channel,
          amountVnd: z.number().int().min(0).max(1_000_000_000_000).nullable(),
          text: longText.nullable(),
          collect: z.enum(FEE_COLLECTION),
          variants: z.array(longText).max(50),
        }),
      )
      .max(3),
    durations: z
      .array(
        z.strictObject({
          channel,
          duration: z.strictObject({ value: z.number().positive().max(10_000), unit: z.enum(DURATION_UNITS) }).nullable(),
          text: longText.nullable(),
          variants: z.array(longText).max(50),
        }),
      )
      .max(3),
    steps: z
      .array(
        z.strictObject({
          key,
          name: localized,
          role: z.enum(STEP_ROLES),
          budgetHours: z.number().positive().max(100_000).multipleOf(0.25, 'a multiple of 0.25 (15 minutes)'),
        }),
      )
      .min(1)
      .max(50),
    onlineLevel: z.enum(ONLINE_LEVELS),
    supplementDays: z.number().int().min(1).max(365),
    result: z.strictObject({ methods: z.array(z.enum(RESULT_METHODS)).min(1).max(3) }),
  })
  .describe('How one agency runs one procedure: form, documents per case, fees and durations per channel, steps');

// The schema and the interfaces above describe the same shape; this fails to compile if they drift.
type Parsed = z.infer<typeof serviceDefinitionSchema>;
const _sameShape: [Parsed extends ServiceDefinition ? true : false, ServiceDefinition extends Parsed ? true : false] = [true, true];
void _sameShape;

export type { Channel, DurationUnit };
