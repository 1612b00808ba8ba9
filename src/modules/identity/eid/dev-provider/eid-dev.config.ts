import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { ClientMetadata, Configuration, JWK } from 'oidc-provider';
import { EID_ASSURANCE_LEVELS } from '../eid-assurance.workflow.ts';
import { EID_DEV_DEFAULT_CLIENT } from '../eid-settings.workflow.ts';
import { renderErrorPage } from './eid-dev.pages.ts';
import { eidDevClaimsOf, findEidDevCitizen } from './eid-dev.citizens.ts';

/** A relying party registered at the reference provider. */
export interface EidDevClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  readonly tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  readonly name?: string;
}

export interface EidDevConfigOptions {
  readonly clients: readonly EidDevClient[];
  /** Private signing keys (JWK with kid and alg); generated at start when absent. */
  readonly signingKeys?: readonly JWK[];
  readonly idTokenTtlSeconds?: number;
}

/**
 * The OpenDVC portal's registration, allowing the callback on every origin the portal answers on
 * (localhost, 127.0.0.1, PUBLIC_URL).
 */
export function buildPortalEidDevClient(input: { portalOrigins: readonly string[]; clientId?: string; clientSecret?: string }): EidDevClient {
  const origins = [...new Set(input.portalOrigins.map((o) => o.replace(/\/$/, '')))];
  return {
    clientId: input.clientId ?? EID_DEV_DEFAULT_CLIENT.clientId,
    clientSecret: input.clientSecret ?? EID_DEV_DEFAULT_CLIENT.clientSecret,
    name: 'Cổng Dịch vụ công OpenDVC',
    redirectUris: origins.map((o) => `${o}${EID_DEV_DEFAULT_CLIENT.callbackPath}`),
    postLogoutRedirectUris: origins.map((o) => `${o}/`),
  };
}

/** Fresh signing keys, one RS256 and one ES256; they live as long as the process. */
export function generateEidDevSigningKeys(): JWK[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rs-${randomUUID()}`, alg: 'RS256', use: 'sig' } as JWK,
    { ...ec, kid: `es-${randomUUID()}`, alg: 'ES256', use: 'sig' } as JWK,
  ];
}

/** The oidc-provider configuration of the reference e-ID: code + PKCE only, our claims and levels. */
export function buildEidDevConfiguration(options: EidDevConfigOptions): Configuration {
  return {
    clients: options.clients.map(toClientMetadata),
    jwks: { keys: [...(options.signingKeys ?? generateEidDevSigningKeys())] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate', 'gender'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      address: ['address'],
      personal_id: ['personal_id'],
    },
    acrValues: [...EID_ASSURANCE_LEVELS],
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: options.idTokenTtlSeconds ?? 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const citizen = findEidDevCitizen(sub);
      if (!citizen) return undefined;
      return { accountId: sub, claims: async () => ({ ...eidDevClaimsOf(citizen), sub }) };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = renderErrorPage(String(out.error ?? 'server_error'), typeof out.error_description === 'string' ? out.error_description : undefined);
    },
  };
}

function toClientMetadata(client: EidDevClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.name ?? client.clientId,
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...(client.postLogoutRedirectUris ?? [])],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: client.tokenEndpointAuthMethod ?? 'client_secret_basic',
  };
}
