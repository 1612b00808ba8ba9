/**
 * Takes one file in as a stream and checks it on the way: its type by its first bytes, that it is not
 * empty, that it is not larger than the limit. Memory holds at most a few chunks; the bytes go to a
 * temporary blob that becomes visible only when the caller commits it.
 */
import { createHash } from 'node:crypto';
import type { BlobStore, BlobWriter } from './blob-store.port.ts';
import type { FileProblemCode, MediaType } from './document.types.ts';
import { SNIFF_BYTES, sniffMediaType } from './file-sniff.workflow.ts';

/** A checked file whose bytes wait in a temporary blob. */
export interface StagedBlob {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly mediaType: MediaType;
  /** Moves the bytes under their hash (durable). */
  commit(): Promise<void>;
  /** Deletes the temporary bytes. */
  discard(): Promise<void>;
}

/** Bytes as a stream (a Readable, a multipart part) or a list of chunks. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>;

export type IntakeResult = { ok: true; blob: StagedBlob } | { ok: false; code: FileProblemCode };

export interface IntakeOptions {
  /** Largest accepted size; one byte more is DOCUMENT_TOO_LARGE. */
  maxBytes: number;
  /**
   * What to do with the rest of a refused file: 'drain' reads it and throws it away (a multipart part
   * must be read to its end to reach the next field; the parser already cut it at the limit), 'stop'
   * stops reading (the stream is destroyed).
   */
  onRefuse: 'drain' | 'stop';
}

/** Streams `source` into a temporary blob of `store`, checking it. @throws what the source or the store throws (nothing is left behind) */
export async function intakeFile(source: ByteSource, store: BlobStore, options: IntakeOptions): Promise<IntakeResult> {
  const hash = createHash('sha256');
  let size = 0;
  let mediaType: MediaType | null = null;
  let problem: FileProblemCode | null = null;
  let writer: BlobWriter | null = null;
  // The first chunks, held only until the first SNIFF_BYTES bytes are known.
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const decide = async () => {
    const type = sniffMediaType(Buffer.concat(pending, pendingBytes).subarray(0, SNIFF_BYTES));
    if (!type) {
      problem = 'DOCUMENT_TYPE_NOT_ALLOWED';
      pending = [];
      return;
    }
    mediaType = type;
    writer = await store.begin();
    for (const chunk of pending) await put(chunk);
    pending = [];
  };
  const put = async (chunk: Buffer) => {
    hash.update(chunk);
    await writer!.write(chunk);
  };

  try {
    for await (const piece of source) {
      if (problem) {
        if (options.onRefuse === 'stop') break;
        continue;
      }
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      size += chunk.length;
      // Counting stops at the limit: the rest is never written, hashed or kept.
      if (size > options.maxBytes) {
        problem = 'DOCUMENT_TOO_LARGE';
        pending = [];
        if (options.onRefuse === 'stop') break;
        continue;
      }
      if (mediaType) {
        await put(chunk);
        continue;
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= SNIFF_BYTES) await decide();
    }
    if (!problem && size === 0) problem = 'DOCUMENT_EMPTY';
    if (!problem && !mediaType) await decide();
  } catch (err) {
    await (writer as BlobWriter | null)?.discard();
    throw err;
  }
  const w = writer as BlobWriter | null;
  if (problem || !w || !mediaType) {
    await w?.discard();
    return { ok: false, code: problem ?? 'DOCUMENT_TYPE_NOT_ALLOWED' };
  }
  const sha256 = hash.digest('hex');
  return { ok: true, blob: { sha256, sizeBytes: size, mediaType, commit: () => w.commit(sha256), discard: () => w.discard() } };
}
