import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { official } from '../../../../test/support/dossier-fixtures.ts';
import { createWebApp, type WebApp } from '../../../app.ts';
import { loadEnv } from '../../../config/env.ts';
import { computeDue } from '../deadline.workflow.ts';
import type { WorkingCalendar } from '../holiday-calendar.workflow.ts';
import { formatVietnamTime } from '../working-time.workflow.ts';
import { runHolidaysCommand } from './calendar-admin.cli.ts';
import type { CalendarEditor } from './calendar-admin.types.ts';

// Two web processes on one database: an approval through the first changes the deadlines of both,
// the second once PostgreSQL has told it (LISTEN dossier_holiday_calendar_changed).
let t: TestApp;
let other: WebApp;
let admin: CalendarEditor;
let adminId: string;
let folder: string;

beforeAll(async () => {
  t = await createTestApp();
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.database.url });
  other = await createWebApp({ env, databaseUrl: t.database.url, logger: pino({ level: 'silent' }), listenForChanges: true });
  const { rows } = await t.database.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 1');
  const person = await official(t.app, rows[0]!.code, ['system_admin'], 'Phạm Quản Trị');
  adminId = person.account.id;
  admin = { kind: 'official', actor: person.actor, name: 'Phạm Quản Trị', ip: '192.0.2.9', userAgent: 'vitest' };
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-holidays-'));
});

afterAll(async () => {
  fs.rmSync(folder, { recursive: true, force: true });
  await other?.close();
  await t?.close();
});

// Mon 4/5/2026 made a swapped day off, Sat 9/5/2026 worked in exchange.
const MONDAY = new Date('2026-05-04T10:00:00+07:00');
const FRIDAY = new Date('2026-05-08T10:00:00+07:00');
const due = (calendar: WorkingCalendar, received: Date, days: number) => formatVietnamTime(computeDue(received, { value: days, unit: 'working_days' }, calendar));
const apiDue = async (app: WebApp, received: string, days: number) => {
  const res = await app.http.inject({ method: 'GET', url: `/api/v1/deadlines?${new URLSearchParams({ received, value: String(days), unit: 'working_days' })}` });
  return (res.json() as { due: string }).due;
};

async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('approving a holiday calendar', () => {
  it('changes deadlines at once in this process, and in another process after the notification', async () => {
    const calendars = t.app.modules.dossiers.calendarAdmin;
    for (const app of [t.app, other]) {
      expect(due(app.modules.dossiers.calendar, MONDAY, 3)).toBe('2026-05-07T10:00:00+07:00');
      expect(due(app.modules.dossiers.calendar, FRIDAY, 1)).toBe('2026-05-11T10:00:00+07:00');
      expect(await apiDue(app, '2026-05-04T10:00', 3)).toBe('2026-05-07T10:00:00+07:00');
    }

    expect(await calendars.addDayOff(admin, 2026, { date: '04/05/2026', name: 'Nghỉ hoán đổi dịp 30/4', kind: 'swap_off', reference: 'Thông báo thử nghiệm' })).toMatchObject({ ok: true });
    expect(await calendars.addWorkingDay(admin, 2026, { date: '09/05/2026', reason: 'Làm bù cho thứ Hai 04/05', reference: '' })).toMatchObject({ ok: true });
    // A draft is not in force.
    expect(due(t.app.modules.dossiers.calendar, MONDAY, 3)).toBe('2026-05-07T10:00:00+07:00');
    const view = await calendars.year(2026);
    expect(view.draft?.baseVersion).toBe(0);
    expect(view.examples.filter((e) => e.changed).map((e) => formatVietnamTime(e.received))).toEqual(['2026-05-04T09:00:00+07:00', '2026-05-09T09:00:00+07:00']);

    const approved = await calendars.approve(admin, 2026, { note: 'Theo thông báo thử nghiệm', baseVersion: 0 });
    expect(approved.ok && approved.approval.version).toBe(1);

    // This process: at once, through the engine and through the API.
    expect(due(t.app.modules.dossiers.calendar, MONDAY, 3)).toBe('2026-05-08T07:00:00+07:00');
    expect(due(t.app.modules.dossiers.calendar, FRIDAY, 1)).toBe('2026-05-09T10:00:00+07:00');
    expect(await apiDue(t.app, '2026-05-04T10:00', 3)).toBe('2026-05-08T07:00:00+07:00');
    // The other process: once it has heard the NOTIFY.
    await eventually(() => due(other.modules.dossiers.calendar, MONDAY, 3) === '2026-05-08T07:00:00+07:00');
    expect(due(other.modules.dossiers.calendar, FRIDAY, 1)).toBe('2026-05-09T10:00:00+07:00');
    expect(await apiDue(other, '2026-05-08T10:00', 1)).toBe('2026-05-09T10:00:00+07:00');
    const res = await other.http.inject({ method: 'GET', url: '/api/v1/holiday-calendars/2026' });
    expect(res.json()).toMatchObject({ year: 2026, approved: true, version: 1, workingDays: [{ date: '2026-05-09', reason: 'Làm bù cho thứ Hai 04/05' }], notes: ['Theo thông báo thử nghiệm'] });
    // Other years still come from the proposal.
    expect((await other.http.inject({ method: 'GET', url: '/api/v1/holiday-calendars/2027' })).json()).toMatchObject({ approved: false, version: null });

    // The approval is the audit record: who, from where, when; the draft is gone.
    const { rows } = await t.database.pool.query('SELECT version, approved_by, approved_by_name, approved_via, ip, user_agent FROM dossier_holiday_calendar WHERE year = 2026');
    expect(rows).toEqual([{ version: 1, approved_by: adminId, approved_by_name: 'Phạm Quản Trị', approved_via: 'web', ip: '192.0.2.9', user_agent: 'vitest' }]);
    expect((await calendars.year(2026)).draft).toBeNull();
  });

  it('keeps every version: a second approval (from the command line) is a new row, the first is never changed', async () => {
    const calendars = t.app.modules.dossiers.calendarAdmin;
    const shown = await runHolidaysCommand(['show', '2026'], calendars);
    expect(shown.exitCode).toBe(0);
    const current = JSON.parse(shown.stdout) as { holidays: unknown[]; workingDays: unknown[]; version: number };
    expect(current.version).toBe(1);
    const file = path.join(folder, 'vn-2026.json');
    fs.writeFileSync(file, JSON.stringify({ year: 2026, holidays: current.holidays, workingDays: [] }));

    // A calendar with a weekday "worked" is refused, and nothing is stored.
    fs.writeFileSync(path.join(folder, 'bad.json'), JSON.stringify({ year: 2026, holidays: [], workingDays: [{ date: '2026-05-05', reason: 'x' }] }));
    const refused = await runHolidaysCommand(['approve', '2026', '--file', path.join(folder, 'bad.json')], calendars);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('working_day_not_weekend');
    expect((await runHolidaysCommand(['approve', '1999'], calendars)).exitCode).toBe(2);

    const approved = await runHolidaysCommand(['approve', '2026', '--file', file, '--note', 'Bỏ ngày làm bù', '--by', 'Vận hành'], calendars);
    expect(approved.stderr).toBe('');
    expect(approved.stdout).toContain('version 2');
    expect(due(t.app.modules.dossiers.calendar, FRIDAY, 1)).toBe('2026-05-11T10:00:00+07:00');
    await eventually(() => due(other.modules.dossiers.calendar, FRIDAY, 1) === '2026-05-11T10:00:00+07:00');
    expect(due(other.modules.dossiers.calendar, MONDAY, 3)).toBe('2026-05-08T07:00:00+07:00');

    const history = (await calendars.year(2026)).history;
    expect(history.map((h) => [h.version, h.approvedByName, h.approvedVia, h.calendar.workingDays.length])).toEqual([
      [2, 'Vận hành', 'cli', 0],
      [1, 'Phạm Quản Trị', 'web', 1],
    ]);
    await expect(t.database.pool.query("UPDATE dossier_holiday_calendar SET note = 'x' WHERE year = 2026")).rejects.toThrow(/append-only/);
    await expect(t.database.pool.query('DELETE FROM dossier_holiday_calendar WHERE year = 2026')).rejects.toThrow(/append-only/);
  });

  it('refuses an approval over a version it did not see, a stale draft, or no change', async () => {
    const calendars = t.app.modules.dossiers.calendarAdmin;
    const conflict = await calendars.approve(admin, 2026, { baseVersion: 1 });
    expect(conflict).toEqual({ ok: false, problems: [{ field: 'approve', code: 'approve_conflict', params: { version: 2 } }] });
    expect(await calendars.approve(admin, 2026, { baseVersion: 2 })).toEqual({ ok: false, problems: [{ field: 'approve', code: 'approve_nothing_new', params: { version: 2 } }] });

    await calendars.addDayOff(admin, 2026, { date: '31/12/2026', name: 'Thử', kind: 'swap_off', reference: '' });
    await runHolidaysCommand(['approve', '2026', '--file', path.join(folder, 'vn-2026.json')], calendars).then((o) => expect(o.stderr).toContain('approve_nothing_new'));
    fs.writeFileSync(path.join(folder, 'v3.json'), JSON.stringify({ year: 2026, holidays: [], workingDays: [] }));
    expect((await runHolidaysCommand(['approve', '2026', '--file', path.join(folder, 'v3.json')], calendars)).exitCode).toBe(0);
    const stale = await calendars.approve(admin, 2026, { baseVersion: 3 });
    expect(stale.ok === false && stale.problems[0]!.code).toBe('approve_draft_stale');
    expect((await calendars.year(2026)).stale).toBe(true);
    expect(await calendars.discardDraft(admin, 2026)).toBe(true);
  });

  it('lets only system admins edit, and only the years the engine covers', async () => {
    const calendars = t.app.modules.dossiers.calendarAdmin;
    const { rows } = await t.database.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 1');
    const clerk = await official(t.app, rows[0]!.code, ['intake_officer', 'agency_admin']);
    const by: CalendarEditor = { kind: 'official', actor: clerk.actor, name: 'x', ip: null, userAgent: null };
    await expect(calendars.addDayOff(by, 2027, { date: '04/01/2027', name: 'x', kind: 'holiday', reference: '' })).rejects.toMatchObject({ code: 'DOSSIER_CALENDAR_FORBIDDEN' });
    await expect(calendars.approve(by, 2027, {})).rejects.toMatchObject({ code: 'DOSSIER_CALENDAR_FORBIDDEN' });
    await expect(calendars.year(1999)).rejects.toMatchObject({ code: 'DOSSIER_CALENDAR_YEAR_UNSUPPORTED' });
    expect(() => calendars.inEffect(2091)).toThrow(/YEAR_UNSUPPORTED/);
    const { rows: drafts } = await t.database.pool.query('SELECT year FROM dossier_holiday_calendar_draft');
    expect(drafts).toEqual([]);
  });
});
