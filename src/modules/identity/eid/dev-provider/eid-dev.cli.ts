import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Env } from '../../../../config/env.ts';
import { buildPortalEidDevClient } from './eid-dev.config.ts';
import { startEidDevProvider } from './eid-dev.server.ts';

type EidDevEnv = Pick<Env, 'PORT' | 'PUBLIC_URL' | 'EID_CLIENT_ID' | 'EID_CLIENT_SECRET' | 'EID_DEV_PORT'>;

/** Starts the reference provider with the portal registered on every origin it answers on. */
async function startForPortal(env: EidDevEnv, logger: Logger, port: number, issuer?: string) {
  const portalOrigins = [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`, ...(env.PUBLIC_URL ? [env.PUBLIC_URL] : [])];
  const client = buildPortalEidDevClient({ portalOrigins, clientId: env.EID_CLIENT_ID, clientSecret: env.EID_CLIENT_SECRET });
  return startEidDevProvider({ port, issuer, clients: [client], logger });
}

/** `opendvc eid-dev`: runs the reference provider until SIGINT / SIGTERM. */
export async function runEidDevCommand(env: EidDevEnv, logger: Logger, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, issuer: { type: 'string' } } });
  const port = values.port === undefined ? env.EID_DEV_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port "${values.port}" is not a port number\n`);
    return 1;
  }
  const provider = await startForPortal(env, logger, port, values.issuer);
  process.stdout.write(`Reference e-ID (fictional citizens) on ${provider.issuer}\n`);
  const stop = () => void provider.stop().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

/**
 * `opendvc start` in development: the reference provider on EID_DEV_PORT beside the portal. A busy
 * port is logged, not fatal: the portal still runs, with password login only.
 */
export async function startEidDevAlongside(env: EidDevEnv, logger: Logger): Promise<() => Promise<void>> {
  try {
    const provider = await startForPortal(env, logger, env.EID_DEV_PORT);
    return () => provider.stop();
  } catch (err) {
    logger.warn({ err, port: env.EID_DEV_PORT }, 'the reference e-ID could not start; set EID_DEV_PORT to a free port');
    return async () => undefined;
  }
}
