/** Uploaded file names: cleaned for storing and showing, and offered back safely on download. */
import type { MediaType } from './document.types.ts';
import { extensionOf } from './file-sniff.workflow.ts';

export const MAX_NAME_LENGTH = 200;
const FALLBACK_STEM = 'tai-lieu';
const KNOWN_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;

/**
 * The name a browser sent, fit to store and show: NFC (macOS sends NFD), the last path segment only,
 * no control or invisible format characters (a right-to-left override can disguise "gpj.exe" as
 * "exe.jpg"), none of the characters Windows forbids, no leading dots, at most 200 characters with
 * the extension kept. An empty result becomes "tai-lieu".
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
    name = [...chars.slice(0, MAX_NAME_LENGTH - ext.length), ...ext].join('').trim();
  }
  return name === '' ? FALLBACK_STEM : name;
}

/**
 * The name offered on download: the stored name with the extension of the type the content really
 * has, so the person's computer opens it with the right program ("scan.pdf" that is a PNG → "scan.png").
 */
export function downloadName(name: string, type: MediaType): string {
  const ext = extensionOf(type);
  const current = KNOWN_EXTENSIONS.exec(name)?.[0].toLowerCase();
  if (current === ext || (current === '.jpeg' && ext === '.jpg')) return name;
  return `${current ? name.slice(0, -current.length) : name}${ext}`;
}

/**
 * A Content-Disposition header with both an ASCII `filename` for old clients and the exact UTF-8 name
 * as RFC 5987/6266 `filename*` ("Giấy khai sinh.pdf" → filename="Giay khai sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y…).
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name.normalize('NFC')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
