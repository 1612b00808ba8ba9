/**
 * Where file bytes live, by content: one blob per SHA-256, whoever uploaded it and however often.
 * The local disk adapter is the default; an S3-compatible adapter implements the same two calls
 * (`begin` = a temporary object or a local spool, `commit` = put under `sha256/<hash>`, `open` = GET).
 */
import type { Readable } from 'node:stream';

export interface BlobStore {
  /** Opens a temporary blob to stream bytes into; nothing is visible under a hash until `commit`. */
  begin(): Promise<BlobWriter>;
  /** The bytes stored under a hash, as a stream, or null when the store has none. */
  open(sha256: string): Promise<Readable | null>;
}

export interface BlobWriter {
  /** Appends bytes; resolves once they are handed to the store (back-pressure). */
  write(chunk: Uint8Array): Promise<void>;
  /**
   * Makes the bytes durable under their hash, which the caller computed while writing. When the store
   * already holds that content the temporary bytes are dropped (deduplication).
   */
  commit(sha256: string): Promise<void>;
  /** Forgets the bytes written so far. Safe to call twice, and after `commit` (then it does nothing). */
  discard(): Promise<void>;
}
