/** A submitted dossier as its applicant sees it: timeline, files, the agency's requests, result and rating. */
import type { Locale } from '../../../../../platform/i18n/i18n.ts';
import type { DossierView } from '../../../core/dossier-query.service.ts';
import type { DossierEventView } from '../../../core/dossier.types.ts';
import { formatLongTime, formatShortTime } from '../citizen-time.presenter.ts';
import { progressTag, statusTag } from '../../dossier-status.presenter.ts';
import { fileRow } from '../documents/document-list.presenter.ts';

const texts = (value: unknown): string[] => (typeof value === 'string' && value.trim() ? [value] : []);

/** What an event adds in words: reasons, the items asked for, the new appointment, the result. */
function eventDetails(event: DossierEventView, locale: Locale): string[] {
  const d = event.data;
  switch (event.type) {
    case 'refused':
    case 'stopped':
      return texts(d.reasons);
    case 'supplement_requested':
      return Array.isArray(d.items) ? d.items.map((i) => `${(i as { name?: string }).name ?? ''}: ${(i as { reason?: string }).reason ?? ''}`) : [];
    case 'extended':
      return [...texts(d.reason), ...(typeof d.dueAfter === 'string' ? [formatLongTime(d.dueAfter, locale)] : [])];
    case 'resolved':
      return texts(d.resultText);
    case 'withdrawn':
    case 'supplement_provided':
      return texts(d.reason ?? d.note);
    default:
      return [];
  }
}

/** The latest supplement request still open: what is asked for, why, and until when. */
export function openSupplement(view: DossierView, now: Date) {
  if (view.status !== 'supplement_requested') return null;
  const request = [...view.events].reverse().find((e) => e.type === 'supplement_requested');
  const items = Array.isArray(request?.data.items) ? (request!.data.items as Array<{ name: string; reason: string }>) : [];
  return {
    items,
    note: typeof request?.data.note === 'string' ? request.data.note : null,
    dueAt: view.supplementDueAt,
    expired: view.supplementDueAt !== null && now > new Date(view.supplementDueAt),
  };
}

function supplementView(open: ReturnType<typeof openSupplement>, locale: Locale) {
  return open ? { ...open, dueAtText: formatLongTime(open.dueAt, locale) } : null;
}

/** The citizen's answers of the 9 + 2 rating, read back from the scored indices. */
export function ratingAnswers(scores: Record<string, unknown>) {
  const byPoints = (n: unknown, values: readonly [string, string, string]) => (n === 2 ? values[0] : n === 1 ? values[1] : values[2]);
  return {
    deskContacts: byPoints(scores.index3, ['none', 'one', 'more']),
    agenciesContacted: byPoints(scores.index4, ['none', 'desk_only', 'more']),
    staffConduct: scores.index7 === 0 ? 'complaint' : 'good',
    easeOfUse: String(scores.index10 ?? ''),
    overall: String(scores.index11 ?? ''),
  };
}

export function presentDossier(view: DossierView, locale: Locale, now: Date) {
  const events = view.events.filter((e) => !e.internal && e.type !== 'note');
  return {
    id: view.id,
    code: view.code,
    procedureName: view.procedureName,
    procedureCode: view.procedureCode,
    agencyName: view.agencyName,
    channel: view.channel,
    status: statusTag(view.status, view.statusCode),
    progress: progressTag(view.progress),
    submittedAt: formatLongTime(view.submittedAt, locale),
    dueAt: formatLongTime(view.dueAt, locale),
    holder: view.holder,
    onBehalf: view.submitter !== null,
    applicantName: view.applicant.fullName,
    files: view.files.filter((f) => f.purpose !== 'result').map((f) => ({ ...fileRow(f, locale), purpose: f.purpose })),
    result: view.result ? { text: view.result.text, files: view.files.filter((f) => f.purpose === 'result').map((f) => fileRow(f, locale)) } : null,
    timeline: [...events].reverse().map((e) => ({ type: e.type, statusTo: e.statusTo, time: formatShortTime(e.occurredAt, locale), details: eventDetails(e, locale) })),
    supplement: supplementView(openSupplement(view, now), locale),
    canWithdraw: view.allowedActions.includes('withdraw'),
    canRate: (view.status === 'resolved' || view.status === 'returned') && view.rating === null,
    rating: view.rating ? { ...ratingAnswers(view.rating.scores), ratedAt: formatShortTime(view.rating.ratedAt, locale) } : null,
    hasReceipt: view.dueAt !== null && view.code !== null,
  };
}
