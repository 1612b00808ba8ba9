import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { actorOf } from '../../../identity/index.ts';
import type { FormField } from '../../service-config/service-config.types.ts';
import { addCitizen, CITIZEN_PASSWORD, CitizenBrowser, csrfOf } from './citizen.test-support.ts';

// Every kind of question an agency can configure, without JavaScript: a conditional field shown
// after its choice is saved, a repeatable group with "add another" and "remove", addresses whose
// commune list follows the province after a round trip, and errors with the input kept.
const PROCEDURE = '1.000236';
const AGENCY = '000.00.08.G01';
const l = (vi: string, en: string) => ({ vi, en });
const EXTRA_FIELDS: FormField[] = [
  { kind: 'number', key: 'copies', label: l('Số bản cần cấp', 'Number of copies'), required: true, min: 1, max: 10, integer: true },
  { kind: 'choice', key: 'purpose', display: 'select', label: l('Mục đích', 'Purpose'), required: true, options: [{ value: 'work', label: l('Đi làm', 'Work') }, { value: 'study', label: l('Đi học', 'Study') }] },
  { kind: 'date', key: 'travel_date', label: l('Ngày dự kiến xuất cảnh', 'Planned departure date'), required: false },
  { kind: 'email', key: 'contact_email', label: l('Thư điện tử liên hệ', 'Contact email'), required: false },
  { kind: 'choice', key: 'has_children', display: 'radios', label: l('Có con đi cùng không?', 'Are children travelling with you?'), required: true, options: [{ value: 'yes', label: l('Có', 'Yes') }, { value: 'no', label: l('Không', 'No') }] },
  {
    kind: 'group',
    key: 'children',
    label: l('Con đi cùng', 'Children travelling'),
    minItems: 1,
    maxItems: 3,
    showIf: { field: 'has_children', equals: 'yes' },
    fields: [
      { kind: 'text', key: 'name', label: l('Họ và tên con', 'Child’s full name'), required: true },
      { kind: 'date', key: 'birth', label: l('Ngày sinh của con', 'Child’s date of birth'), required: true, notInFuture: true },
      { kind: 'address', key: 'home', label: l('Nơi ở của con', 'Child’s address'), required: false },
    ],
  },
];

let t: TestApp;
let an: CitizenBrowser;
let id = '';
const url = () => `/ho-so/${id}/thong-tin`;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.app.modules.identity.accounts.addAccount(
    { type: 'official', email: 'quantri.xnc@example.vn', password: 'mat khau quan tri 2026', agency: AGENCY, roles: ['agency_admin'] },
    { origin: { ip: '127.0.0.1', userAgent: null } },
  );
  const current = await t.app.modules.dossiers.configs.current(PROCEDURE, AGENCY);
  const definition = { ...current.definition, form: [...current.definition.form, ...EXTRA_FIELDS] };
  await t.app.modules.dossiers.configs.publish(actorOf(admin), PROCEDURE, AGENCY, definition);
  await addCitizen(t, 'an.cauhoi@example.vn', { fullName: 'Nguyễn Văn An' });
  an = new CitizenBrowser(t, '198.51.100.101');
  await an.logIn('an.cauhoi@example.vn', CITIZEN_PASSWORD);
  const start = await an.get(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`);
  const created = await an.post(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`, { _csrf: csrfOf(start.body), agencyCode: AGENCY, forWhom: 'self' });
  id = created.location!.split('/').pop()!;
});
afterAll(async () => {
  await t?.close();
});

const summaryLinks = (html: string) => {
  const start = html.indexOf('govuk-error-summary__list');
  return [...html.slice(start, html.indexOf('</ul>', start)).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
};

describe('questions of every kind', () => {
  let csrf = '';
  const answers = { request_summary: 'Xin cấp hộ chiếu.', copies: '2', purpose: 'work', 'travel_date[day]': '', 'travel_date[month]': '', 'travel_date[year]': '' };

  it('renders text, textarea, number, select, a GOV.UK date, email and radios; hides the conditional group', async () => {
    const page = await an.get(url());
    expect(page.status).toBe(200);
    csrf = csrfOf(page.body);
    expect(page.body).toContain('<textarea class="govuk-textarea" id="f-request_summary" name="request_summary"');
    expect(page.body).toMatch(/id="f-copies" name="copies" type="text"[^>]*inputmode="numeric"/);
    expect(page.body).toContain('<select class="govuk-select" id="f-purpose" name="purpose"');
    expect(page.body).toContain('name="travel_date[day]"');
    expect(page.body).toContain('Ngày dự kiến xuất cảnh (không bắt buộc)');
    expect(page.body).toMatch(/id="f-contact_email" name="contact_email" type="email"/);
    expect(page.body).toContain('name="has_children" type="radio" value="yes"');
    expect(page.body).not.toContain('Con đi cùng');
    const english = await an.get(`${url()}?lang=en`);
    expect(english.body).toContain('Number of copies');
    expect(english.body).toContain('Planned departure date (optional)');
    await an.get(`${url()}?lang=vi`);
  });

  it('shows the conditional group once its choice is saved, without errors for questions not yet seen', async () => {
    const saved = await an.post(url(), { _csrf: csrf, ...answers, has_children: 'yes' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${url()}?them=1#f-children`);
    const page = await an.get(`${url()}?them=1`);
    expect(page.body).toContain('Có thêm câu hỏi theo lựa chọn của bạn');
    expect(page.body).toContain('Con đi cùng');
    expect(page.body).toContain('Chưa có mục nào.');
    expect(page.body).toContain('value="add:children"');
    expect(page.body).toMatch(/name="has_children" type="radio" value="yes" checked/);
  });

  it('adds and removes group items with buttons, keeping what was typed', async () => {
    const added = await an.post(url(), { _csrf: csrf, ...answers, has_children: 'yes', _action: 'add:children' });
    expect(added.location).toBe(`${url()}#f-children-0`);
    let page = await an.get(url());
    expect(page.body).toContain('name="children[0][name]"');
    expect(page.body).toContain('name="children[0][birth][day]"');
    expect(page.body).toContain('name="children[0][home][provinceCode]"');
    expect(page.body).not.toContain('value="remove:children:0"');
    await an.post(url(), { _csrf: csrf, ...answers, has_children: 'yes', 'children[0][name]': 'Bé Na', _action: 'add:children' });
    page = await an.get(url());
    expect(page.body).toContain('value="Bé Na"');
    expect(page.body).toContain('name="children[1][name]"');
    expect(page.body).toContain('value="remove:children:1"');
    const removed = await an.post(url(), { _csrf: csrf, ...answers, has_children: 'yes', 'children[0][name]': 'Bé Na', 'children[1][name]': 'Bé Bo', _action: 'remove:children:1' });
    expect(removed.location).toBe(`${url()}#f-children`);
    page = await an.get(url());
    expect(page.body).toContain('value="Bé Na"');
    expect(page.body).not.toContain('name="children[1][name]"');

    const units = await an.post(url(), { _csrf: csrf, ...answers, has_children: 'yes', 'children[0][name]': 'Bé Na', 'children[0][home][provinceCode]': '01', _action: 'units:children[0].home' });
    expect(units.location).toBe(`${url()}#f-children-0-home-communeCode`);
    page = await an.get(url());
    expect(page.body).toContain('id="f-children-0-home-communeCode"');
  });

  it('lists every error with links to the right box and keeps the input', async () => {
    const bad = await an.post(url(), { _csrf: csrf, ...answers, copies: 'hai', has_children: 'yes', 'children[0][name]': '', 'children[0][birth][day]': '1', 'children[0][birth][month]': '1', 'children[0][birth][year]': '2999' });
    expect(bad.status).toBe(400);
    expect(summaryLinks(bad.body)).toEqual(['#f-copies', '#f-children-0-name', '#f-children-0-birth-day']);
    expect(bad.body).toContain('value="hai"');
    expect(bad.body).toContain('value="2999"');
    expect(bad.body).toContain('govuk-form-group--error');
  });

  it('saves valid answers, marks the section done and shows them on the check page', async () => {
    const [commune] = await t.app.modules.agencies.service.listCommunes('01');
    const good = await an.post(url(), {
      _csrf: csrf,
      ...answers,
      copies: '2',
      'travel_date[day]': '3',
      'travel_date[month]': '9',
      'travel_date[year]': '2030',
      has_children: 'yes',
      'children[0][name]': 'Bé Na',
      'children[0][birth][day]': '1',
      'children[0][birth][month]': '1',
      'children[0][birth][year]': '2020',
      'children[0][home][provinceCode]': '01',
      'children[0][home][communeCode]': commune!.code,
      'children[0][home][street]': '',
    });
    expect(good.status).toBe(303);
    expect(good.location).toBe(`/ho-so/${id}`);
    const { rows } = await t.database.pool.query('SELECT answers FROM dossier WHERE id = $1', [id]);
    expect(rows[0].answers).toMatchObject({ copies: 2, purpose: 'work', travel_date: '2030-09-03', has_children: 'yes', children: [{ name: 'Bé Na', birth: '2020-01-01', home: { provinceCode: '01', communeCode: commune!.code, street: null } }], $done: ['details'] });
    const tasks = await an.get(`/ho-so/${id}`);
    expect(tasks.body).toMatch(/Thông tin hồ sơ[\s\S]*?Hoàn thành/);
    const check = await an.get(`/ho-so/${id}/kiem-tra`);
    expect(check.body).toContain('Đi làm');
    expect(check.body).toContain('03/09/2030');
    expect(check.body).toContain('Họ và tên con: Bé Na');
    expect(check.body).toContain(`${commune!.name}, Thành phố Hà Nội`);
    expect(check.body).toContain(`href="/ho-so/${id}/thong-tin#f-children-0"`);

    // Answering "no" hides the group again and drops its answers.
    const page = await an.get(url());
    const no = await an.post(url(), { _csrf: csrfOf(page.body), ...answers, has_children: 'no' });
    expect(no.status).toBe(303);
    expect((await an.get(url())).body).not.toContain('Con đi cùng');
  });
});
