import { AppError } from '../../../platform/errors/app-error.ts';

/** How OpenDVC reaches the national e-ID. */
export interface EidSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** True when this is the bundled reference provider (fictional citizens), never in production. */
  readonly reference: boolean;
}

/** How the portal is registered at the reference provider unless EID_CLIENT_ID / EID_CLIENT_SECRET say otherwise. */
export const EID_DEV_DEFAULT_CLIENT = {
  clientId: 'opendvc-portal',
  clientSecret: 'opendvc-eid-dev-secret',
  callbackPath: '/dang-nhap/dinh-danh/callback',
} as const;

interface EidEnv {
  readonly NODE_ENV: 'development' | 'test' | 'production';
  readonly EID_ISSUER?: string | undefined;
  readonly EID_CLIENT_ID?: string | undefined;
  readonly EID_CLIENT_SECRET?: string | undefined;
  readonly EID_DEV_PORT: number;
}

/**
 * The e-ID to use: the configured upstream when EID_ISSUER is set, else the reference provider
 * on EID_DEV_PORT outside production, else none (the login button is not offered).
 * Throws IDENTITY_EID_NOT_CONFIGURED when EID_ISSUER comes without its client id and secret.
 */
export function resolveEidSettings(env: EidEnv): EidSettings | null {
  if (env.EID_ISSUER) {
    if (!env.EID_CLIENT_ID || !env.EID_CLIENT_SECRET) {
      throw new AppError('IDENTITY_EID_NOT_CONFIGURED', 'EID_CLIENT_ID and EID_CLIENT_SECRET are required when EID_ISSUER is set');
    }
    return { issuer: env.EID_ISSUER, clientId: env.EID_CLIENT_ID, clientSecret: env.EID_CLIENT_SECRET, reference: false };
  }
  if (env.NODE_ENV === 'production') return null;
  return {
    issuer: `http://localhost:${env.EID_DEV_PORT}`,
    clientId: env.EID_CLIENT_ID ?? EID_DEV_DEFAULT_CLIENT.clientId,
    clientSecret: env.EID_CLIENT_SECRET ?? EID_DEV_DEFAULT_CLIENT.clientSecret,
    reference: true,
  };
}
