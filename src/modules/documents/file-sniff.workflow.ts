/** Which type a file really is, from its first bytes (magic numbers), never from its name or declared type. */
import type { MediaType } from './document.types.ts';

const SIGNATURES: ReadonlyArray<{ type: MediaType; bytes: readonly number[] }> = [
  // ISO 32000: a PDF file begins with "%PDF-" and the version.
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // JPEG: start-of-image marker FF D8, then the FF of the next marker (JFIF, Exif, …).
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // PNG: the 8-byte signature of RFC 2083 (catches text-mode transfer damage, too).
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** How many first bytes `sniffMediaType` needs to decide. */
export const SNIFF_BYTES = Math.max(...SIGNATURES.map((s) => s.bytes.length));

/** The accepted type the content starts with, or null (HTML, EXE, ZIP, text, anything else). */
export function sniffMediaType(head: Uint8Array): MediaType | null {
  for (const { type, bytes } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return type;
  }
  return null;
}

/** The usual file name extension of an accepted type. */
export function extensionOf(type: MediaType): string {
  return type === 'application/pdf' ? '.pdf' : type === 'image/jpeg' ? '.jpg' : '.png';
}
