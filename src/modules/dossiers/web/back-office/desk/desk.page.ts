/**
 * GET/POST /can-bo/ho-so/tiep-nhan-truc-tiep: a dossier handed in at the desk or by post. First the
 * procedure, agency and channel (a GET form); then the service's own form, typed from the papers,
 * and the documents checked; filing creates a received dossier with its code and form 01.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { ServiceVersion } from '../../../core/dossier-deps.ts';
import { missingDocuments } from '../../../core/dossier-draft.service.ts';
import { DOSSIER_ERRORS } from '../../../core/dossier.errors.ts';
import { applicantFromAnswers } from '../../../service-port.ts';
import { answersFromForm } from '../../../service-config/answers-form.workflow.ts';
import type { ServiceDefinition } from '../../../service-config/service-config.types.ts';
import type { BackOfficeDeps } from '../back-office.types.ts';
import { DESK_PATH, dossierPath, fieldOf } from '../back-office-view.presenter.ts';
import { unitNamer } from '../dossier/dossier.presenter.ts';
import { agenciesFor, requireOfficial, type OfficialActor } from '../official.policy.ts';
import { chosenProvinces, idOf, renderItems, type Posted } from './desk-fields.presenter.ts';

const PROCEDURE_CODE = /^\d\.\d{6}$/;
const CHANNELS = ['in_person', 'postal'] as const;
const E = (code: string) => `dossiers.office.desk.errors.${code}`;

interface Choice {
  procedure: string;
  agency: string;
  channel: string;
}

type PageError = { field: string; messageKey?: string; text?: string; params?: Record<string, unknown> };

export function registerDeskPage(app: HttpServer, deps: BackOfficeDeps): void {
  // desk.file checks its idempotency key and then inserts, so two posts of one form at the same
  // moment could both insert. Until the core serialises on the key, posts of one form in this
  // process run one after the other: the second finds the first's dossier.
  const filing = new Map<string, Promise<unknown>>();
  function fileOnce<T>(flightKey: string, run: () => Promise<T>): Promise<T> {
    const next = (filing.get(flightKey) ?? Promise.resolve()).catch(() => undefined).then(run);
    filing.set(flightKey, next);
    void next.finally(() => filing.get(flightKey) === next && filing.delete(flightKey)).catch(() => undefined);
    return next;
  }

  async function agencyOptions(actor: OfficialActor) {
    return Promise.all(agenciesFor(actor, 'dossier.receive').map(async (code) => ({ code, name: (await deps.directory.agency(code))?.name ?? code })));
  }

  /** The chosen service, or the errors of the first step (unknown procedure, agency not the official's). */
  async function checkChoice(actor: OfficialActor, choice: Choice): Promise<{ ok: true; version: ServiceVersion } | { ok: false; errors: PageError[] }> {
    const errors: PageError[] = [];
    if (!PROCEDURE_CODE.test(choice.procedure)) errors.push({ field: 'thu-tuc', messageKey: E(choice.procedure ? 'procedureFormat' : 'procedureRequired') });
    if (!agenciesFor(actor, 'dossier.receive').includes(choice.agency)) errors.push({ field: 'co-quan', messageKey: E('agency') });
    if (!(CHANNELS as readonly string[]).includes(choice.channel)) errors.push({ field: 'kenh', messageKey: E('channel') });
    if (errors.length > 0) return { ok: false, errors };
    try {
      return { ok: true, version: await deps.services.current(choice.procedure, choice.agency) };
    } catch (err) {
      if (isAppError(err) && err.code === 'DOSSIER_SERVICE_NOT_FOUND') return { ok: false, errors: [{ field: 'thu-tuc', messageKey: E('procedureUnknown') }] };
      throw err;
    }
  }

  async function renderChoose(request: FastifyRequest, reply: FastifyReply, actor: OfficialActor, choice: Choice, errors: PageError[], status = errors.length > 0 ? 400 : 200) {
    return reply.code(status).page('dossiers/web/back-office/desk/choose.njk', {
      values: choice,
      agencies: await agencyOptions(actor),
      hasErrors: errors.length > 0,
      errors,
      errorMap: Object.fromEntries(errors.map((e) => [e.field, e])),
    });
  }

  async function renderDetails(request: FastifyRequest, reply: FastifyReply, input: { actor: OfficialActor; choice: Choice; version: ServiceVersion; posted: Posted; errors: PageError[]; key: string }) {
    const definition = input.version.definition as ServiceDefinition;
    const provinces = (await deps.units.listProvinces()).map((p) => ({ code: p.code, name: p.name ?? p.code }));
    const communes = new Map(
      await Promise.all(chosenProvinces(definition, input.posted).map(async (code) => [code, (await deps.units.listCommunes(code).catch(() => [])).map((c) => ({ code: c.code, name: c.name ?? c.code }))] as const)),
    );
    const errorTexts = new Map(input.errors.map((e) => [e.field, e.text ?? '']));
    const checked = new Set(([] as string[]).concat(input.posted.documents ?? []));
    const multipleCases = definition.cases.length > 1;
    return reply.page('dossiers/web/back-office/desk/details.njk', {
      choice: input.choice,
      agencyName: (await deps.directory.agency(input.choice.agency))?.name ?? input.choice.agency,
      procedureName: definition.procedureName,
      items: renderItems(definition, input.posted, errorTexts, request.locale, (code) => communes.get(code)),
      provinces,
      cases: multipleCases ? definition.cases.map((c, i) => ({ value: c.key, text: c.name ?? `${i + 1}` })) : [],
      caseKey: fieldOf(input.posted, 'caseKey'),
      documents: definition.documents.map((d) => ({
        key: d.key,
        name: d.name,
        required: d.required,
        caseName: multipleCases ? (definition.cases.find((c) => c.key === d.caseKey)?.name ?? null) : null,
        quantity: d.quantity,
        checked: checked.has(d.key),
      })),
      needsName: !definition.form.some((f) => f.kind !== 'group' && f.prefill === 'fullName'),
      applicantName: fieldOf(input.posted, 'applicantName'),
      key: input.key,
      csrfToken: deps.web.csrfToken(request, reply),
      hasErrors: input.errors.length > 0,
      errors: input.errors,
      errorMap: Object.fromEntries(input.errors.map((e) => [e.field, e])),
    });
  }

  app.get(DESK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOfficial(request, reply);
    if (!actor) return reply;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const choice = { procedure: fieldOf(query, 'thu-tuc').trim(), agency: fieldOf(query, 'co-quan'), channel: fieldOf(query, 'kenh') || 'in_person' };
    const agencies = agenciesFor(actor, 'dossier.receive');
    if (agencies.length === 0) return renderChoose(request, reply, actor, choice, [{ field: 'co-quan', messageKey: E('noIntakeRole') }], 403);
    if (!('thu-tuc' in query)) return renderChoose(request, reply, actor, { ...choice, agency: choice.agency || agencies[0]! }, []);
    const checked = await checkChoice(actor, choice);
    if (!checked.ok) return renderChoose(request, reply, actor, choice, checked.errors);
    return renderDetails(request, reply, { actor, choice, version: checked.version, posted: {}, errors: [], key: randomUUID() });
  });

  app.post(DESK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOfficial(request, reply);
    if (!actor) return reply;
    deps.web.checkCsrf(request);
    const posted = (request.body ?? {}) as Posted;
    const choice = { procedure: fieldOf(posted, 'procedureCode'), agency: fieldOf(posted, 'agencyCode'), channel: fieldOf(posted, 'channel') };
    const checkedChoice = await checkChoice(actor, choice);
    if (!checkedChoice.ok) return renderChoose(request, reply, actor, choice, checkedChoice.errors);
    const { version } = checkedChoice;
    const definition = version.definition as ServiceDefinition;
    const postedKey = fieldOf(posted, 'idempotencyKey');
    const key = /^[0-9a-f-]{36}$/i.test(postedKey) ? postedKey : randomUUID();
    const page = (errors: PageError[]) => renderDetails(request, reply.code(errors.length > 0 ? 400 : 200), { actor, choice, version, posted, errors, key });
    // "Show the communes" re-renders with what was typed; nothing is filed.
    if (fieldOf(posted, 'refresh')) return page([]);

    const locale = request.locale;
    const caseKey = fieldOf(posted, 'caseKey') || (definition.cases.length === 1 ? definition.cases[0]!.key : null);
    const documentsChecked = ([] as string[]).concat(posted.documents ?? []).filter((k) => definition.documents.some((d) => d.key === k));
    const errors: PageError[] = [];
    const answers = await deps.services.validateAnswers(version, answersFromForm(definition, posted), caseKey);
    if (!answers.ok) errors.push(...answers.errors.map((e) => ({ field: e.field === '$case' ? 'caseKey' : idOf(e.field), text: e.message[locale] })));
    const stated = answers.ok ? applicantFromAnswers(definition, answers.answers) : {};
    const fullName = stated.fullName ?? fieldOf(posted, 'applicantName').trim();
    if (answers.ok && !fullName) errors.push({ field: 'applicantName', messageKey: E('applicantName') });
    for (const doc of missingDocuments(version.terms, caseKey, documentsChecked.map((k) => ({ requirementKey: k })))) {
      errors.push({ field: `doc-${doc.key}`, messageKey: E('documentMissing'), params: { name: doc.name } });
    }
    if (errors.length > 0 || !answers.ok) return page(errors);

    const addressText = stated.address ? await (await unitNamer(deps.units))(stated.address) : '';
    try {
      const dossier = await fileOnce(`${actor.accountId}:${key}`, () => deps.desk.file(
        actor,
        {
          procedureCode: choice.procedure,
          agencyCode: choice.agency,
          channel: choice.channel as (typeof CHANNELS)[number],
          applicant: {
            fullName,
            idNumber: stated.idNumber ?? undefined,
            phone: stated.phone ?? undefined,
            email: stated.email ?? undefined,
            address: addressText ? { text: addressText } : undefined,
          },
          caseKey,
          answers: answers.answers,
          documentsChecked,
          summary: stated.summary ?? undefined,
        },
        key,
      ));
      request.log.info({ dossierId: dossier.id, code: dossier.code }, 'desk dossier filed');
      return reply.redirect(`${dossierPath(dossier.id)}?da-xong=tiep-nhan`, 303);
    } catch (err) {
      if (!isAppError(err) || !['DOSSIER_FORBIDDEN', 'DOSSIER_INVALID', 'DOSSIER_DOCUMENTS_MISSING'].includes(err.code)) throw err;
      request.log.info({ code: err.code }, 'desk filing refused');
      const spec = DOSSIER_ERRORS[err.code as keyof typeof DOSSIER_ERRORS];
      return page([{ field: '', messageKey: spec.messageKey }]);
    }
  });
}
