/** Unicode normalisation and folding for Vietnamese text. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** NFC with collapsed whitespace: the form every stored and compared text takes. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Lower-case without diacritics; đ folds to d, which Unicode decomposition alone does not do.
 * "Đăng ký" → "dang ky".
 */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase().normalize('NFC');
}

/** Words of a text, lower-cased and NFC, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A URL-safe identifier: "Cấp, quản lý căn cước" → "cap-quan-ly-can-cuoc". */
export function slugify(text: string, maxLength = 80): string {
  const slug = foldDiacritics(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.length <= maxLength ? slug : slug.slice(0, maxLength).replace(/-[^-]*$/, '');
}
