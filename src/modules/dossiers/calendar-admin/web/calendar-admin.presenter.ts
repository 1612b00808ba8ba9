/** Calendars, drafts and approvals as the pages show them: dates as dd/mm/yyyy with their weekday, in Vietnam time. */
import type { CalendarProblem } from '../calendar-edit.workflow.ts';
import type { YearSummary, YearView } from '../calendar-admin.service.ts';
import { EFFECT_DURATION } from '../calendar-effect.workflow.ts';
import { dayFromIsoDate, toLocalMoment, weekdayOf, isoDateOf } from '../../working-time.workflow.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-09-02` → `02/09/2026` (the way dates are written in Vietnam; also shown so in English). */
export function displayDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A date with its weekday number (0 = Sunday), for `t('dossiers.calendar.weekday.' + weekday)`. */
export function dateView(iso: string) {
  return { iso, display: displayDate(iso), weekday: weekdayOf(dayFromIsoDate(iso)) };
}

/** An instant in Vietnam time: `30/04/2026 09:00` and its weekday. */
export function timeView(instant: Date) {
  const { day, minute } = toLocalMoment(instant);
  return { display: `${displayDate(isoDateOf(day))} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`, weekday: weekdayOf(day) };
}

export function overviewView(years: readonly YearSummary[]) {
  return years.map((y) => ({ ...y, approvedAt: y.approvedAt ? timeView(y.approvedAt) : null }));
}

export function yearPageView(view: YearView) {
  const approved = view.inEffect.approved;
  return {
    year: view.year,
    approved: approved ? { version: approved.version, at: timeView(approved.approvedAt), name: approved.approvedByName } : null,
    draft: view.draft ? { at: timeView(view.draft.updatedAt), name: view.draft.updatedByName, baseVersion: view.draft.baseVersion } : null,
    stale: view.stale,
    latestVersion: view.latestVersion,
    nextVersion: view.latestVersion + 1,
    notes: view.editing.notes ?? [],
    // The proposal's notes come from db/seed/holidays, written in English; an approval's note is the admin's own.
    notesLang: (view.draft ? view.draft.baseVersion : view.latestVersion) === 0 ? 'en' : null,
    canApprove: view.draft !== null || approved === null,
    holidays: view.editing.holidays.map((h) => ({ ...h, day: dateView(h.date) })),
    workingDays: view.editing.workingDays.map((w) => ({ ...w, day: dateView(w.date) })),
    effectDays: EFFECT_DURATION.value,
    examplesChanged: view.examples.some((e) => e.changed),
    examples: view.examples.map((e) => ({
      received: timeView(e.received),
      dueInEffect: e.dueInEffect ? timeView(e.dueInEffect) : null,
      dueEdited: e.dueEdited ? timeView(e.dueEdited) : null,
      changed: e.changed,
    })),
    history: view.history.map((a) => ({
      version: a.version,
      at: timeView(a.approvedAt),
      name: a.approvedByName,
      via: a.approvedVia,
      note: a.note,
      daysOff: a.calendar.holidays.length,
      workingDays: a.calendar.workingDays.length,
    })),
  };
}

/**
 * A refusal as the error summary and the field show it: the message key of its code, its
 * parameters with dates written dd/mm/yyyy, and the id of the input it is about.
 */
export function pageError(problem: CalendarProblem, fieldIds: Readonly<Record<string, string>>) {
  const params: Record<string, string | number> = { ...problem.params };
  if (typeof params.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.date)) params.date = displayDate(params.date);
  return { field: fieldIds[problem.field] ?? fieldIds.default ?? problem.field, messageKey: `dossiers.calendar.errors.${problem.code}`, params };
}
