import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { AppError } from '../../../platform/errors/app-error.ts';
import { normaliseAssuranceLevel } from './eid-assurance.workflow.ts';
import { mapEidClaims } from './eid-claims.mapper.ts';
import { authorizationError, mapEidFailure } from './eid-failure.mapper.ts';
import type { CompleteEidAuthorizationInput, CreateEidAuthorizationInput, EidAuthorizationResult, NationalEidPort } from './eid.port.ts';

/** The scopes asked of the e-ID: the profile, contact details and the personal ID number. */
export const EID_SCOPES = 'openid profile email phone address personal_id';

export type EidFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface EidClientOptions {
  /** The provider's issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** How the secret goes to the token endpoint; DVCQG's WSO2 expects it in the form body. */
  readonly tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Seconds of clock difference tolerated on the ID token's timestamps (openid-client's default is 30). */
  readonly clockToleranceSeconds?: number;
  /** Seconds before a request to the provider is abandoned. */
  readonly timeoutSeconds?: number;
  /** Replaces global fetch for every request to the provider (tests, egress proxies). */
  readonly fetch?: EidFetch;
}

/**
 * The federation client: OpenDVC as a relying party of the national e-ID, on openid-client.
 * Discovery runs on first use and is retried after a failure. Plain http is allowed only for a
 * loopback issuer (the reference provider); any other issuer must be https.
 */
export function createEidClient(options: EidClientOptions): NationalEidPort {
  let configuration: Promise<oidc.Configuration> | null = null;
  const configure = (): Promise<oidc.Configuration> => {
    configuration ??= discover(options).catch((err: unknown) => {
      configuration = null;
      throw new AppError('IDENTITY_EID_UNAVAILABLE', `discovery of ${options.issuer} failed: ${(err as Error).message}`);
    });
    return configuration;
  };

  return {
    async createAuthorizationRequest(input: CreateEidAuthorizationInput) {
      const config = await configure();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const parameters: Record<string, string> = {
        redirect_uri: input.redirectUri,
        response_type: 'code',
        scope: EID_SCOPES,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      };
      if (input.acr) parameters.acr_values = input.acr;
      if (input.prompt) parameters.prompt = input.prompt;
      return { url: oidc.buildAuthorizationUrl(config, parameters).href, state, nonce, codeVerifier };
    },

    async completeAuthorization(input: CompleteEidAuthorizationInput): Promise<EidAuthorizationResult> {
      const config = await configure();
      const callbackUrl = new URL(input.callbackUrl);
      // Checked before anything else so that a forged callback, even one carrying an error, is
      // reported as what it is and never reaches the token endpoint.
      const state = callbackUrl.searchParams.get('state');
      if (state === null || !sameText(state, input.expected.state)) {
        throw new AppError('IDENTITY_EID_STATE_MISMATCH', 'the callback state is not the one this browser was given');
      }
      const error = callbackUrl.searchParams.get('error');
      if (error !== null) throw authorizationError(error, callbackUrl.searchParams.get('error_description') ?? undefined);
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          expectedState: input.expected.state,
          expectedNonce: input.expected.nonce,
          pkceCodeVerifier: input.expected.codeVerifier,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims || !tokens.id_token) throw new AppError('IDENTITY_EID_ID_TOKEN_INVALID', 'the token response has no ID token');
        const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        // The ID token wins over userinfo for what it carries: it is the signed, validated part.
        const merged: Record<string, unknown> = { ...userinfo, ...idClaims };
        const { profile, issues } = mapEidClaims(merged);
        return {
          claims: profile,
          acr: normaliseAssuranceLevel(idClaims.acr, merged.loAs ?? merged.IAL),
          subject: idClaims.sub,
          idToken: tokens.id_token,
          claimIssues: issues,
        };
      } catch (err) {
        throw mapEidFailure(err);
      }
    },

    async buildLogoutUrl(input) {
      const config = await configure();
      if (!config.serverMetadata().end_session_endpoint) return null;
      const parameters: Record<string, string> = { id_token_hint: input.idToken, client_id: options.clientId };
      if (input.postLogoutRedirectUri) parameters.post_logout_redirect_uri = input.postLogoutRedirectUri;
      return oidc.buildEndSessionUrl(config, parameters).href;
    },
  };
}

async function discover(options: EidClientOptions): Promise<oidc.Configuration> {
  const issuer = new URL(options.issuer);
  const insecure = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
  if (issuer.protocol !== 'https:' && !insecure) throw new Error('the e-ID issuer must be an https URL (http only for localhost)');
  const auth =
    options.tokenEndpointAuthMethod === 'client_secret_post' ? oidc.ClientSecretPost(options.clientSecret) : oidc.ClientSecretBasic(options.clientSecret);
  const execute = [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])];
  const metadata: Partial<oidc.ClientMetadata> = { client_secret: options.clientSecret };
  if (options.clockToleranceSeconds !== undefined) metadata[oidc.clockTolerance] = options.clockToleranceSeconds;
  const discoveryOptions: oidc.DiscoveryRequestOptions = { execute, timeout: options.timeoutSeconds ?? 10 };
  if (options.fetch) discoveryOptions[oidc.customFetch] = options.fetch as oidc.CustomFetch;
  return oidc.discovery(issuer, options.clientId, metadata, auth, discoveryOptions);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
