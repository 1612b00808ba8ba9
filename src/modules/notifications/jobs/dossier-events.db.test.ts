import { randomUUID } from 'node:crypto';
import { Logger as WorkerLogger, runOnce, type TaskList } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { createEventDispatcher, DISPATCH_TASK, publishEvent } from '../../../platform/events/events.ts';
import { startLocalSmtpServer, type LocalSmtpServer } from '../adapters/local-smtp-server.fixture.ts';
import { createNotificationsModule } from '../index.ts';

// A dossier event, as the dossier core publishes it, goes through the real event log, the real
// dispatcher and worker jobs: one e-mail over real SMTP, one SMS (development mailbox), one in-app
// message per account, and nothing more when the event is dispatched again.
const logger = pino({ level: 'silent' });
const quietWorker = new WorkerLogger(() => () => undefined);
let database: TestDatabase;
let smtp: LocalSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startLocalSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await database?.drop();
});

function buildModule(locales: Record<string, 'vi' | 'en'> = {}) {
  const module = createNotificationsModule({
    db: database.db,
    logger,
    env: { NODE_ENV: 'test', MAIL_FROM: 'Cổng Dịch vụ công <no-reply@dichvucong.example.vn>', SMTP_URL: smtp.url, PUBLIC_URL: 'https://dichvucong.example.gov.vn/' },
  });
  const subscriptions = module.subscriptionsWith({ accounts: { localeOf: async (id) => locales[id] ?? null } });
  const dispatcher = createEventDispatcher(database.db, subscriptions, logger);
  const tasks: TaskList = { [DISPATCH_TASK]: dispatcher, ...module.tasks() };
  return { module, tasks, dispatch: (id: string) => dispatcher({ id }) };
}

async function runJobs(tasks: TaskList) {
  await runOnce({ pgPool: database.pool, taskList: tasks, logger: quietWorker });
  for (let i = 0; i < 100; i++) {
    const locked = await database.pool.query('SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_at IS NOT NULL');
    if (locked.rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const buildPayload = (overrides: Record<string, unknown> = {}) => {
  const n = randomUUID().slice(0, 8);
  return {
    dossierId: randomUUID(),
    eventId: randomUUID(),
    seq: 3,
    code: `001.00.00.H01-261122-${String(Math.floor(Math.random() * 9000) + 1000)}`,
    type: 'supplement_requested',
    status: 'supplement_requested',
    statusCode: 5,
    statusFrom: 'received',
    agencyCode: '001.00.00.H01',
    procedureCode: '1.003197',
    procedureName: 'Xóa đăng ký thường trú',
    channel: 'online',
    origin: 'portal',
    ownerAccountId: randomUUID(),
    submitterAccountId: null,
    contact: { name: 'Phạm Thị Mai', email: `mai-${n}@example.vn`, phone: `09${n.replace(/\D/g, '7').slice(0, 8)}` },
    dueAt: '2026-11-27T03:15:00.000Z',
    occurredAt: new Date().toISOString(),
    data: { items: [{ name: 'Tờ khai CT01', reason: 'Thiếu chữ ký' }], supplementDueAt: '2026-12-22T03:15:00.000Z', stage: 'intake' },
    ...overrides,
  };
};

const rowsOf = async (eventId: string) => ({
  messages: (await database.pool.query('SELECT channel, recipient, locale, subject, body, status, transport FROM notification_message WHERE event_id = $1 ORDER BY channel', [eventId])).rows,
  inbox: (await database.pool.query('SELECT account_id, kind, params, read_at FROM notification_inbox WHERE event_id = $1 ORDER BY account_id', [eventId])).rows,
});

describe('dossier notifications', () => {
  it('turns one event into one e-mail, one SMS and one in-app message, and a second dispatch adds nothing', async () => {
    const { tasks, dispatch } = buildModule();
    const payload = buildPayload();
    const eventId = await database.db.transaction().execute((tx) => publishEvent(tx, 'dossier.supplement_requested', payload));
    await runJobs(tasks);
    await dispatch(eventId);
    await runJobs(tasks);

    const { messages, inbox } = await rowsOf(eventId);
    expect(messages.map((m) => [m.channel, m.recipient, m.locale, m.status, m.transport])).toEqual([
      ['email', payload.contact.email, 'vi', 'sent', 'smtp'],
      ['sms', payload.contact.phone, 'vi', 'sent', 'mailbox'],
    ]);
    expect(messages[1].body).toContain(`Ho so ${payload.code} can bo sung giay to truoc 10:15 22/12/2026`);
    expect(messages[1].body).toContain('https://dichvucong.example.gov.vn/tra-cuu-ho-so');

    const mails = smtp.received.filter((m) => m.envelopeTo.includes(payload.contact.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Hồ sơ ${payload.code} cần bổ sung, hoàn thiện – Cổng Dịch vụ công`);
    expect(mails[0]!.text).toContain('– Tờ khai CT01: Thiếu chữ ký');
    expect(mails[0]!.text).toContain(`https://dichvucong.example.gov.vn/ho-so/${payload.dossierId}`);

    expect(inbox).toEqual([{ account_id: payload.ownerAccountId, kind: 'dossier.supplement_requested', params: expect.objectContaining({ dossierId: payload.dossierId, code: payload.code }), read_at: null }]);
    const left = await database.pool.query('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    expect(left.rows[0].n).toBe(0);
  });

  it('writes to the authorised submitter in their language, and puts the message in both accounts’ inboxes', async () => {
    const submitter = randomUUID();
    const { tasks } = buildModule({ [submitter]: 'en' });
    const payload = buildPayload({ type: 'received', status: 'received', submitterAccountId: submitter, data: { dueAt: '2026-11-27T03:15:00.000Z' } });
    const eventId = await publishEvent(database.db, 'dossier.received', payload);
    await runJobs(tasks);
    const { messages, inbox } = await rowsOf(eventId);
    expect(messages.map((m) => [m.channel, m.locale])).toEqual([['email', 'en'], ['sms', 'en']]);
    expect(messages[0].subject).toBe(`Application ${payload.code} accepted – Public Service Portal`);
    expect(inbox.map((i) => i.account_id).sort()).toEqual([payload.ownerAccountId, submitter].sort());
  });

  it('stays silent on events people are not told of, and skips a malformed payload', async () => {
    const { tasks } = buildModule();
    const forwarded = await publishEvent(database.db, 'dossier.forwarded', buildPayload({ type: 'forwarded' }));
    const broken = await publishEvent(database.db, 'dossier.refused', { dossierId: 'not-an-id', contact: 'nobody' });
    await runJobs(tasks);
    for (const id of [forwarded, broken]) {
      expect(await rowsOf(id)).toEqual({ messages: [], inbox: [] });
      const event = await database.pool.query('SELECT dispatched_at FROM platform_event WHERE id = $1', [id]);
      expect(event.rows[0].dispatched_at).toBeInstanceOf(Date);
    }
  });

  it('a dossier filed at the desk without an account still gets its e-mail, and no inbox row', async () => {
    const { tasks } = buildModule();
    const payload = buildPayload({ type: 'resolved', status: 'resolved', ownerAccountId: null, origin: 'desk', contact: { name: '', email: `desk-${randomUUID().slice(0, 6)}@example.vn`, phone: null }, data: { resultText: 'Đã xóa đăng ký thường trú' } });
    const eventId = await publishEvent(database.db, 'dossier.resolved', payload);
    await runJobs(tasks);
    const { messages, inbox } = await rowsOf(eventId);
    expect(messages.map((m) => m.channel)).toEqual(['email']);
    expect(messages[0].body).toContain('Kết quả: Đã xóa đăng ký thường trú');
    expect(inbox).toEqual([]);
  });
});
