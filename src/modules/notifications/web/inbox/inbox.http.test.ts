import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, official, readyDraft, twoAgencies } from '../../../../../test/support/dossier-fixtures.ts';
import { HttpBrowser, hiddenField } from '../../../../../test/support/http-browser.ts';
import { startTestPortal } from '../../../../../test/support/portal.ts';
import { createSubscriptions } from '../../../../app.ts';
import { createEventDispatcher } from '../../../../platform/events/events.ts';
import type { Messages } from '../../../../platform/i18n/i18n.ts';
import { notificationsMessages } from '../notifications.messages.ts';

// The whole path: a citizen submits a dossier through the dossier core, the event is dispatched
// with the subscriptions app.ts declares, and the citizen reads the message in the inbox after
// logging in through the real login page. Another person never sees it nor marks it.
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let mai: Awaited<ReturnType<typeof citizen>>;
let khac: Awaited<ReturnType<typeof citizen>>;
let code: string;
let dossierId: string;
let agency: string;

/** Runs the subscribers of every dossier event not dispatched yet, as the worker would. */
async function dispatchDossierEvents() {
  const dispatch = createEventDispatcher(portal.database.db, createSubscriptions(portal.app.modules), pino({ level: 'silent' }));
  const { rows } = await portal.database.pool.query<{ id: string }>(`SELECT id FROM platform_event WHERE type LIKE 'dossier.%' AND dispatched_at IS NULL ORDER BY occurred_at`);
  for (const row of rows) await dispatch({ id: row.id });
  return rows.length;
}

async function logIn(person: { account: { email: string | null }; password: string }): Promise<HttpBrowser> {
  const browser = new HttpBrowser();
  const form = await browser.go(`${portal.base}/dang-nhap`);
  const done = await browser.go(`${portal.base}/dang-nhap`, { form: { identifier: person.account.email!, password: person.password, _csrf: hiddenField(form.html, '_csrf') } });
  expect(done.url).toBe(`${portal.base}/tai-khoan`);
  return browser;
}

const inbox = (browser: HttpBrowser, query = '') => browser.go(`${portal.base}/tai-khoan/thong-bao${query}`);
const messageIds = (html: string) => [...html.matchAll(/id="message-([0-9a-f-]{36})"/g)].map((m) => m[1]!);

beforeAll(async () => {
  portal = await startTestPortal();
  [agency] = await twoAgencies(portal.app);
  mai = await citizen(portal.app, 'Phạm Thị Mai');
  khac = await citizen(portal.app, 'Lê Văn Khác');
  const draft = await readyDraft(portal.app, mai, agency);
  const submitted = await portal.app.modules.dossiers.drafts.submit(mai.actor, draft.id);
  dossierId = draft.id;
  code = submitted.code!;
  expect(await dispatchDossierEvents()).toBe(1);
}, 60_000);

afterAll(async () => {
  await portal?.close();
});

function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

describe('notifications of a submitted dossier', () => {
  it('sends one e-mail and one SMS to the applicant, and dispatching again sends nothing more', async () => {
    const { rows } = await portal.database.pool.query(`SELECT channel, recipient, locale, subject FROM notification_message WHERE event_type = 'dossier.submitted' ORDER BY channel`);
    expect(rows).toEqual([
      { channel: 'email', recipient: mai.account.email, locale: 'vi', subject: `Đã nộp hồ sơ ${code} – Cổng Dịch vụ công` },
      { channel: 'sms', recipient: '0912345678', locale: 'vi', subject: null },
    ]);
    const event = await portal.database.pool.query<{ id: string }>(`SELECT id FROM platform_event WHERE type = 'dossier.submitted'`);
    await createEventDispatcher(portal.database.db, createSubscriptions(portal.app.modules), pino({ level: 'silent' }))({ id: event.rows[0]!.id });
    const again = await portal.database.pool.query(`SELECT (SELECT count(*) FROM notification_message)::int AS messages, (SELECT count(*) FROM notification_inbox)::int AS inbox`);
    expect(again.rows[0]).toEqual({ messages: 2, inbox: 1 });
  });
});

describe('/tai-khoan/thong-bao', () => {
  it('sends a visitor to log in first', async () => {
    const res = await new HttpBrowser().request(`${portal.base}/tai-khoan/thong-bao`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dang-nhap?next=%2Ftai-khoan%2Fthong-bao');
  });

  it('lists the message, unread, with the count in the page and in the header', async () => {
    const browser = await logIn(mai);
    const page = await inbox(browser);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('<title>Thông báo – Cổng Dịch vụ công</title>');
    expect(page.html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.html).toContain('Bạn có 1 thông báo chưa đọc.');
    expect(page.html).toContain(`Đã nộp hồ sơ ${code}`);
    expect(page.html).toContain('Chưa đọc');
    expect(page.html).toContain(`href="/ho-so/${dossierId}"`);
    expect(page.html).toMatch(/href="\/tai-khoan\/thong-bao" aria-current="page">Thông báo \(1<span class="govuk-visually-hidden"> chưa đọc<\/span>\)<\/a>/);
    expect(page.html).not.toMatch(/>\s*notifications\.[\w.]+\s*</);
    expect(page.html).not.toMatch(/\sstyle="/);
    expect(messageIds(page.html)).toHaveLength(1);
    // Every page of a signed-in person carries the count (here: the home page, registered before notifications).
    expect((await browser.go(`${portal.base}/`)).html).toContain('Thông báo (1<span class="govuk-visually-hidden"> chưa đọc</span>)');
  });

  it('never shows nor lets another person mark someone else’s message', async () => {
    const owner = await logIn(mai);
    const [id] = messageIds((await inbox(owner)).html);
    const other = await logIn(khac);
    const page = await inbox(other);
    expect(page.html).toContain('Bạn chưa có thông báo nào.');
    expect(page.html).not.toContain(code);
    const csrf = hiddenField((await other.go(`${portal.base}/tai-khoan`)).html, '_csrf');
    const res = await other.request(`${portal.base}/tai-khoan/thong-bao/${id}/da-doc`, { form: { _csrf: csrf } });
    expect(res.status).toBe(404);
    const still = await portal.database.pool.query('SELECT read_at FROM notification_inbox WHERE id = $1', [id]);
    expect(still.rows[0].read_at).toBeNull();
  });

  it('marks a message read with a POST carrying the CSRF token (and refuses one without)', async () => {
    const browser = await logIn(mai);
    const page = await inbox(browser);
    const [id] = messageIds(page.html);
    const forged = await browser.request(`${portal.base}/tai-khoan/thong-bao/${id}/da-doc`, { method: 'POST', form: { x: '1' } });
    expect(forged.status).toBe(403);
    const done = await browser.go(`${portal.base}/tai-khoan/thong-bao/${id}/da-doc`, { form: { _csrf: hiddenField(page.html, '_csrf') } });
    expect(browser.visited.at(-1)).toBe(`${portal.base}/tai-khoan/thong-bao?da_doc=1`);
    expect(done.html).toContain('Đã đánh dấu thông báo là đã đọc.');
    expect(done.html).toContain('Bạn đã đọc hết thông báo.');
    expect(done.html).toContain('data-unread="false"');
    expect(done.html).not.toContain('Thông báo (1');
  });

  it('shows newer messages first, marks them all read, and speaks English', async () => {
    const desk = await official(portal.app, agency, ['intake_officer']);
    await portal.app.modules.dossiers.actions.act(desk.actor, dossierId, 'accept', {});
    expect(await dispatchDossierEvents()).toBe(1);
    const browser = await logIn(mai);
    const page = await inbox(browser, '?lang=en');
    expect(page.html).toContain('<html lang="en"');
    expect(page.html).toContain('Unread messages: 1.');
    expect(page.html.indexOf(`Application ${code} accepted`)).toBeLessThan(page.html.indexOf(`Application ${code} submitted`));
    const done = await browser.go(`${portal.base}/tai-khoan/thong-bao/da-doc-tat-ca`, { form: { _csrf: hiddenField(page.html, '_csrf') } });
    expect(done.html).toContain('All messages are marked as read.');
    expect(done.html).not.toContain('data-unread="true"');
  });

  it('has every Vietnamese string in English too, NFC-normalised', () => {
    expect(keysOf(notificationsMessages.en).sort()).toEqual(keysOf(notificationsMessages.vi).sort());
    const all = JSON.stringify(notificationsMessages);
    expect(all).toBe(all.normalize('NFC'));
  });
});
