/**
 * The file store on local disk: `<dir>/sha256/ab/cd/<hash>`. Bytes go to `<dir>/tmp/<uuid>.part`
 * first, are fsync'd, then renamed into place (atomic on one file system) and the directory entry
 * fsync'd too, so a crash leaves either the whole file or nothing under its hash — never part of one.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore, BlobWriter } from '../blob-store.port.ts';

const SHA256 = /^[0-9a-f]{64}$/;

export function createLocalBlobStore(dir: string): BlobStore {
  const tmpDir = path.join(dir, 'tmp');
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
    return path.join(dir, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  return {
    async begin(): Promise<BlobWriter> {
      // Created on first use: processes that never receive a file never touch the disk.
      await fs.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomUUID()}.part`);
      const handle = await fs.open(tmp, 'wx', 0o640);
      let finished = false;
      return {
        async write(chunk) {
          let offset = 0;
          while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
        },
        async commit(sha256) {
          const target = pathOf(sha256);
          try {
            await handle.sync();
            await handle.close();
            if (await exists(target)) {
              await fs.rm(tmp, { force: true });
            } else {
              await fs.mkdir(path.dirname(target), { recursive: true });
              // Two uploads of the same content may race here: either rename leaves identical bytes.
              await fs.rename(tmp, target);
              for (const d of [path.dirname(target), path.dirname(path.dirname(target)), path.join(dir, 'sha256')]) await syncDirectory(d);
            }
            finished = true;
          } catch (err) {
            await handle.close().catch(() => undefined);
            await fs.rm(tmp, { force: true }).catch(() => undefined);
            finished = true;
            throw err;
          }
        },
        async discard() {
          if (finished) return;
          finished = true;
          await handle.close().catch(() => undefined);
          await fs.rm(tmp, { force: true });
        },
      };
    },
    async open(sha256): Promise<Readable | null> {
      try {
        const handle = await fs.open(pathOf(sha256), 'r');
        return handle.createReadStream();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
