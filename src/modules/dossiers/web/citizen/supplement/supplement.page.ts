/**
 * GET/POST /ho-so/{id}/bo-sung: answering the agency's supplement request — a file input per item
 * asked for, one multipart post, then `provide_supplement`. Files refused are named; files accepted
 * are kept (as hidden references checked against the uploader) so the person only re-sends the rest.
 * After the supplement deadline the core refuses, and the page says so plainly.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { formatSize, type FileMeta } from '../../../../documents/index.ts';
import type { DossierView } from '../../../core/dossier-query.service.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formKey, formText, newFormKey } from '../citizen-request.parser.ts';
import { formatLongTime } from '../citizen-time.presenter.ts';
import { typeLabel, type PageError } from '../documents/document-list.presenter.ts';
import { openSupplement } from '../dossier/dossier-view.presenter.ts';

type Params = { Params: { id: string } };
type Kept = { item: number; file: FileMeta };
const NOTE_MAX = 2000;

export function registerSupplementPage(app: HttpServer, deps: CitizenPagesDeps): void {
  function render(request: FastifyRequest, reply: FastifyReply, view: DossierView, state: { kept?: Kept[]; note?: string; key?: string; errors?: PageError[] } = {}) {
    const supplement = openSupplement(view, deps.now())!;
    const kept = state.kept ?? [];
    return reply.page('dossiers/web/citizen/supplement/supplement.njk', {
      dossier: { id: view.id, code: view.code, procedureName: view.procedureName },
      items: supplement.items.map((item, i) => ({
        ...item,
        id: `item-${i}`,
        kept: kept.filter((k) => k.item === i).map((k) => ({ ref: `${i}|${k.file.id}`, name: k.file.originalName, type: typeLabel(k.file.mediaType), size: formatSize(k.file.sizeBytes) })),
      })),
      note: state.note ?? '',
      dueAt: formatLongTime(supplement.dueAt, request.locale),
      expired: supplement.expired,
      maxSize: formatSize(deps.documents.limits.maxBytes),
      formKey: state.key ?? newFormKey(),
      hasErrors: (state.errors ?? []).length > 0,
      errorList: state.errors ?? [],
      csrfToken: deps.web.csrfToken(request, reply),
    });
  }

  app.get<Params>('/ho-so/:id/bo-sung', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const view = await deps.queries.get(who.actor, request.params.id);
    if (!view.allowedActions.includes('provide_supplement') || !openSupplement(view, deps.now())) return reply.redirect(`/ho-so/${view.id}`, 303);
    return render(request, reply, view);
  });

  app.post<Params>('/ho-so/:id/bo-sung', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/bo-sung`);
    if (!who) return reply;
    const view = await deps.queries.get(who.actor, request.params.id);
    const supplement = openSupplement(view, deps.now());
    if (!view.allowedActions.includes('provide_supplement') || !supplement) return reply.redirect(`/ho-so/${view.id}`, 303);
    const upload = await deps.documents.readUpload(request, { ownerAccountId: who.actor.accountId, beforeStore: () => deps.web.checkCsrf(request) });
    const kept: Kept[] = [];
    for (const ref of [upload.fields.kept ?? []].flat()) {
      const [item, fileId] = ref.split('|');
      const file = fileId ? await deps.documents.getFile(who.actor.accountId, fileId) : null;
      if (file && Number(item) < supplement.items.length) kept.push({ item: Number(item), file });
    }
    for (const { field, file } of upload.files) {
      const item = Number(/^item-(\d{1,2})$/.exec(field)?.[1] ?? NaN);
      if (item < supplement.items.length) kept.push({ item, file });
    }
    const note = formText(upload.fields, 'note');
    const key = formKey(upload.fields) ?? newFormKey();
    const errors: PageError[] = upload.problems.map((p) => ({ href: `#${p.field}`, key: p.messageKey, params: { ...p.params } }));
    if ([...note].length > NOTE_MAX) errors.push({ href: '#note', key: 'dossiers.citizen.supplement.noteTooLong', params: { n: NOTE_MAX } });
    if (kept.length === 0 && upload.problems.length === 0) errors.push({ href: '#item-0', key: 'dossiers.citizen.supplement.chooseFile' });
    if (errors.length > 0) return render(request, reply.code(400), view, { kept, note, key, errors });
    const files = kept.map(({ item, file }) => ({
      requirementKey: supplement.items[item]!.name.normalize('NFC').slice(0, 100),
      fileId: file.id,
      name: file.originalName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
    }));
    try {
      await deps.actions.act(who.actor, view.id, 'provide_supplement', note ? { files, note } : { files }, `supplement:${key}`);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'DOSSIER_SUPPLEMENT_EXPIRED') throw err;
      return render(request, reply.code(409), view, { kept, note, key, errors: [{ href: '#main-content', key: 'dossiers.citizen.supplement.tooLate', params: { time: formatLongTime(view.supplementDueAt, request.locale) } }] });
    }
    return reply.redirect(`/ho-so/${view.id}?da_bo_sung=1`, 303);
  });
}
