/**
 * GET/POST /ho-so/{id}/giay-to: the documents the chosen case asks for. A plain multipart form per
 * document (no JavaScript): files are checked by content and size by the documents module, then
 * against what this document accepts; refused files are named, accepted ones kept. A saved document
 * (/tai-khoan/giay-to) can be attached instead of uploading again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import { formatSize, type FileMeta } from '../../../../documents/index.ts';
import type { ApplicantActor } from '../applicant.policy.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formText } from '../citizen-request.parser.ts';
import type { DraftContext, DraftContextLoader } from '../draft-context.service.ts';
import { markDone, PROGRESS_KEY, requirementsFor } from '../draft-sections.workflow.ts';
import { accepts, acceptedTypes, requirementViews, type PageError } from './document-list.presenter.ts';

type Params = { Params: { id: string } };
type Draft = DraftContext & { definition: NonNullable<DraftContext['definition']> };

export function registerDocumentsPage(app: HttpServer, deps: CitizenPagesDeps, drafts: DraftContextLoader): void {
  async function openDraft(actor: ApplicantActor, id: string, reply: FastifyReply): Promise<Draft | null> {
    const context = await drafts.load(actor, id);
    if (context.view.status === 'draft' && context.definition) return context as Draft;
    void reply.redirect(`/ho-so/${context.view.id}`, 303);
    return null;
  }

  async function render(request: FastifyRequest, reply: FastifyReply, draft: Draft, accountId: string, errors: PageError[] = []) {
    const { view, definition } = draft;
    const query = request.query as Record<string, unknown>;
    const saved = await deps.documents.listSaved(accountId);
    return reply.page('dossiers/web/citizen/documents/documents.njk', {
      dossier: { id: view.id, procedureName: view.procedureName },
      requirements: requirementViews(requirementsFor(definition, view.caseKey), view.files, saved, request.locale),
      maxSize: formatSize(deps.documents.limits.maxBytes),
      notice: query.da_tai === '1' ? 'uploaded' : query.da_xoa === '1' ? 'removed' : null,
      hasErrors: errors.length > 0,
      errorList: errors,
      csrfToken: deps.web.csrfToken(request, reply),
    });
  }

  app.get<Params>('/ho-so/:id/giay-to', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const draft = await openDraft(who.actor, request.params.id, reply);
    return draft ? render(request, reply, draft, who.actor.accountId) : reply;
  });

  app.post<Params>('/ho-so/:id/giay-to', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/giay-to`);
    if (!who) return reply;
    const draft = await openDraft(who.actor, request.params.id, reply);
    if (!draft) return reply;
    const upload = await deps.documents.readUpload(request, { ownerAccountId: who.actor.accountId, beforeStore: () => deps.web.checkCsrf(request) });
    const requirement = requirementsFor(draft.definition, draft.view.caseKey).find((r) => r.key === formText(upload.fields, 'requirement'));
    if (!requirement) return reply.redirect(`/ho-so/${draft.view.id}/giay-to`, 303);
    const href = `#file-${requirement.key}`;
    const errors: PageError[] = upload.problems.map((p) => ({ href, key: p.messageKey, params: { ...p.params } }));
    let count = draft.view.files.filter((f) => f.purpose === 'submission' && f.requirementKey === requirement.key).length;
    const attach = async (file: FileMeta) => {
      if (!accepts(requirement, file.mediaType)) return errors.push({ href, key: 'dossiers.citizen.documents.typeNotAccepted', params: { name: file.originalName, types: acceptedTypes(requirement) } });
      if (count >= requirement.maxFiles) return errors.push({ href, key: 'dossiers.citizen.documents.tooManyFiles', params: { name: file.originalName, max: requirement.maxFiles } });
      await deps.drafts.attach(who.actor, draft.view.id, { requirementKey: requirement.key, fileId: file.id, name: file.originalName, mediaType: file.mediaType, sizeBytes: file.sizeBytes });
      count++;
    };
    for (const { file } of upload.files) await attach(file);
    const savedId = formText(upload.fields, 'savedDocument');
    if (savedId) {
      const saved = await deps.documents.getSaved(who.actor.accountId, savedId);
      if (saved) await attach(saved.file);
      else errors.push({ href: `#saved-${requirement.key}`, key: 'dossiers.citizen.documents.savedNotFound' });
    }
    if (upload.files.length === 0 && upload.problems.length === 0 && !savedId) errors.push({ href, key: 'dossiers.citizen.documents.chooseFile', params: { name: requirement.name } });
    if (errors.length > 0) return render(request, reply.code(400), await drafts.load(who.actor, draft.view.id) as Draft, who.actor.accountId, errors);
    return reply.redirect(`/ho-so/${draft.view.id}/giay-to?da_tai=1#doc-${requirement.key}`, 303);
  });

  app.post<Params>('/ho-so/:id/giay-to/xoa', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/giay-to`);
    if (!who) return reply;
    const draft = await openDraft(who.actor, request.params.id, reply);
    if (!draft) return reply;
    const fileRef = draft.view.files.find((f) => f.id === formText(request.body, 'file'));
    if (fileRef) {
      await deps.drafts.detach(who.actor, draft.view.id, fileRef.id);
      await deps.drafts.update(who.actor, draft.view.id, { answers: { [PROGRESS_KEY]: markDone(draft.view.answers, 'documents', false) } });
    }
    return reply.redirect(`/ho-so/${draft.view.id}/giay-to?da_xoa=1${fileRef ? `#doc-${fileRef.requirementKey}` : ''}`, 303);
  });

  app.post<Params>('/ho-so/:id/giay-to/xong', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const who = requireApplicant(request, reply, `/ho-so/${request.params.id}/giay-to`);
    if (!who) return reply;
    const draft = await openDraft(who.actor, request.params.id, reply);
    if (!draft) return reply;
    const have = new Set(draft.view.files.filter((f) => f.purpose === 'submission').map((f) => f.requirementKey));
    const missing = requirementsFor(draft.definition, draft.view.caseKey).filter((r) => r.required && !have.has(r.key));
    if (missing.length > 0) {
      return render(request, reply.code(400), draft, who.actor.accountId, missing.map((r) => ({ href: `#file-${r.key}`, key: 'dossiers.citizen.documents.missing', params: { name: r.name } })));
    }
    await deps.drafts.update(who.actor, draft.view.id, { answers: { [PROGRESS_KEY]: markDone(draft.view.answers, 'documents', true) } });
    return reply.redirect(`/ho-so/${draft.view.id}`, 303);
  });
}
