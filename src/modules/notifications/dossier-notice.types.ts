/**
 * The dossier events notifications react to, parsed from the payload the dossiers module publishes
 * (its `eventPayload`). The shape is that module's contract: it is checked here, never imported.
 */
import { z } from 'zod';
import type { MessageLocale } from './notification.types.ts';

/** The status changes a person is told of, by e-mail, SMS and in the inbox (event type after `dossier.`). */
export const DOSSIER_NOTICE_KINDS = [
  'submitted',
  'received',
  'supplement_requested',
  'refused',
  'payment_requested',
  'stopped',
  'extended',
  'resolved',
  'returned',
  'withdrawn',
] as const;
export type DossierNoticeKind = (typeof DOSSIER_NOTICE_KINDS)[number];

const RETURN_MODES = ['electronic', 'desk', 'postal'] as const;
export type ReturnMode = (typeof RETURN_MODES)[number];

const text = (max: number) => z.string().trim().min(1).transform((s) => s.normalize('NFC').slice(0, max));
const optionalText = (max: number) => text(max).nullable().optional().catch(null);
const instant = z.iso.datetime({ offset: true });

/** Payload of `dossier.<type>`: only what the messages use. Ids are checked loosely (any UUID shape). */
export const dossierEventSchema = z.object({
  dossierId: z.guid(),
  code: z.string().nullable(),
  type: z.string(),
  procedureName: z.string().transform((s) => s.normalize('NFC')),
  ownerAccountId: z.guid().nullable().catch(null),
  submitterAccountId: z.guid().nullable().catch(null),
  contact: z
    .object({
      name: z.string().catch(''),
      email: z.string().trim().min(3).max(320).nullable().catch(null),
      phone: z.string().trim().min(3).max(32).nullable().catch(null),
    })
    .catch({ name: '', email: null, phone: null }),
  dueAt: instant.nullable().catch(null),
  occurredAt: instant,
  data: z.record(z.string(), z.unknown()).catch({}),
});
export type DossierEvent = z.infer<typeof dossierEventSchema>;

/** What the event's `data` may carry for the messages (the action's input, see the dossier core). */
const noticeDataSchema = z.object({
  reasons: optionalText(1000),
  reason: optionalText(1000),
  note: optionalText(1000),
  items: z
    .array(z.object({ name: text(300), reason: text(500).catch('') }))
    .max(50)
    .optional()
    .catch(undefined),
  supplementDueAt: instant.nullable().optional().catch(null),
  dueAfter: instant.nullable().optional().catch(null),
  dueAt: instant.nullable().optional().catch(null),
  amountVnd: z.number().int().nonnegative().nullable().optional().catch(null),
  description: optionalText(300),
  resultText: optionalText(1000),
  mode: z.enum(RETURN_MODES).nullable().optional().catch(null),
});

/**
 * One dossier event as every message about it needs it; stored as the inbox row's params, so the
 * inbox renders it later in the reader's language.
 */
export interface DossierNotice {
  readonly kind: DossierNoticeKind;
  readonly dossierId: string;
  readonly code: string | null;
  readonly procedureName: string;
  readonly occurredAt: string;
  /** The appointment for the result (the new one after an extension). */
  readonly dueAt: string | null;
  readonly reasons: string | null;
  readonly note: string | null;
  readonly items: ReadonlyArray<{ name: string; reason: string }>;
  readonly supplementDueAt: string | null;
  readonly amountVnd: number | null;
  readonly description: string | null;
  readonly resultText: string | null;
  readonly mode: ReturnMode | null;
}

/** Where a message points: the dossier's page (signed in) and the public lookup (code + ID number). */
export interface NoticeLinks {
  readonly dossier: string;
  readonly lookup: string;
}

/** Who hears of an event: the contact (submitter, else owner) by e-mail and SMS, the accounts in their inbox. */
export interface NoticeAudience {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly locale: MessageLocale;
  readonly accountIds: readonly string[];
}

export function isNoticeKind(kind: string): kind is DossierNoticeKind {
  return (DOSSIER_NOTICE_KINDS as readonly string[]).includes(kind);
}

/** The notice an event gives, or null when the event type is not one people are told of. */
export function noticeOf(event: DossierEvent): DossierNotice | null {
  if (!isNoticeKind(event.type)) return null;
  const data = noticeDataSchema.parse(event.data);
  return {
    kind: event.type,
    dossierId: event.dossierId,
    code: event.code,
    procedureName: event.procedureName,
    occurredAt: event.occurredAt,
    dueAt: event.type === 'extended' ? (data.dueAfter ?? event.dueAt) : event.dueAt,
    reasons: data.reasons ?? data.reason ?? null,
    note: data.note ?? null,
    items: data.items ?? [],
    supplementDueAt: data.supplementDueAt ?? null,
    amountVnd: data.amountVnd ?? null,
    description: data.description ?? null,
    resultText: data.resultText ?? null,
    mode: data.mode ?? null,
  };
}

/** Reads stored inbox params back (a row written by an older version may lack newer fields). */
export function noticeFromParams(kind: string, params: Record<string, unknown>): DossierNotice | null {
  const name = kind.replace(/^dossier\./, '');
  if (!isNoticeKind(name)) return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    kind: name,
    dossierId: str(params.dossierId) ?? '',
    code: str(params.code),
    procedureName: str(params.procedureName) ?? '',
    occurredAt: str(params.occurredAt) ?? new Date(0).toISOString(),
    dueAt: str(params.dueAt),
    reasons: str(params.reasons),
    note: str(params.note),
    items: Array.isArray(params.items) ? (params.items as Array<{ name: string; reason: string }>).filter((i) => typeof i?.name === 'string') : [],
    supplementDueAt: str(params.supplementDueAt),
    amountVnd: typeof params.amountVnd === 'number' ? params.amountVnd : null,
    description: str(params.description),
    resultText: str(params.resultText),
    mode: (RETURN_MODES as readonly unknown[]).includes(params.mode) ? (params.mode as ReturnMode) : null,
  };
}
