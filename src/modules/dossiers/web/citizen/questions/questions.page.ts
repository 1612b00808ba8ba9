/**
 * GET/POST /ho-so/{id}/nguoi-nop and /ho-so/{id}/thong-tin: the service definition's questions, one
 * task-list section per page. Every save goes to the draft (drafts resume on any device); errors
 * come from validateAnswers, shown in an error summary with the input kept.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../../platform/http/server.ts';
import type { AnswerError } from '../../../service-config/answers-validate.workflow.ts';
import { answersFromForm } from '../../../service-config/answers-form.workflow.ts';
import type { FormField, ServiceDefinition } from '../../../service-config/service-config.types.ts';
import { requireApplicant } from '../applicant.policy.ts';
import type { CitizenPagesDeps } from '../citizen-deps.types.ts';
import { formText, parseAction, type FormAction } from '../citizen-request.parser.ts';
import type { DraftContextLoader } from '../draft-context.service.ts';
import { checkSection, markDone, PROGRESS_KEY, rootKey, sectionFields, shownPaths, TASK_PATHS, type QuestionSection } from '../draft-sections.workflow.ts';
import { buildFieldViews, chosenProvinces, errorMessages, errorSummary, fieldId } from './field-view.presenter.ts';

const SECTIONS: readonly QuestionSection[] = ['applicant', 'details'];

type Params = { Params: { id: string } };

export function registerQuestionPages(app: HttpServer, deps: CitizenPagesDeps, drafts: DraftContextLoader): void {
  for (const section of SECTIONS) registerSection(TASK_PATHS[section], section);

  function registerSection(slug: string, section: QuestionSection) {
    app.get<Params>(`/ho-so/:id/${slug}`, { schema: { hide: true } }, async (request, reply) => {
      const who = requireApplicant(request, reply);
      if (!who) return reply;
      const page = await open(request, reply, who.actor, section);
      if (!page) return reply;
      return render(request, reply, page, page.context.view.answers, []);
    });

    app.post<Params>(`/ho-so/:id/${slug}`, { schema: { hide: true } }, async (request, reply) => {
      deps.web.checkCsrf(request);
      const who = requireApplicant(request, reply, request.url);
      if (!who) return reply;
      const page = await open(request, reply, who.actor, section);
      if (!page) return reply;
      const { view, definition } = page.context;
      const stored = view.answers;
      const before = shownPaths(definition.form, stored);
      const posted = postedAnswers(definition, page.fields, request.body, before);
      const merged = { ...stored, ...posted };
      const action = parseAction(formText(request.body, '_action'));
      const save = (answers: Record<string, unknown>, done: boolean) =>
        deps.drafts.update(who.actor, view.id, { answers: { ...answers, [PROGRESS_KEY]: markDone(stored, page.section, done) } });

      if (action.type !== 'save') {
        const changed = applyGroupAction(page.fields, merged, action);
        await save(pickSection(page.fields, changed), false);
        return reply.redirect(`${page.url}#${anchorOf(action, changed)}`, 303);
      }
      // A choice that reveals more questions: show them before checking anything.
      const revealed = [...shownPaths(definition.form, merged)].filter((p) => page.keys.has(rootKey(p)) && !before.has(p));
      if (revealed.length > 0) {
        await save(posted, false);
        return reply.redirect(`${page.url}?them=1#${fieldId(revealed[0]!)}`, 303);
      }
      const checked = checkSection(definition, page.section, merged, { today: drafts.today(), units: await drafts.units() });
      if (checked.errors.length > 0) {
        await save(posted, false);
        return render(request, reply.code(400), page, merged, checked.errors);
      }
      await save(checked.cleaned ?? posted, true);
      return reply.redirect(`/ho-so/${view.id}`, 303);
    });
  }

  async function open(request: FastifyRequest<Params>, reply: FastifyReply, actor: Parameters<DraftContextLoader['load']>[0], section: QuestionSection) {
    const context = await drafts.load(actor, request.params.id);
    if (context.view.status !== 'draft' || !context.definition) {
      void reply.redirect(`/ho-so/${context.view.id}`, 303);
      return null;
    }
    const fields = sectionFields(context.definition, section);
    if (fields.length === 0) {
      void reply.callNotFound();
      return null;
    }
    const definition = context.definition;
    return { section, context: { view: context.view, definition }, fields, keys: new Set(fields.map((f) => f.key)), url: `/ho-so/${context.view.id}/${TASK_PATHS[section]}` };
  }

  async function render(request: FastifyRequest, reply: FastifyReply, page: NonNullable<Awaited<ReturnType<typeof open>>>, answers: Record<string, unknown>, errors: AnswerError[]) {
    const locale = request.locale;
    const provinces = await deps.units.listProvinces();
    const lists = new Map<string, ReadonlyArray<{ code: string; name?: string }>>();
    for (const code of chosenProvinces(page.fields, answers)) {
      const communes = await deps.units.listCommunes(code).catch(() => null);
      if (communes) lists.set(code, communes);
    }
    const shown = shownPaths(page.context.definition.form, answers);
    const fields = buildFieldViews(page.fields, answers, shown, { locale, errors: errorMessages(errors, locale), units: { provinces, communes: (code) => lists.get(code) } });
    const view = page.context.view;
    return reply.page('dossiers/web/citizen/questions/questions.njk', {
      dossier: { id: view.id, procedureName: view.procedureName, onBehalf: view.ownerAccountId === null },
      section: page.section,
      action: page.url,
      fields,
      revealed: (request.query as Record<string, unknown>).them === '1',
      hasErrors: errors.length > 0,
      errorList: errorSummary(page.fields, errors, locale),
      csrfToken: deps.web.csrfToken(request, reply),
    });
  }
}

/**
 * The section's answers as posted. A shown field that posted nothing (no radio chosen, every item of
 * a group removed) is saved as empty, so an answer can be taken back.
 */
function postedAnswers(definition: ServiceDefinition, fields: readonly FormField[], body: unknown, shown: ReadonlySet<string>): Record<string, unknown> {
  const flat = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const posted = answersFromForm({ ...definition, form: [...fields] }, flat);
  for (const field of fields) {
    if (!Object.hasOwn(posted, field.key) && shown.has(field.key)) posted[field.key] = field.kind === 'group' ? [] : null;
  }
  return posted;
}

function pickSection(fields: readonly FormField[], answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => Object.hasOwn(answers, f.key)).map((f) => [f.key, answers[f.key]]));
}

/** "Add another" appends an empty item; "remove" takes one out; "show the communes" changes nothing. */
function applyGroupAction(fields: readonly FormField[], answers: Record<string, unknown>, action: Exclude<FormAction, { type: 'save' }>): Record<string, unknown> {
  if (action.type === 'units') return answers;
  const group = fields.find((f) => f.key === action.group);
  if (!group || group.kind !== 'group') return answers;
  const items = Array.isArray(answers[group.key]) ? [...(answers[group.key] as unknown[])] : [];
  if (action.type === 'add' && items.length < group.maxItems) items.push({});
  if (action.type === 'remove' && action.index < items.length && items.length > group.minItems) items.splice(action.index, 1);
  return { ...answers, [group.key]: items };
}

function anchorOf(action: Exclude<FormAction, { type: 'save' }>, answers: Record<string, unknown>): string {
  if (action.type === 'units') return fieldId(`${action.path}.communeCode`);
  const items = Array.isArray(answers[action.group]) ? (answers[action.group] as unknown[]) : [];
  return action.type === 'add' && items.length > 0 ? fieldId(`${action.group}[${items.length - 1}]`) : fieldId(action.group);
}
