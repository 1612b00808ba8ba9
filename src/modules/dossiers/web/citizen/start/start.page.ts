/**
 * GET/POST /thu-tuc/{code}/nop-ho-so/bat-dau: the first step of an online application (the catalog's
 * /thu-tuc/{code}/nop-ho-so sends signed-in people here): where to submit, when the procedure leaves
 * a choice, and for whom (oneself, or someone else as their authorised submitter). A person who
 * already has a draft for the same procedure and agency is offered to continue it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { ProcedureRecord } from '../../../../catalog/index.ts';
import { requireApplicant, type SignedInApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formText } from '../citizen-request.parser.ts';
import { formatShortTime } from '../citizen-time.presenter.ts';
import type { PageError } from '../documents/document-list.presenter.ts';
import { createSubmissionPlaces, type PlaceChoice, type SubmissionPlace } from './submission-place.service.ts';

type Params = { Params: { code: string } };
const PROCEDURE_CODE = /^\d\.\d{6}$/;
const FOR_WHOM = ['self', 'other'] as const;

export function registerStartPage(app: HttpServer, deps: CitizenPagesDeps): void {
  const places = createSubmissionPlaces(deps);

  async function openProcedure(request: FastifyRequest<Params>, reply: FastifyReply): Promise<ProcedureRecord | null> {
    const code = request.params.code;
    if (!PROCEDURE_CODE.test(code)) {
      void reply.callNotFound();
      return null;
    }
    const procedure = await deps.catalog.getProcedure(code);
    if (!procedure.channels.some((c) => c.channel === 'online')) {
      void reply.redirect(`/thu-tuc/${code}/nop-ho-so`, 303);
      return null;
    }
    return procedure;
  }

  async function draftsFor(who: SignedInApplicant, procedureCode: string, agencyCode?: string) {
    const mine = await deps.queries.listMine(who.actor.accountId, { limit: 100, offset: 0 });
    return mine.filter((d) => d.status === 'draft' && d.procedureCode === procedureCode && (agencyCode === undefined || d.agencyCode === agencyCode));
  }

  async function render(request: FastifyRequest, reply: FastifyReply, who: SignedInApplicant, procedure: ProcedureRecord, place: SubmissionPlace, values: PlaceChoice & { forWhom: string }, errors: PageError[] = []) {
    const locale = request.locale;
    const provinces = place.kind === 'commune' || place.kind === 'province' ? await deps.units.listProvinces() : [];
    const communes = place.kind === 'commune' && /^\d{2}$/.test(values.provinceCode) ? await deps.units.listCommunes(values.provinceCode).catch(() => []) : [];
    const drafts = await draftsFor(who, procedure.code);
    return reply.page('dossiers/web/citizen/start/start.njk', {
      procedure: { code: procedure.code, name: procedure.name },
      place,
      provinces,
      communes,
      values,
      drafts: await Promise.all(
        drafts.map(async (d) => ({ id: d.id, agencyName: (await deps.directory.agency(d.agencyCode).catch(() => null))?.name ?? d.agencyCode, savedAt: formatShortTime(d.updatedAt, locale) })),
      ),
      hasErrors: errors.length > 0,
      errorList: errors,
      errorFor: Object.fromEntries(errors.map((e) => [e.href.slice(1), e])),
      csrfToken: deps.web.csrfToken(request, reply),
    });
  }

  app.get<Params>('/thu-tuc/:code/nop-ho-so/bat-dau', { schema: { hide: true } }, async (request, reply) => {
    const who = requireApplicant(request, reply);
    if (!who) return reply;
    const procedure = await openProcedure(request, reply);
    if (!procedure) return reply;
    const province = String((request.query as Record<string, unknown>).tinh ?? '');
    return render(request, reply, who, procedure, await places.placesFor(procedure), { agencyCode: '', provinceCode: /^\d{2}$/.test(province) ? province : '', communeCode: '', forWhom: '' });
  });

  app.post<Params>('/thu-tuc/:code/nop-ho-so/bat-dau', { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const who = requireApplicant(request, reply, `/thu-tuc/${request.params.code}/nop-ho-so/bat-dau`);
    if (!who) return reply;
    const procedure = await openProcedure(request, reply);
    if (!procedure) return reply;
    const place = await places.placesFor(procedure);
    const values = {
      agencyCode: formText(request.body, 'agencyCode'),
      provinceCode: formText(request.body, 'provinceCode'),
      communeCode: formText(request.body, 'communeCode'),
      forWhom: formText(request.body, 'forWhom'),
    };
    const errors: PageError[] = [];
    const resolved = await places.resolve(place, values);
    if (!resolved.ok) errors.push({ href: `#${resolved.field}`, key: resolved.key });
    if (!(FOR_WHOM as readonly string[]).includes(values.forWhom)) errors.push({ href: '#forWhom', key: 'dossiers.citizen.start.forWhomRequired' });
    if (!resolved.ok || errors.length > 0) return render(request, reply.code(400), who, procedure, place, values, errors);

    const existing = await draftsFor(who, procedure.code, resolved.agency.code);
    const resume = formText(request.body, 'resume');
    const continued = existing.find((d) => d.id === resume);
    if (continued) return reply.redirect(`/ho-so/${continued.id}`, 303);
    if (existing.length > 0 && resume !== 'new') {
      const asked = formText(request.body, 'step') === 'resume';
      return reply.code(asked ? 400 : 200).page('dossiers/web/citizen/start/resume.njk', {
        procedure: { code: procedure.code, name: procedure.name },
        agencyName: resolved.agency.name,
        values,
        drafts: existing.map((d) => ({ id: d.id, savedAt: formatShortTime(d.updatedAt, request.locale), onBehalf: d.ownerAccountId !== who.actor.accountId, applicantName: d.applicant.fullName })),
        hasErrors: asked,
        errorList: [{ href: '#resume', key: 'dossiers.citizen.start.resumeRequired' }],
        csrfToken: deps.web.csrfToken(request, reply),
      });
    }
    const draft = await deps.drafts.create(who.actor, who.profile, { procedureCode: procedure.code, agencyCode: resolved.agency.code, onBehalf: values.forWhom === 'other' });
    return reply.redirect(`/ho-so/${draft.id}`, 303);
  });
}
