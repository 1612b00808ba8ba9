import type { EidAssuranceLevel } from './eid-assurance.workflow.ts';
import type { EidProfile } from './eid-claims.mapper.ts';

/** What the login page keeps (server side, tied to the browser) between the redirect and the callback. */
export interface EidAuthorizationRequest {
  /** Where to send the browser: the provider's authorization endpoint with all parameters. */
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface CreateEidAuthorizationInput {
  /** Our callback URL, exactly as registered at the provider. */
  readonly redirectUri: string;
  /** The level to ask for (`acr_values`); the provider may still answer with another. */
  readonly acr?: EidAssuranceLevel;
  /** 'login' forces the citizen to authenticate again, for a step-up. */
  readonly prompt?: 'login';
}

export interface CompleteEidAuthorizationInput {
  /** The full URL the browser came back to, as the provider sent it (scheme, host, path and query). */
  readonly callbackUrl: string | URL;
  readonly expected: { readonly state: string; readonly nonce: string; readonly codeVerifier: string };
}

export interface EidAuthorizationResult {
  readonly claims: EidProfile;
  /** The assurance level the provider vouches for, or null when it sent none we recognise. */
  readonly acr: EidAssuranceLevel | null;
  /** The provider's stable subject identifier for this citizen. */
  readonly subject: string;
  /** The raw ID token, kept for RP-initiated logout at the provider. */
  readonly idToken: string;
  /** Claims the provider sent but that were malformed and dropped (e.g. "personal_id"), for the log. */
  readonly claimIssues: readonly string[];
}

/** The national e-ID, seen from OpenDVC: an upstream OpenID Connect provider. */
export interface NationalEidPort {
  /** Builds the authorization request (code + PKCE S256, fresh state and nonce). Throws IDENTITY_EID_UNAVAILABLE. */
  createAuthorizationRequest(input: CreateEidAuthorizationInput): Promise<EidAuthorizationRequest>;
  /**
   * Checks the callback, redeems the code and validates the ID token, then reads the claims.
   * Throws IDENTITY_EID_* (state, nonce, PKCE, code, ID token, access denied, upstream, unavailable).
   */
  completeAuthorization(input: CompleteEidAuthorizationInput): Promise<EidAuthorizationResult>;
  /** The provider's logout URL for this ID token, or null when it publishes none. */
  buildLogoutUrl(input: { idToken: string; postLogoutRedirectUri?: string }): Promise<string | null>;
}
