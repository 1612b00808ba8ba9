/** How a dossier's status and timeliness look on the citizen's and officials' pages: words (from the core's messages) and tag colours. */
import type { ProgressClass } from '../deadline.workflow.ts';
import type { DossierStatus } from '../core/dossier.types.ts';

const STATUS_TAG: Record<DossierStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  received: 'govuk-tag--light-blue',
  processing: 'govuk-tag--light-blue',
  in_transit: 'govuk-tag--purple',
  supplement_requested: 'govuk-tag--yellow',
  payment_requested: 'govuk-tag--yellow',
  resolved: 'govuk-tag--green',
  returned: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  stopped: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

const PROGRESS_TAG: Record<ProgressClass, string> = {
  early: 'govuk-tag--green',
  on_time: 'govuk-tag--green',
  late: 'govuk-tag--red',
  in_progress: 'govuk-tag--blue',
  in_progress_late: 'govuk-tag--red',
};

/** The status tag: message key `dossiers.status.*`, its colour, and the national code (DOMAIN §4) when there is one. */
export function statusTag(status: DossierStatus, statusCode: number | null) {
  return { key: `dossiers.status.${status}`, classes: STATUS_TAG[status], code: statusCode };
}

/** Early / on time / late (or, unfinished, within or past the due time): `dossiers.progress.*`. */
export function progressTag(progress: ProgressClass | null) {
  return progress ? { key: `dossiers.progress.${progress}`, classes: PROGRESS_TAG[progress] } : null;
}
