import crypto from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { ROOT_DIR } from '../../../config/env.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { createAgenciesModule } from '../../agencies/index.ts';
import { createCatalogModule } from '../../catalog/index.ts';
import type { Actor } from '../../identity/index.ts';
import { validateAnswers } from './answers-validate.workflow.ts';
import { createCommuneLookup, createServiceConfigService, type ServiceConfigService } from './service-config.service.ts';
import type { ServiceDefinition } from './service-config.types.ts';

// The storage service on a real PostgreSQL with the shipped catalog and agency register.
let t: TestDatabase;
let services: ServiceConfigService;
let agencies: string[];
let clock = new Date('2026-03-02T03:00:00Z');
const PASSPORT = '1.001471';
const BIRTH = '1.001193';

const admin = (agencyCode: string): Actor => ({ kind: 'official', accountId: crypto.randomUUID(), grants: [{ agencyCode, role: 'agency_admin' }] });

beforeAll(async () => {
  t = await createTestDatabase();
  const catalog = await createCatalogModule({ db: t.db, logger: pino({ level: 'silent' }), rootDir: ROOT_DIR, resolveAgency: async () => null });
  const { rows } = await t.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 6');
  agencies = rows.map((r) => r.code);
  services = createServiceConfigService({
    db: t.db,
    catalog: catalog.service,
    agencyExists: async (code) => (await t.pool.query('SELECT 1 FROM agency WHERE code = $1', [code])).rowCount === 1,
    now: () => clock,
  });
});
afterAll(async () => {
  await t?.drop();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('current: version 1 generated on first use', () => {
  it('stores version 1 from the catalog record, then returns that same row', async () => {
    const first = await services.current(PASSPORT, agencies[0]!);
    expect(first).toMatchObject({ procedureCode: PASSPORT, agencyCode: agencies[0], version: 1, catalogVersion: 1, origin: 'generated', createdBy: null, createdAt: clock });
    expect(first.definition.procedureName).toBe('Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)');
    expect(first.definition.fees[0]).toMatchObject({ channel: 'online', amountVnd: 200000, collect: 'upfront' });
    expect(await services.current(PASSPORT, agencies[0]!)).toEqual(first);
    expect(await services.byId(first.id)).toEqual(first);
  });

  it('is safe when many requests race for the first use: one row, everyone gets it', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => services.current(BIRTH, agencies[1]!)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM dossier_service_config WHERE procedure_code = $1 AND agency_code = $2', [BIRTH, agencies[1]]);
    expect(rows[0].n).toBe(1);
  });

  it('answers 404 for an unknown procedure, agency, code shape or id', async () => {
    for (const call of [
      () => services.current('9.999999', agencies[0]!),
      () => services.current('not-a-code', agencies[0]!),
      () => services.current(PASSPORT, 'NO.SUCH.AGENCY'),
      () => services.preview(PASSPORT, 'NO.SUCH.AGENCY'),
      () => services.byId(crypto.randomUUID()),
      () => services.byId("'; DROP TABLE x; --"),
    ]) {
      expect((await rejection(call())).code).toBe('DOSSIER_SERVICE_NOT_FOUND');
    }
  });

  it('preview shows what version 1 would be without storing it', async () => {
    const view = await services.preview(BIRTH, agencies[2]!);
    expect(view).toMatchObject({ id: null, version: null, origin: 'generated', catalogVersion: 1 });
    expect(await services.history(BIRTH, agencies[2]!)).toEqual([]);
    const stored = await services.current(BIRTH, agencies[2]!);
    expect(await services.preview(BIRTH, agencies[2]!)).toEqual(stored);
  });
});

describe('publish', () => {
  const agency = () => agencies[3]!;
  let base: ServiceDefinition;
  beforeAll(async () => {
    base = (await services.current(PASSPORT, agency())).definition;
  });

  it('is for agency admins of that agency only', async () => {
    const others: Actor[] = [
      { kind: 'anonymous' },
      { kind: 'applicant', accountId: crypto.randomUUID() },
      { kind: 'official', accountId: crypto.randomUUID(), grants: [{ agencyCode: agency(), role: 'approver' }] },
      admin(agencies[4]!),
    ];
    for (const actor of others) expect((await rejection(services.publish(actor, PASSPORT, agency(), base))).code).toBe('DOSSIER_SERVICE_FORBIDDEN');
  });

  it('writes version n+1, edited, by whom, and leaves the earlier row as it was', async () => {
    const by = admin(agency());
    clock = new Date('2026-03-03T02:00:00Z');
    const edited = structuredClone(base);
    edited.supplementDays = 15;
    edited.steps[1]!.budgetHours = 20;
    edited.procedureName = 'an editor cannot rename the procedure';
    const v2 = await services.publish(by, PASSPORT, agency(), edited);
    expect(v2).toMatchObject({ version: 2, origin: 'edited', createdBy: by.kind === 'official' ? by.accountId : null, catalogVersion: 1, createdAt: clock });
    expect(v2.definition.supplementDays).toBe(15);
    expect(v2.definition.procedureName).toBe(base.procedureName);
    expect(await services.current(PASSPORT, agency())).toEqual(v2);
    const history = await services.history(PASSPORT, agency());
    expect(history.map((h) => [h.version, h.origin])).toEqual([[2, 'edited'], [1, 'generated']]);
    expect((await services.byId(history[1]!.id)).definition).toEqual(base);
    // The same definition again is not a new version.
    expect(await services.publish(by, PASSPORT, agency(), structuredClone(v2.definition))).toEqual(v2);
  });

  it('rejects an invalid definition with every problem listed', async () => {
    const bad = { ...structuredClone(base), steps: base.steps.filter((s) => s.role !== 'approver'), supplementDays: 0 };
    const err = await rejection(services.publish(admin(agency()), PASSPORT, agency(), bad));
    expect(err.code).toBe('DOSSIER_SERVICE_INVALID');
    const errors = err.extra.errors as Array<{ path: string; code: string; message: string; messages: { vi: string; en: string } }>;
    expect(errors.map((e) => `${e.path} ${e.code}`)).toEqual(['supplementDays schema_too_small']);
    const noApprover = await rejection(services.publish(admin(agency()), PASSPORT, agency(), { ...structuredClone(base), steps: base.steps.filter((s) => s.role !== 'approver') }));
    expect((noApprover.extra.errors as Array<{ code: string; messages: { en: string } }>)[0]).toMatchObject({ code: 'no_approver', messages: { en: expect.stringContaining('approver') } });
  });

  it('refuses an edit started from an older version (409), and numbers concurrent publications apart', async () => {
    const current = await services.current(PASSPORT, agency());
    const edit = (days: number) => ({ ...structuredClone(current.definition), supplementDays: days });
    expect((await rejection(services.publish(admin(agency()), PASSPORT, agency(), edit(9), { baseVersion: current.version - 1 }))).code).toBe('DOSSIER_SERVICE_CONFLICT');
    const sameBase = await Promise.allSettled([10, 11].map((d) => services.publish(admin(agency()), PASSPORT, agency(), edit(d), { baseVersion: current.version })));
    expect(sameBase.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const free = await Promise.all([12, 13, 14].map((d) => services.publish(admin(agency()), PASSPORT, agency(), edit(d))));
    expect(free.map((v) => v.version).sort()).toEqual([current.version + 2, current.version + 3, current.version + 4]);
  });

  it('lists the agencies\' configured services, newest change first', async () => {
    const list = await services.listForAgencies([agency(), agencies[1]!]);
    expect(list.map((s) => [s.procedureCode, s.agencyCode])).toEqual([
      [PASSPORT, agency()],
      [BIRTH, agencies[1]],
    ]);
    expect(list[0]!.procedureName).toBe(base.procedureName);
    expect(await services.listForAgencies([])).toEqual([]);
  });
});

describe('answers against a stored version and the real 2025 units', () => {
  it('checks communes through the lookup loaded once from the agencies module', async () => {
    const units = await createCommuneLookup(createAgenciesModule({ db: t.db }).service);
    expect(units.communeExists('01', '00004')).toBe(true);
    expect(units.communeExists('79', '00004')).toBe(false);
    const stored = await services.current(PASSPORT, agencies[5]!);
    const answers = {
      applicant_full_name: 'Lê Văn Tám',
      applicant_date_of_birth: '1999-09-09',
      applicant_id_number: '001099000111',
      applicant_phone: '0912345678',
      applicant_permanent_address: { provinceCode: '79', communeCode: '00004' },
      request_summary: 'Cấp hộ chiếu lần đầu',
    };
    const result = validateAnswers(stored.definition, answers, { today: '2026-03-02', caseKey: 'chung', units });
    expect(!result.ok && result.errors.map((e) => [e.field, e.code])).toEqual([['applicant_permanent_address.communeCode', 'commune_unknown']]);
  });
});
