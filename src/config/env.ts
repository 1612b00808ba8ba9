import path from 'node:path';
import { z } from 'zod';

/** Where the repository (and so the shipped seed data and migrations) lives. */
export const ROOT_DIR = path.resolve(import.meta.dirname, '../..');

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SEED: z.enum(['auto', 'none']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanString.default(false),
  /** Signs session and CSRF cookies; required in production, generated under DATA_DIR otherwise. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** smtp://user:pass@host:port; unset outside production = messages go to the /dev/mailbox page. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('Cổng Dịch vụ công <no-reply@opendvc.local>'),
  /** HTTP endpoint of the SMS gateway (POST JSON); unset outside production = the /dev/mailbox page. */
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** The national e-ID (upstream OpenID Connect provider); unset = the bundled reference provider in development. */
  EID_ISSUER: z.url().optional(),
  EID_CLIENT_ID: z.string().optional(),
  EID_CLIENT_SECRET: z.string().optional(),
  EID_DEV_PORT: z.coerce.number().int().min(1024).max(65535).default(3900),
  /** Where uploaded files are kept (content-addressed); unset = `<DATA_DIR>/files`. */
  FILES_DIR: z.string().min(1).optional(),
  /** Largest uploaded file, in bytes (default 10 MiB, at most 1 GiB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Most files one form post may carry. */
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  /** Successful public dossier look-ups per client address and minute (failures have their own, fixed limit). */
  LOOKUP_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(30),
  CI: booleanString.optional(),
});

export type Env = Readonly<z.infer<typeof envSchema>> & { readonly dataDir: string; readonly filesDir: string };

/**
 * Reads and validates the environment once. A bad value stops the process with a message naming
 * the variable. This is the only place in the code base that reads process.env.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 random characters)');
  }
  const dataDir = path.resolve(ROOT_DIR, env.DATA_DIR);
  return Object.freeze({ ...env, dataDir, filesDir: env.FILES_DIR ? path.resolve(ROOT_DIR, env.FILES_DIR) : path.join(dataDir, 'files') });
}

/** The portal's public address: PUBLIC_URL, or this machine's port for development. */
export function publicUrlOf(env: Pick<Env, 'PUBLIC_URL' | 'PORT'>): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
