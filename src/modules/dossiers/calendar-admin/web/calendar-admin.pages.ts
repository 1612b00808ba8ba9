/**
 * The holiday calendar pages for system admins (`calendar.manage`): GET /quan-tri/lich-nghi (the
 * years, where each year's calendar in force comes from), GET /quan-tri/lich-nghi/{year} (the days
 * off, the weekend days worked, the draft's effect on deadlines, the approvals), and the plain form
 * posts that edit the year's draft (…/ngay-nghi, …/ngay-lam-viec, …/xoa, …/huy-nhap) and approve it
 * (…/phe-duyet). Every post answers with a redirect (POST-redirect-GET) or the page with its errors.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import { actorOf, can, type WebKit } from '../../../identity/index.ts';
import type { CalendarAdmin } from '../calendar-admin.service.ts';
import type { CalendarEditor } from '../calendar-admin.types.ts';
import { CALENDAR_YEARS, isEditableYear, parseDateInput, type CalendarProblem } from '../calendar-edit.workflow.ts';
import { overviewView, pageError, yearPageView } from './calendar-admin.presenter.ts';

export const CALENDARS_PATH = '/quan-tri/lich-nghi';
const VIEWS = 'dossiers/calendar-admin/web';
const OFF_FIELDS = { date: 'offDate', name: 'offName', kind: 'offKind', reference: 'offReference' } as const;
const WORK_FIELDS = { date: 'workDate', reason: 'workReason', reference: 'workReference' } as const;
const APPROVE_FIELDS = { note: 'note', approve: 'phe-duyet', calendar: 'ngay-nghi', default: 'phe-duyet' } as const;
const NOTICES = { 'da-them': 'added', 'da-xoa': 'removed', 'da-huy': 'discarded', 'da-phe-duyet': 'approved' } as const;

type PageError = ReturnType<typeof pageError>;

interface FormState {
  off?: Record<string, string>;
  work?: Record<string, string>;
  note?: string;
  errors?: PageError[];
}

/** The first value of a form field as NFC text ('' when absent). */
function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.normalize('NFC') : '';
}

/** The year in the path. Throws DOSSIER_CALENDAR_YEAR_UNSUPPORTED (404) for anything but a kept year. */
function yearOf(request: FastifyRequest): number {
  const text = (request.params as { year: string }).year;
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!isEditableYear(year)) throw new AppError('DOSSIER_CALENDAR_YEAR_UNSUPPORTED', `no calendar for ${text.slice(0, 20)}`);
  return year;
}

function errorData(errors: readonly PageError[]) {
  return { hasErrors: errors.length > 0, errors, errorMap: Object.fromEntries(errors.map((e) => [e.field, e])) };
}

export function registerCalendarAdminPages(app: HttpServer, web: WebKit, admin: CalendarAdmin): void {
  /** The signed-in system admin, or a redirect to the login page (and back); 403 for anyone else. */
  const editorFor = (request: FastifyRequest, reply: FastifyReply): CalendarEditor | null => {
    const current = request.identity;
    if (!current || current.session.stage !== 'active') {
      const back = request.method === 'GET' ? request.url : CALENDARS_PATH;
      void reply.redirect(`/dang-nhap?next=${encodeURIComponent(back)}`, 303);
      return null;
    }
    const actor = actorOf(current.account);
    if (!can(actor, 'calendar.manage')) {
      request.log.warn({ accountId: current.account.id, url: request.url }, 'holiday calendar refused: not a system admin');
      throw new AppError('DOSSIER_CALENDAR_FORBIDDEN');
    }
    const account = current.account;
    const agent = request.headers['user-agent'];
    return { kind: 'official', actor, name: account.fullName || account.email || account.phone || account.id, ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
  };
  const pathOf = (year: number) => `${CALENDARS_PATH}/${year}`;

  const yearPage = async (request: FastifyRequest, reply: FastifyReply, year: number, state: FormState = {}) => {
    const view = await admin.year(year);
    const query = request.query as Record<string, unknown>;
    const kind = typeof query.kq === 'string' ? NOTICES[query.kq as keyof typeof NOTICES] : undefined;
    const date = typeof query.ngay === 'string' && parseDateInput(query.ngay, year).ok ? query.ngay : null;
    const notice = kind && !state.errors?.length ? { kind, date: date ? date.split('-').reverse().join('/') : '', version: view.latestVersion } : null;
    return reply.page(`${VIEWS}/year.njk`, {
      ...yearPageView(view),
      csrfToken: web.csrfToken(request, reply),
      notice,
      off: state.off ?? { date: '', name: '', kind: '', reference: '' },
      work: state.work ?? { date: '', reason: '', reference: '' },
      note: state.note ?? '',
      ...errorData(state.errors ?? []),
    });
  };

  app.get(CALENDARS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!editorFor(request, reply)) return reply;
    const query = request.query as Record<string, unknown>;
    const typed = typeof query.nam === 'string' ? query.nam.normalize('NFC').trim() : null;
    const limits = { min: CALENDAR_YEARS.min, max: CALENDAR_YEARS.max, example: new Date().getUTCFullYear() + 1 };
    const errors: PageError[] = [];
    if (typed !== null) {
      if (/^\d{4}$/.test(typed) && isEditableYear(Number(typed))) return reply.redirect(pathOf(Number(typed)), 303);
      errors.push({ field: 'nam', messageKey: 'dossiers.calendar.errors.yearInvalid', params: limits });
    }
    const years = overviewView(await admin.overview());
    return reply.code(errors.length > 0 ? 400 : 200).page(`${VIEWS}/list.njk`, { years, typed: typed ?? '', limits, ...errorData(errors) });
  });

  app.get(`${CALENDARS_PATH}/:year`, { schema: { hide: true } }, async (request, reply) => {
    if (!editorFor(request, reply)) return reply;
    return yearPage(request, reply, yearOf(request));
  });

  /** A form post: CSRF, then who and which year, then the change; refusals re-render the page with status 400. */
  const post = (segment: string, handle: (request: FastifyRequest, reply: FastifyReply, by: CalendarEditor, year: number) => Promise<FastifyReply>) =>
    app.post(`${CALENDARS_PATH}/:year/${segment}`, { schema: { hide: true } }, async (request, reply) => {
      web.checkCsrf(request);
      const by = editorFor(request, reply);
      if (!by) return reply;
      return handle(request, reply, by, yearOf(request));
    });

  post('ngay-nghi', async (request, reply, by, year) => {
    const values = { date: field(request.body, 'offDate'), name: field(request.body, 'offName'), kind: field(request.body, 'offKind'), reference: field(request.body, 'offReference') };
    const outcome = await admin.addDayOff(by, year, values);
    if (!outcome.ok) return yearPage(request, reply.code(400), year, { off: values, errors: outcome.problems.map((p) => pageError(p, OFF_FIELDS)) });
    request.log.info({ year, by: accountIdOf(by) }, 'holiday calendar draft: day off added');
    return reply.redirect(`${pathOf(year)}?kq=da-them&ngay=${dateOf(values.date, year)}`, 303);
  });

  post('ngay-lam-viec', async (request, reply, by, year) => {
    const values = { date: field(request.body, 'workDate'), reason: field(request.body, 'workReason'), reference: field(request.body, 'workReference') };
    const outcome = await admin.addWorkingDay(by, year, values);
    if (!outcome.ok) return yearPage(request, reply.code(400), year, { work: values, errors: outcome.problems.map((p) => pageError(p, WORK_FIELDS)) });
    request.log.info({ year, by: accountIdOf(by) }, 'holiday calendar draft: weekend working day added');
    return reply.redirect(`${pathOf(year)}?kq=da-them&ngay=${dateOf(values.date, year)}`, 303);
  });

  post('xoa', async (request, reply, by, year) => {
    const list = field(request.body, 'list');
    const date = field(request.body, 'date');
    if ((list !== 'off' && list !== 'work') || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new AppError('VALIDATION_FAILED', 'list must be off or work and date YYYY-MM-DD');
    await admin.removeDay(by, year, list, date);
    request.log.info({ year, list, date, by: accountIdOf(by) }, 'holiday calendar draft: day removed');
    return reply.redirect(`${pathOf(year)}?kq=da-xoa&ngay=${date}`, 303);
  });

  post('huy-nhap', async (request, reply, by, year) => {
    await admin.discardDraft(by, year);
    request.log.info({ year, by: accountIdOf(by) }, 'holiday calendar draft discarded');
    return reply.redirect(`${pathOf(year)}?kq=da-huy`, 303);
  });

  post('phe-duyet', async (request, reply, by, year) => {
    const note = field(request.body, 'note');
    const base = field(request.body, 'baseVersion');
    const outcome = await admin.approve(by, year, { note, baseVersion: /^\d{1,9}$/.test(base) ? Number(base) : null });
    if (!outcome.ok) {
      const conflict = outcome.problems.some((p: CalendarProblem) => p.code === 'approve_conflict');
      return yearPage(request, reply.code(conflict ? 409 : 400), year, { note, errors: outcome.problems.map((p) => pageError(p, APPROVE_FIELDS)) });
    }
    request.log.info({ year, version: outcome.approval.version, by: accountIdOf(by) }, 'holiday calendar approved');
    return reply.redirect(`${pathOf(year)}?kq=da-phe-duyet`, 303);
  });
}

/** Who acted, for the logs: the account id, never the person's name. */
function accountIdOf(by: CalendarEditor): string | null {
  return by.kind === 'official' && by.actor.kind === 'official' ? by.actor.accountId : null;
}

/** The ISO date of an accepted date input (the edit succeeded, so it parses). */
function dateOf(typed: string, year: number): string {
  const parsed = parseDateInput(typed, year);
  return parsed.ok ? parsed.date : '';
}
