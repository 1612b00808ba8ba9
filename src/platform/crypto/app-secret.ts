import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../../config/env.ts';

/**
 * The application secret that signs cookies and encrypts secrets at rest. Production sets
 * SESSION_SECRET (env.ts refuses to start without it); development generates one once under
 * DATA_DIR so sessions survive restarts, and every process on that folder shares it.
 */
export function resolveAppSecret(env: Pick<Env, 'SESSION_SECRET' | 'dataDir'>): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.join(env.dataDir, 'app-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    // 'wx' fails if another process created it first; then read theirs.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
