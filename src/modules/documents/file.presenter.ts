/** How files and their refusals are shown to people. */
import type { FileProblemCode, UploadLimits, UploadProblem } from './document.types.ts';

const PROBLEM_KEYS: Record<FileProblemCode | 'DOCUMENT_TOO_MANY', string> = {
  DOCUMENT_TYPE_NOT_ALLOWED: 'documents.fileErrors.typeNotAllowed',
  DOCUMENT_EMPTY: 'documents.fileErrors.empty',
  DOCUMENT_TOO_LARGE: 'documents.fileErrors.tooLarge',
  DOCUMENT_TOO_MANY: 'documents.fileErrors.tooMany',
};

/** A refusal as the form shows it: `{name}` the file, `{max}` the limit in words a person reads. */
export function uploadProblem(code: FileProblemCode | 'DOCUMENT_TOO_MANY', field: string, fileName: string | null, limits: UploadLimits): UploadProblem {
  const max = code === 'DOCUMENT_TOO_MANY' ? limits.maxFiles : formatSize(limits.maxBytes);
  return { code, field, fileName, messageKey: PROBLEM_KEYS[code], params: { name: fileName ?? '', max } };
}

/** 10485760 → "10 MB", 1536 → "1.5 KB": binary units, as operating systems show sizes. */
export function formatSize(bytes: number): string {
  const units = ['byte', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Math.round(value * 10) / 10} ${units[unit]}`;
}
