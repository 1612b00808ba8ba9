import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { AppError } from '../../../platform/errors/app-error.ts';
import { API_RESOURCE } from './oidc-provider.factory.ts';

export interface ApiCaller {
  clientId: string;
  scopes: string[];
  /** The person a token was issued to (authorization code flow: `sub`); absent on an agency system's own token. */
  accountId?: string;
}

const PRIVATE_PARTS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/**
 * Checks the bearer tokens agency systems and apps send to OpenDVC's APIs: JWTs signed by our provider
 * for the API audience, verified locally (no database round trip) against the current signing keys.
 * A token an app got for a person (authorization code) also names the person's account.
 * Throws IDENTITY_TOKEN_MISSING, IDENTITY_TOKEN_INVALID, IDENTITY_TOKEN_SCOPE.
 */
export function createApiTokenVerifier(options: { issuer: string; signingKeys: Array<Record<string, unknown>> }) {
  const publicKeys = options.signingKeys.map((k) => {
    const pub: Record<string, unknown> = { ...k };
    for (const part of PRIVATE_PARTS) delete pub[part];
    return pub as JWK;
  });
  const keySet = createLocalJWKSet({ keys: publicKeys });
  return async function verify(authorization: string | undefined, requiredScope: string | null): Promise<ApiCaller> {
    const match = /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+)$/.exec(authorization ?? '');
    if (!match) throw new AppError('IDENTITY_TOKEN_MISSING', 'Send "Authorization: Bearer <access token>" from the token endpoint (client_credentials)');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(match[1]!, keySet, { issuer: options.issuer, audience: API_RESOURCE, typ: 'at+jwt', algorithms: ['RS256'] }));
    } catch (err) {
      throw new AppError('IDENTITY_TOKEN_INVALID', (err as Error).message);
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    if (requiredScope !== null && !scopes.includes(requiredScope)) throw new AppError('IDENTITY_TOKEN_SCOPE', `this API needs the scope ${requiredScope}`);
    const clientId = String(payload.client_id ?? payload.sub);
    // A client_credentials token's subject is the client itself; any other subject is a person.
    const accountId = typeof payload.sub === 'string' && payload.sub !== clientId ? payload.sub : undefined;
    return accountId ? { clientId, scopes, accountId } : { clientId, scopes };
  };
}

export type ApiTokenVerifier = ReturnType<typeof createApiTokenVerifier>;
