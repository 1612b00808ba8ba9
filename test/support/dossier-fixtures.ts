/** Accounts, uploads and dossiers for dossier tests, made through the real services of a test app. */
import type { WebApp } from '../../src/app.ts';
import type { DossierActor } from '../../src/modules/dossiers/index.ts';
import { actorOf, type OfficialRole } from '../../src/modules/identity/index.ts';

export const PROCEDURE = '1.003197'; // Xóa đăng ký thường trú: 5 working days online, two documents, one case
const origin = { ip: '127.0.0.1', userAgent: 'dossier-fixtures' };
const PASSWORD = 'mat khau du dai 2026';
let counter = 0;

export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Two commune People's Committees: the test's agency and another one. */
export async function twoAgencies(app: WebApp): Promise<[string, string]> {
  const rows = await app.database.db.selectFrom('agency').select('code').where('kind', '=', 'commune_pc').orderBy('code').limit(2).execute();
  return [rows[0]!.code, rows[1]!.code];
}

export async function citizen(app: WebApp, name = 'Nguyễn Thị Hương') {
  const n = ++counter;
  const account = await app.modules.identity.accounts.addAccount(
    { type: 'citizen', email: `cong-dan-${n}-${process.pid}@example.vn`, password: PASSWORD, fullName: name, idNumber: `0010900${String(10000 + n).slice(-5)}` },
    { origin },
  );
  const actor: DossierActor = { ...(actorOf(account) as Extract<DossierActor, { kind: 'applicant' }>), name };
  const profile = {
    accountId: account.id,
    fullName: name,
    idNumber: account.idNumber,
    dateOfBirth: '1990-05-17',
    phone: '0912345678',
    email: account.email,
    permanentAddress: await someAddress(app),
  };
  return { account, actor: actor as Extract<DossierActor, { kind: 'applicant' }>, profile, password: PASSWORD };
}

export async function official(app: WebApp, agencyCode: string, roles: OfficialRole[], name = 'Trần Văn Cán Bộ') {
  const n = ++counter;
  const account = await app.modules.identity.accounts.addAccount(
    { type: 'official', email: `can-bo-${n}-${process.pid}@example.vn`, password: PASSWORD, fullName: name, agency: agencyCode, roles },
    { origin },
  );
  return { account, actor: { ...(actorOf(account) as Extract<DossierActor, { kind: 'official' }>), name } as Extract<DossierActor, { kind: 'official' }>, password: PASSWORD };
}

async function someAddress(app: WebApp) {
  const province = (await app.modules.agencies.service.listProvinces())[0]!;
  const commune = (await app.modules.agencies.service.listCommunes(province.code))[0]!;
  return { provinceCode: province.code, communeCode: commune.code, street: 'Số 1 phố Hàng Bài' };
}

export async function upload(app: WebApp, accountId: string, name = 'to-khai.pdf', bytes: Uint8Array = PDF_BYTES) {
  const stored = await app.modules.documents.storeUpload({ ownerAccountId: accountId, name, content: bytes });
  if (!stored.ok) throw new Error(`upload refused: ${stored.problem.code}`);
  return stored.file;
}

/** A complete draft (answers prefilled, every required document attached), not submitted yet. */
export async function readyDraft(app: WebApp, person: Awaited<ReturnType<typeof citizen>>, agencyCode: string) {
  const { drafts, services } = app.modules.dossiers;
  const draft = await drafts.create(person.actor, person.profile, { procedureCode: PROCEDURE, agencyCode });
  await drafts.update(person.actor, draft.id, { answers: { request_summary: 'Xin xóa đăng ký thường trú tại địa chỉ cũ.' } });
  const service = await services.byId(draft.serviceConfigId!);
  for (const doc of service.terms.documents.filter((d) => d.required)) {
    const file = await upload(app, person.account.id, `${doc.key}.pdf`);
    await drafts.attach(person.actor, draft.id, { requirementKey: doc.key, fileId: file.id });
  }
  return draft;
}
