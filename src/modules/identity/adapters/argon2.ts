/**
 * argon2id through @node-rs/argon2 (native, runs on libuv's thread pool). Parameters: 19 MiB
 * memory, 2 passes, 1 lane: OWASP's first argon2id configuration. Measured on the 2-core
 * reference machine: ~10 ms per hash and ~160 verifications/s on both cores; the README explains
 * the trade-off.
 */
import { hash, verify } from '@node-rs/argon2';

/** @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;
import type { PasswordHasher } from '../password-hasher.port.ts';

export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function createArgon2Hasher(parameters: { memoryCost: number; timeCost: number; parallelism: number } = ARGON2_PARAMETERS): PasswordHasher {
  const options = { ...parameters, algorithm: ARGON2ID };
  let dummy: Promise<string> | null = null;
  return {
    hash: (password) => hash(password.normalize('NFC'), options),
    async verify(stored, password) {
      try {
        return await verify(stored, password.normalize('NFC'));
      } catch {
        return false;
      }
    },
    async verifyDummy(password) {
      dummy ??= hash('opendvc-dummy-password', options);
      await verify(await dummy, password.normalize('NFC')).catch(() => false);
    },
  };
}
