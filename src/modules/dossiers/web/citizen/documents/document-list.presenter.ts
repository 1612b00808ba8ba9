/** A draft's required documents as the documents page shows them: what is asked, what was received. */
import type { Locale } from '../../../../../platform/i18n/i18n.ts';
import { formatSize, type MediaType, type SavedDocument } from '../../../../documents/index.ts';
import type { DossierFileRef } from '../../../core/dossier.types.ts';
import type { DocumentRequirement, FileType } from '../../../service-config/service-config.types.ts';
import { formatShortTime } from '../citizen-time.presenter.ts';

export const TYPE_OF_MEDIA: Record<MediaType, FileType> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpeg', 'image/png': 'png' };
const TYPE_LABEL: Record<FileType, string> = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG' };
const ACCEPT_ATTR: Record<FileType, string> = { pdf: '.pdf,application/pdf', jpeg: '.jpg,.jpeg,image/jpeg', png: '.png,image/png' };

/** An error on the page: where it links and a message key (translated by the template). */
export interface PageError {
  href: string;
  key: string;
  params?: Record<string, string | number>;
}

export function typeLabel(mediaType: string): string {
  return TYPE_LABEL[TYPE_OF_MEDIA[mediaType as MediaType]] ?? mediaType;
}

export function acceptedTypes(requirement: DocumentRequirement): string {
  return requirement.accept.map((a) => TYPE_LABEL[a]).join(', ');
}

export function accepts(requirement: DocumentRequirement, mediaType: string): boolean {
  const type = TYPE_OF_MEDIA[mediaType as MediaType];
  return type !== undefined && requirement.accept.includes(type);
}

/** A received file as a table row. */
export function fileRow(file: DossierFileRef, locale: Locale) {
  return { id: file.id, name: file.name, type: typeLabel(file.mediaType), size: formatSize(file.sizeBytes), time: formatShortTime(file.createdAt, locale) };
}

export function requirementViews(requirements: readonly DocumentRequirement[], files: readonly DossierFileRef[], saved: readonly SavedDocument[], locale: Locale) {
  return requirements.map((r) => {
    const received = files.filter((f) => f.purpose === 'submission' && f.requirementKey === r.key);
    return {
      key: r.key,
      name: r.name,
      required: r.required,
      // "0 bản chính, 0 bản sao" says nothing: only the numbers asked for.
      originals: r.quantity?.original ?? 0,
      copies: r.quantity?.copy ?? 0,
      note: r.note,
      types: acceptedTypes(r),
      accept: r.accept.map((a) => ACCEPT_ATTR[a]).join(','),
      maxFiles: r.maxFiles,
      remaining: Math.max(0, r.maxFiles - received.length),
      files: received.map((f) => fileRow(f, locale)),
      saved: saved.filter((s) => accepts(r, s.file.mediaType)).map((s) => ({ id: s.id, text: `${s.title} (${s.file.originalName})` })),
    };
  });
}
