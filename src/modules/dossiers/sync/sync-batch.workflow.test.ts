import { describe, expect, it } from 'vitest';
import { isStale, parseItem, planBatch, procedureKey, type BatchContext, type DossierState, type ProcedureInfo } from './sync-batch.workflow.ts';
import { afterFailure, DEFAULT_RETRY, retryDelayMs, signWebhook, verifyWebhook } from './webhook.workflow.ts';

const state = (overrides: Partial<DossierState> = {}): DossierState => ({
  id: overrides.id ?? 'd1',
  code: 'H56.14-261123-0001',
  externalId: null,
  syncClientId: null,
  agencyCode: 'H56.14',
  status: 'received',
  seq: 2,
  lastSyncAt: null,
  lastSyncSequence: null,
  receivedAt: new Date('2026-11-23T02:00:00Z'),
  resolvedAt: null,
  finishedAt: null,
  pausedAt: null,
  resumeStatus: null,
  dueAt: new Date('2026-11-30T02:00:00Z'),
  holderAccountId: null,
  result: null,
  ...overrides,
});

const procedure: ProcedureInfo = {
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  catalogVersion: 1,
  serviceConfigId: null,
  due: (_channel, from) => ({ duration: { value: 1, unit: 'days' }, due: new Date(from.getTime() + 86_400_000) }),
};

function context(dossiers: DossierState[], overrides: Partial<BatchContext> = {}): BatchContext {
  let n = 0;
  return {
    clientId: 'mc-h56',
    agencyCodes: ['H56.14'],
    seen: new Set(),
    byCode: new Map(dossiers.filter((d) => d.code).map((d) => [d.code!, d])),
    byExternalId: new Map(dossiers.filter((d) => d.externalId).map((d) => [d.externalId!, d])),
    procedures: new Map([[procedureKey('1.001193', 'H56.14'), procedure]]),
    newId: () => `new-${++n}`,
    ...overrides,
  };
}

const items = (raws: Array<Record<string, unknown>>) => raws.map((raw, i) => parseItem(raw, i));
const change = (eventId: string, status: number, occurredAt: string, extra: Record<string, unknown> = {}) => ({ eventId, kind: 'dossier.status_changed', code: 'H56.14-261123-0001', status, occurredAt, ...extra });

describe('planBatch', () => {
  it('applies status events in (occurredAt, sequence) order, whatever the order sent', () => {
    const dossier = state();
    const plan = planBatch(
      items([change('e3', 9, '2026-11-24T10:00:00+07:00', { result: 'Giấy khai sinh' }), change('e1', 4, '2026-11-24T08:00:00+07:00'), change('e2', 5, '2026-11-24T08:00:00+07:00', { sequence: 1 })]),
      context([dossier]),
    );
    expect(plan.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(plan.events.map((e) => [e.statusFrom, e.statusTo, e.seq])).toEqual([
      ['received', 'processing', 3],
      ['processing', 'supplement_requested', 4],
      ['supplement_requested', 'resolved', 5],
    ]);
    expect(plan.updated).toEqual([dossier]);
    expect(dossier).toMatchObject({ status: 'resolved', seq: 5, lastSyncSequence: 0, pausedAt: null, result: { text: 'Giấy khai sinh', fileIds: [] } });
    expect(dossier.lastSyncAt?.toISOString()).toBe('2026-11-24T03:00:00.000Z');
    expect(dossier.resolvedAt?.toISOString()).toBe('2026-11-24T03:00:00.000Z');
  });

  it('records an event older than the last applied one as stale without moving the status back', () => {
    const dossier = state({ status: 'processing', lastSyncAt: new Date('2026-11-24T03:00:00Z'), lastSyncSequence: 5 });
    const plan = planBatch(
      items([change('old', 2, '2026-11-24T09:00:00+07:00'), change('same-time-lower-seq', 2, '2026-11-24T10:00:00+07:00', { sequence: 5 }), change('newer', 9, '2026-11-24T10:00:00+07:00', { sequence: 6 })]),
      context([dossier]),
    );
    expect(plan.results.map((r) => r.outcome)).toEqual(['stale', 'stale', 'accepted']);
    expect(plan.records.map((r) => [r.eventId, r.outcome])).toEqual([
      ['old', 'stale'],
      ['same-time-lower-seq', 'stale'],
      ['newer', 'accepted'],
    ]);
    expect(dossier.status).toBe('resolved');
  });

  it('rejects each bad item with its reason and keeps the good ones', () => {
    const mine = state();
    const theirs = state({ id: 'd2', code: 'H99-261123-0001', agencyCode: 'H99' });
    const plan = planBatch(
      items([
        change('ok', 4, '2026-11-24T08:00:00+07:00'),
        { ...change('unknown', 4, '2026-11-24T08:00:00+07:00'), code: 'H56.14-261123-0999' },
        { ...change('other', 4, '2026-11-24T08:00:00+07:00'), code: 'H99-261123-0001' },
        change('bad-status', 11, '2026-11-24T08:00:00+07:00'),
        { eventId: 'no-kind', code: 'H56.14-261123-0001' },
        change('bad-time', 4, 'yesterday'),
        { kind: 'dossier.status_changed', status: 4, occurredAt: '2026-11-24T08:00:00+07:00', code: 'H56.14-261123-0001' },
      ]),
      context([mine, theirs], { seen: new Set() }),
    );
    expect(plan.results).toEqual([
      { eventId: 'ok', outcome: 'accepted' },
      { eventId: 'unknown', outcome: 'rejected', code: 'unknown_dossier', reason: expect.stringContaining('H56.14-261123-0999') },
      { eventId: 'other', outcome: 'rejected', code: 'other_agency', reason: expect.stringContaining('H99') },
      { eventId: 'bad-status', outcome: 'rejected', code: 'invalid_status', reason: expect.any(String) },
      { eventId: 'no-kind', outcome: 'rejected', code: 'invalid', reason: expect.stringContaining('kind') },
      { eventId: 'bad-time', outcome: 'rejected', code: 'invalid', reason: expect.stringContaining('occurredAt') },
      { eventId: null, outcome: 'rejected', code: 'invalid', reason: expect.stringContaining('eventId') },
    ]);
    expect(theirs.status).toBe('received');
    expect(plan.updated).toEqual([mine]);
  });

  it('answers a seen event id, or one repeated in the batch, as a duplicate', () => {
    const dossier = state();
    const plan = planBatch(items([change('seen', 4, '2026-11-24T08:00:00+07:00'), change('twice', 4, '2026-11-24T09:00:00+07:00'), change('twice', 10, '2026-11-24T10:00:00+07:00')]), context([dossier], { seen: new Set(['seen']) }));
    expect(plan.results.map((r) => r.outcome)).toEqual(['duplicate', 'accepted', 'duplicate']);
    expect(dossier.status).toBe('processing');
  });

  it('creates a dossier and applies later events to it by the client’s own id', () => {
    const plan = planBatch(
      items([
        { eventId: 'c2', kind: 'dossier.status_changed', externalId: 'HS-1', status: 4, occurredAt: '2026-11-23T10:00:00+07:00' },
        {
          eventId: 'c1',
          kind: 'dossier.created',
          externalId: 'HS-1',
          procedureCode: '1.001193.000.00.00.H56',
          agencyCode: 'H56.14',
          channel: 1,
          applicant: { name: 'Nguyễn Văn An', idNumber: '038095001234' },
          receivedAt: '20261123093000',
        },
        { eventId: 'c3', kind: 'dossier.created', externalId: 'HS-1', procedureCode: '1.001193', agencyCode: 'H56.14', channel: 2, applicant: { name: 'B' }, receivedAt: '2026-11-23T11:00:00+07:00' },
        { eventId: 'c4', kind: 'dossier.created', externalId: 'HS-2', procedureCode: '1.001193', agencyCode: 'H01', channel: 2, applicant: { name: 'B' }, receivedAt: '2026-11-23T11:00:00+07:00' },
        { eventId: 'c5', kind: 'dossier.created', externalId: 'HS-3', procedureCode: '2.000001', agencyCode: 'H56.14', channel: 2, applicant: { name: 'B' }, receivedAt: '2026-11-23T11:00:00+07:00' },
      ]),
      context([]),
    );
    expect(plan.results.map((r) => r.code ?? r.outcome)).toEqual(['accepted', 'accepted', 'dossier_exists', 'other_agency', 'unknown_procedure']);
    expect(plan.created).toHaveLength(1);
    const created = plan.created[0]!;
    expect(created.channel).toBe('in_person');
    expect(created.applicant).toMatchObject({ fullName: 'Nguyễn Văn An', idNumber: '038095001234', subjectType: 1 });
    expect(created.state).toMatchObject({ id: 'new-1', code: null, externalId: 'HS-1', status: 'processing', seq: 2 });
    expect(created.state.receivedAt?.toISOString()).toBe('2026-11-23T02:30:00.000Z');
    expect(created.originalDueAt?.toISOString()).toBe('2026-11-24T02:30:00.000Z');
    expect(plan.events.map((e) => [e.seq, e.statusFrom, e.statusTo])).toEqual([
      [1, null, 'received'],
      [2, 'received', 'processing'],
    ]);
    expect(plan.updated).toEqual([]);
  });
});

describe('isStale', () => {
  it('compares by time, then by sequence', () => {
    const at = new Date('2026-11-24T03:00:00Z');
    expect(isStale({ lastSyncAt: null, lastSyncSequence: null }, at, 0)).toBe(false);
    expect(isStale({ lastSyncAt: at, lastSyncSequence: 3 }, at, 3)).toBe(true);
    expect(isStale({ lastSyncAt: at, lastSyncSequence: 3 }, at, 4)).toBe(false);
    expect(isStale({ lastSyncAt: at, lastSyncSequence: 3 }, new Date(at.getTime() - 1), 99)).toBe(true);
  });
});

describe('webhook rules', () => {
  it('backs off exponentially from 1 minute to at most 6 hours, then gives up after 10 attempts', () => {
    expect([1, 2, 3, 9, 10].map((n) => retryDelayMs(n, DEFAULT_RETRY) / 60_000)).toEqual([1, 2, 4, 256, 360]);
    const now = new Date('2026-11-24T00:00:00Z');
    expect(afterFailure(1, DEFAULT_RETRY, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-11-24T00:01:00Z') });
    expect(afterFailure(10, DEFAULT_RETRY, now)).toEqual({ status: 'dead' });
  });

  it('signs "timestamp.body" and verifies it in time only', () => {
    const body = '{"type":"dossier.submitted"}';
    const signature = signWebhook('whsec_test', 1_800_000_000, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook('whsec_test', { signature, timestamp: '1800000000' }, body, 1_800_000_100)).toBe(true);
    expect(verifyWebhook('whsec_test', { signature, timestamp: '1800000000' }, `${body} `, 1_800_000_100)).toBe(false);
    expect(verifyWebhook('whsec_other', { signature, timestamp: '1800000000' }, body, 1_800_000_100)).toBe(false);
    expect(verifyWebhook('whsec_test', { signature, timestamp: '1800000000' }, body, 1_800_000_400)).toBe(false);
  });
});
