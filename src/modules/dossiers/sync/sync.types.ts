/**
 * What agency one-stop systems send to OpenDVC (DOMAIN §12.1, §2.2, §2.4, §4) and what they get back:
 * sync events, per-item outcomes, integrations and webhook deliveries.
 */
import { z } from 'zod';
import { DOSSIER_CODE_PATTERN } from '../core/dossier.types.ts';

export const SYNC_SCOPE = 'api:sync';
export const MAX_BATCH = 1000;

/** Portal events an integration can receive on its webhook (the default: all of them). */
export const WEBHOOK_EVENTS = ['dossier.submitted', 'dossier.supplement_provided', 'dossier.payment_recorded'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** KenhThucHien (DOMAIN §2.4). */
export const CHANNEL_OF_CODE = { 1: 'in_person', 2: 'online', 3: 'postal' } as const;

/** ISO 8601 with an offset, or DVCQG's `yyyyMMddHHmmss` in Vietnam time (DOMAIN §12.1). */
const DVCQG_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const isoTime = z.iso.datetime({ offset: true });
export const syncTime = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const compact = DVCQG_TIME.exec(value);
    const date = compact ? new Date(`${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}+07:00`) : isoTime.safeParse(value).success ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'a time in ISO 8601 with an offset (2026-11-23T09:30:00+07:00) or yyyyMMddHHmmss (Vietnam time)' });
      return z.NEVER;
    }
    return date;
  })
  .meta({ examples: ['2026-11-23T09:30:00+07:00'] });

const nfc = (max: number) => z.string().trim().min(1).max(max).transform((s) => s.normalize('NFC'));

export const eventIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .describe('Your unique id of this event (e.g. a UUID or your outbox row id). Sending an id again is answered `duplicate` and changes nothing.');

const dossierRef = {
  code: z.string().regex(DOSSIER_CODE_PATTERN, 'a dossier code {agency}-{yyMMdd}-{NNNN}').optional().describe('The dossier code (mã hồ sơ), e.g. H56.14-261123-0001'),
  externalId: z.string().trim().min(1).max(100).optional().describe('Your own id of the dossier, as sent in its dossier.created event'),
};

export const applicantSchema = z.object({
  name: nfc(200).describe('Full name of the owner (chủ hồ sơ)'),
  idNumber: z.string().trim().max(20).optional().describe('ID number (số định danh / CCCD, 12 digits for citizens; tax code for businesses) — the public lookup needs it'),
  phone: z.string().trim().max(20).optional(),
  email: z.string().trim().max(254).optional(),
  address: nfc(500).optional(),
  subjectType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(1).describe('LoaiDoiTuong: 1 citizen, 2 business, 3 state agency, 4 organisation or other'),
});

const statusCode = z.number().int().describe('National status code TrangThaiHoSo (0 in transit, 1 submitted … 10 result returned)');

export const createdEventSchema = z
  .object({
    eventId: eventIdSchema,
    kind: z.literal('dossier.created'),
    ...dossierRef,
    procedureCode: z.string().trim().regex(/^\d\.\d{6}(\.[A-Za-z0-9.]+)?$/, 'a national procedure code (1.001193) or a local long code (1.001193.000.00.00.H56)').describe('National procedure code, or your long code (its first 8 characters are used)'),
    agencyCode: z.string().trim().min(1).max(64).describe('The receiving agency (one of your integration’s agencies)'),
    channel: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('KenhThucHien: 1 in person, 2 online, 3 postal'),
    applicant: applicantSchema,
    summary: nfc(1000).optional().describe('TrichYeuHoSo'),
    status: statusCode.default(2),
    receivedAt: syncTime.describe('NgayTiepNhan'),
    submittedAt: syncTime.optional().describe('NgayNopHoSo (default: receivedAt)'),
    dueAt: syncTime.nullable().optional().describe('NgayHenTra (default: computed from the procedure’s time limit and the holiday calendar)'),
    occurredAt: syncTime.optional().describe('When this happened in your system (default: receivedAt); orders events'),
    sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('Tie-breaker for events with the same occurredAt'),
  })
  .refine((e) => e.code !== undefined || e.externalId !== undefined, { message: 'send code or externalId (or both)', path: ['code'] })
  .meta({
    examples: [
      {
        eventId: 'mc-2026-000001',
        kind: 'dossier.created',
        externalId: 'HS-000123',
        procedureCode: '1.001193',
        agencyCode: 'H56.14',
        channel: 1,
        applicant: { name: 'Nguyễn Văn An', idNumber: '038095001234', phone: '0912345678', subjectType: 1 },
        status: 2,
        receivedAt: '2026-11-23T09:30:00+07:00',
        dueAt: '2026-11-30T09:30:00+07:00',
      },
    ],
  });

export const statusChangedEventSchema = z
  .object({
    eventId: eventIdSchema,
    kind: z.literal('dossier.status_changed'),
    ...dossierRef,
    status: statusCode,
    occurredAt: syncTime.describe('When the status changed in your system; events are applied in (occurredAt, sequence) order'),
    sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('Tie-breaker for events with the same occurredAt (e.g. your outbox sequence)'),
    note: nfc(2000).optional().describe('GhiChu / NoiDungXuLy, shown on the timeline'),
    dueAt: syncTime.optional().describe('A new appointment time (NgayHenTraMoi), e.g. after a supplement or an extension'),
    result: nfc(4000).optional().describe('What the result is (ThongTinTra), with status 9 or 10'),
  })
  .refine((e) => e.code !== undefined || e.externalId !== undefined, { message: 'send code or externalId (or both)', path: ['code'] })
  .meta({
    examples: [
      { eventId: 'mc-2026-000002', kind: 'dossier.status_changed', code: 'H56.14-261123-0001', status: 4, occurredAt: '2026-11-23T14:00:00+07:00', sequence: 2, note: 'Chuyển phòng chuyên môn' },
    ],
  });

export type CreatedEvent = z.output<typeof createdEventSchema>;
export type StatusChangedEvent = z.output<typeof statusChangedEventSchema>;
export type SyncEvent = CreatedEvent | StatusChangedEvent;
export const KINDS = { 'dossier.created': createdEventSchema, 'dossier.status_changed': statusChangedEventSchema } as const;

/** The request body as documented; items are checked one by one (a bad item never fails the batch). */
export const syncBatchSchema = z
  .object({ events: z.array(z.discriminatedUnion('kind', [createdEventSchema, statusChangedEventSchema])).min(1).max(MAX_BATCH) })
  .describe(`Up to ${MAX_BATCH} events, in any order: they are applied in (occurredAt, sequence) order`);

/** Only the envelope is checked before the items: `{ events: [object…] }`, 1 to MAX_BATCH of them. */
export const syncEnvelopeSchema = z.object({ events: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BATCH) });

export const OUTCOMES = ['accepted', 'duplicate', 'stale', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const REJECTIONS = ['invalid', 'invalid_status', 'unknown_dossier', 'other_agency', 'unknown_procedure', 'dossier_exists'] as const;
export type Rejection = (typeof REJECTIONS)[number];

export interface ItemResult {
  eventId: string | null;
  outcome: Outcome;
  code?: Rejection;
  reason?: string;
  /** The dossier's code (also for a created dossier whose code OpenDVC generated). */
  dossierCode?: string;
}

export const itemResultSchema = z.object({
  eventId: z.string().nullable().describe('The item’s eventId (null when the item had none)'),
  outcome: z.enum(OUTCOMES).describe('accepted: applied; duplicate: this eventId was seen before, nothing changed; stale: recorded, older than the last applied event, status not moved back; rejected: see code'),
  code: z.enum(REJECTIONS).optional(),
  reason: z.string().optional().describe('Why it was rejected, in English'),
  dossierCode: z.string().optional().describe('The dossier’s code (for dossier.created, the one OpenDVC generated when you sent none)'),
});

export const syncResultSchema = z
  .object({
    accepted: z.number().int(),
    duplicate: z.number().int(),
    stale: z.number().int(),
    rejected: z.number().int(),
    results: z.array(itemResultSchema).describe('One result per item, in the order sent'),
  })
  .meta({
    examples: [
      {
        accepted: 1,
        duplicate: 1,
        stale: 0,
        rejected: 1,
        results: [
          { eventId: 'mc-2026-000002', outcome: 'accepted', dossierCode: 'H56.14-261123-0001' },
          { eventId: 'mc-2026-000001', outcome: 'duplicate' },
          { eventId: 'mc-2026-000003', outcome: 'rejected', code: 'unknown_dossier', reason: 'no dossier H56.14-261123-0999' },
        ],
      },
    ],
  });

export interface Integration {
  clientId: string;
  agencyCodes: string[];
  webhookUrl: string | null;
  events: WebhookEvent[];
  enabled: boolean;
  createdAt: string;
}

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'dead';

export interface WebhookDelivery {
  id: string;
  clientId: string;
  eventId: string;
  eventType: string;
  dossierId: string | null;
  status: DeliveryStatus;
  attempts: number;
  replays: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}
