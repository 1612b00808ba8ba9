/** Saved documents as the pages show them. */
import type { Locale } from '../../../../platform/i18n/i18n.ts';
import type { MediaType, SavedDocument } from '../../document.types.ts';
import { formatSize } from '../../file.presenter.ts';
import { vietnamToday } from '../../saved-document.workflow.ts';

export const SAVED_PATH = '/tai-khoan/giay-to';

const TYPE_LABELS: Record<MediaType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function presentSaved(doc: SavedDocument, locale: Locale) {
  return {
    id: doc.id,
    title: doc.title,
    kind: doc.kind,
    issuedBy: doc.issuedBy,
    issuedOn: doc.issuedOn ? formatDate(doc.issuedOn, locale) : null,
    addedOn: formatDate(vietnamToday(doc.createdAt), locale),
    fileName: doc.file.originalName,
    fileType: TYPE_LABELS[doc.file.mediaType],
    fileSize: formatSize(doc.file.sizeBytes),
    href: `${SAVED_PATH}/${doc.id}`,
    downloadHref: `${SAVED_PATH}/${doc.id}/tai-ve`,
    deleteHref: `${SAVED_PATH}/${doc.id}/xoa`,
  };
}

/** 'yyyy-mm-dd' → "27/03/2024" (vi) or "27 March 2024" (en, as GOV.UK writes dates). */
export function formatDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-');
  return locale === 'en' ? `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}` : `${d}/${m}/${y}`;
}
