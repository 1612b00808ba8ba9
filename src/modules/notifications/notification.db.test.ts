import { randomUUID } from 'node:crypto';
import { Logger as WorkerLogger, runOnce, type TaskList } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createEventDispatcher, DISPATCH_TASK, publishEvent } from '../../platform/events/events.ts';
import { startLocalSmtpServer, type LocalSmtpServer } from './adapters/local-smtp-server.fixture.ts';
import { createNotificationsModule, DELIVER_TASK, DeliveryError, type NotificationsModule, type NotificationTransport, type OutgoingMessage, type Transports } from './index.ts';
import { MAX_DELIVERY_ATTEMPTS } from './notification.repo.ts';

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

const inTenMinutes = () => new Date(Date.now() + 10 * 60_000).toISOString();
const buildCodePayload = (overrides: Record<string, unknown> = {}) => ({
  channel: 'email',
  to: `citizen-${randomUUID().slice(0, 8)}@example.vn`,
  code: '839201',
  purpose: 'register',
  locale: 'vi',
  expiresAt: inTenMinutes(),
  ...overrides,
});

/** A transport that fails as scripted (one entry per call, null = accept) and records what it accepted. */
function buildScriptedTransport(script: Array<Error | null> = []) {
  const sent: OutgoingMessage[] = [];
  let calls = 0;
  const transport: NotificationTransport = {
    name: 'scripted',
    async send(message) {
      const failure = script[calls++] ?? null;
      if (failure) throw failure;
      sent.push(message);
    },
  };
  return { sent, transport, calls: () => calls };
}

function buildModule(options: { transports?: Transports; smtpUrl?: string; now?: () => Date } = {}): { module: NotificationsModule; tasks: TaskList; dispatch: (id: string) => Promise<void> } {
  const module = createNotificationsModule({
    db: database.db,
    logger,
    env: { NODE_ENV: 'test', MAIL_FROM: 'Cổng Dịch vụ công <no-reply@dichvucong.example.vn>', SMTP_URL: options.smtpUrl },
    transports: options.transports,
    now: options.now,
  });
  const dispatcher = createEventDispatcher(database.db, module.subscriptions, logger);
  const tasks: TaskList = { [DISPATCH_TASK]: dispatcher, ...module.tasks() };
  return { module, tasks, dispatch: (id) => dispatcher({ id }) };
}

const messagesTo = async (to: string) =>
  (await database.pool.query('SELECT * FROM notification_message WHERE recipient = $1', [to])).rows;

async function runDueJobs(tasks: TaskList, options: { makeDue?: boolean } = {}) {
  if (options.makeDue) {
    await database.pool.query(`SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker.jobs WHERE task_identifier = $1), run_at := now())`, [DELIVER_TASK]);
  }
  await runOnce({ pgPool: database.pool, taskList: tasks, logger: quietWorker });
  // The worker may write a job's failure just after runOnce returns: wait for every lock to go.
  for (let i = 0; i < 100; i++) {
    const locked = await database.pool.query('SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_at IS NOT NULL');
    if (locked.rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('notifications outbox', () => {
  it('turns a code event into one stored e-mail, sent once over real SMTP even when the event is dispatched twice', async () => {
    const { module, tasks, dispatch } = buildModule({ smtpUrl: smtp.url });
    const payload = buildCodePayload();
    const eventId = await database.db.transaction().execute((tx) => publishEvent(tx, 'identity.verification_code_issued', payload));
    await runDueJobs(tasks);
    await dispatch(eventId);
    await runDueJobs(tasks);

    const rows = await messagesTo(payload.to);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_id: eventId, channel: 'email', status: 'sent', attempts: 1, transport: 'smtp', last_error: null, locale: 'vi' });
    expect(rows[0].sent_at).toBeInstanceOf(Date);
    // A stray repeat of the delivery job finds the message sent and does nothing.
    expect(await module.service.deliver(rows[0].id, { email: buildScriptedTransport().transport, sms: buildScriptedTransport().transport })).toEqual({ outcome: 'skipped' });

    const mails = smtp.received.filter((m) => m.envelopeTo.includes(payload.to));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Mã xác minh đăng ký tài khoản – Cổng Dịch vụ công');
    expect(mails[0]!.text).toContain('839201');
    const left = await database.pool.query('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    expect(left.rows[0].n).toBe(0);
  });

  it('sends SMS and the password-changed warning through the development mailbox when no transport is set', async () => {
    const { tasks } = buildModule();
    const phone = `09${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
    await publishEvent(database.db, 'identity.verification_code_issued', buildCodePayload({ channel: 'sms', to: phone, purpose: 'login', locale: 'en' }));
    await publishEvent(database.db, 'identity.password_changed', { channel: 'sms', to: phone, locale: 'vi' });
    await runDueJobs(tasks);
    const rows = (await messagesTo(phone)).sort((a, b) => a.event_type.localeCompare(b.event_type));
    expect(rows.map((r) => [r.event_type, r.status, r.transport, r.subject])).toEqual([
      ['identity.password_changed', 'sent', 'mailbox', null],
      ['identity.verification_code_issued', 'sent', 'mailbox', null],
    ]);
    expect(rows[1].body).toMatch(/^Public Service Portal code for signing in: 839201\./);
  });

  it('records a failed delivery with its error, retries it with backoff, then sends it once', async () => {
    const email = buildScriptedTransport([new DeliveryError('SMTP: connect ECONNREFUSED 10.0.0.25:587', false)]);
    const { tasks } = buildModule({ transports: { email: email.transport, sms: buildScriptedTransport().transport } });
    const payload = buildCodePayload();
    await publishEvent(database.db, 'identity.verification_code_issued', payload);
    await runDueJobs(tasks);

    let [row] = await messagesTo(payload.to);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'SMTP: connect ECONNREFUSED 10.0.0.25:587', sent_at: null });
    const job = await database.pool.query('SELECT attempts, run_at > now() AS later FROM graphile_worker.jobs WHERE task_identifier = $1', [DELIVER_TASK]);
    expect(job.rows).toEqual([{ attempts: 1, later: true }]);

    await runDueJobs(tasks, { makeDue: true });
    [row] = await messagesTo(payload.to);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null, transport: 'scripted' });
    expect(email.calls()).toBe(2);
    expect(email.sent).toHaveLength(1);
  });

  it('gives up at once on a permanent refusal, and on a code that expired before it could go out', async () => {
    const refused = buildScriptedTransport([new DeliveryError('SMTP: recipient refused (550 on RCPT TO)', true)]);
    const later = () => new Date(Date.now() + 60 * 60_000);
    const { tasks } = buildModule({ transports: { email: refused.transport, sms: refused.transport } });
    const gone = buildCodePayload();
    await publishEvent(database.db, 'identity.verification_code_issued', gone);
    await runDueJobs(tasks);
    expect((await messagesTo(gone.to))[0]).toMatchObject({ status: 'failed', attempts: 1, last_error: 'SMTP: recipient refused (550 on RCPT TO)' });

    const expired = buildCodePayload();
    await publishEvent(database.db, 'identity.verification_code_issued', expired);
    await runDueJobs(buildModule({ transports: { email: refused.transport, sms: refused.transport }, now: later }).tasks);
    expect((await messagesTo(expired.to))[0]).toMatchObject({ status: 'failed', last_error: 'expired before it could be delivered' });
    expect(refused.calls()).toBe(1);
    const left = await database.pool.query('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    expect(left.rows[0].n).toBe(0);
  });

  it(`stops after ${MAX_DELIVERY_ATTEMPTS} failed attempts`, async () => {
    const failing = buildScriptedTransport(Array.from({ length: 10 }, () => new DeliveryError('SMS gateway answered 503', false)));
    const transports = { email: failing.transport, sms: failing.transport };
    const { module } = buildModule({ transports });
    const phone = '0987000111';
    const id = await module.service.queue({ id: randomUUID(), type: 'identity.password_changed' }, {
      channel: 'sms', recipient: phone, locale: 'vi', subject: null, text: 'x', html: null, expiresAt: null,
    });
    const outcomes = [];
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 1; i++) outcomes.push((await module.service.deliver(id!, transports)).outcome);
    expect(outcomes).toEqual([...Array(MAX_DELIVERY_ATTEMPTS - 1).fill('retry'), 'failed', 'skipped']);
    expect((await messagesTo(phone))[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, last_error: 'SMS gateway answered 503' });
    // The queued job was never run here; clear it for the next test.
    await database.pool.query('SELECT graphile_worker.complete_jobs(ARRAY(SELECT id FROM graphile_worker.jobs))');
  });

  it('skips an event whose payload is malformed instead of retrying it forever', async () => {
    const { tasks } = buildModule();
    const eventId = await publishEvent(database.db, 'identity.verification_code_issued', { channel: 'fax', to: 'x@example.vn', code: '1' });
    await runDueJobs(tasks);
    const rows = await database.pool.query('SELECT count(*)::int AS n FROM notification_message WHERE event_id = $1', [eventId]);
    expect(rows.rows[0].n).toBe(0);
    const event = await database.pool.query('SELECT dispatched_at FROM platform_event WHERE id = $1', [eventId]);
    expect(event.rows[0].dispatched_at).toBeInstanceOf(Date);
  });
});
