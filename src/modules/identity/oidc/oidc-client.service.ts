import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import { findClient, insertClient, listClients, setDisabled, updateSecret, type ClientRow } from './oidc-client.repo.ts';
import type { OidcTables } from './oidc.tables.ts';

/** Scopes a portal may ask for about a person, and scopes agency systems get for OpenDVC's APIs. */
export const USER_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'phone', 'address', 'id_number', 'account_type'] as const;
export const API_SCOPES = ['api:sync', 'api:payments', 'api:catalog'] as const;

export interface ClientRegistration {
  name: string;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string;
  grants?: Array<'authorization_code' | 'client_credentials'>;
  scopes?: string[];
  /** A government portal: no consent page. */
  firstParty?: boolean;
}

export interface ClientView {
  clientId: string;
  name: string;
  grants: string[];
  redirectUris: string[];
  scopes: string[];
  firstParty: boolean;
  disabled: boolean;
  secretRotatedAt: string;
}

/** The registry of relying parties and agency systems. Throws IDENTITY_OIDC_CLIENT_INVALID / _NOT_FOUND. */
export function createOidcClientService(deps: { db: Kysely<OidcTables>; box: SecretBox; allowInsecureLocalhost: boolean }) {
  const checkUri = (uri: string, what: string) => {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', `${what} "${uri}" is not a URL`);
    }
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(deps.allowInsecureLocalhost && local && url.protocol === 'http:')) {
      throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', `${what} must use https: ${uri}`);
    }
    if (url.hash) throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', `${what} must not have a fragment: ${uri}`);
    return url.toString();
  };

  return {
    /** Registers a client and returns its id and secret (shown once). */
    async register(input: ClientRegistration): Promise<{ clientId: string; clientSecret: string }> {
      const name = input.name.trim().normalize('NFC');
      if (!name) throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', 'a client needs a name');
      const grants = input.grants?.length ? [...new Set(input.grants)] : ['authorization_code' as const];
      const interactive = grants.includes('authorization_code');
      const redirectUris = (input.redirectUris ?? []).map((u) => checkUri(u, 'redirect URI'));
      if (interactive && redirectUris.length === 0) throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', 'a portal needs at least one redirect URI');
      const allowed: readonly string[] = interactive ? [...USER_SCOPES, ...API_SCOPES] : API_SCOPES;
      const scopes = input.scopes?.length ? input.scopes : interactive ? ['openid', 'offline_access', 'profile', 'email', 'phone'] : [...API_SCOPES];
      for (const s of scopes) if (!allowed.includes(s)) throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', `unknown or unsuitable scope "${s}"`);
      const clientId = `dvc-${randomBytes(9).toString('base64url')}`;
      const clientSecret = randomBytes(32).toString('base64url');
      const metadata: Record<string, unknown> = {
        client_id: clientId,
        client_name: name,
        grant_types: interactive ? [...grants.filter((g) => g !== 'client_credentials'), 'refresh_token', ...grants.filter((g) => g === 'client_credentials')] : ['client_credentials'],
        response_types: interactive ? ['code'] : [],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: (input.postLogoutRedirectUris ?? []).map((u) => checkUri(u, 'post-logout redirect URI')),
        token_endpoint_auth_method: 'client_secret_basic',
        scope: scopes.join(' '),
      };
      if (input.backchannelLogoutUri) {
        metadata.backchannel_logout_uri = checkUri(input.backchannelLogoutUri, 'back-channel logout URI');
        metadata.backchannel_logout_session_required = true;
      }
      await insertClient(deps.db, { clientId, name, secretSealed: deps.box.seal(clientSecret), metadata, firstParty: input.firstParty ?? false });
      return { clientId, clientSecret };
    },

    /** A new secret; the old one stops working at once. */
    async rotateSecret(clientId: string): Promise<{ clientId: string; clientSecret: string }> {
      const clientSecret = randomBytes(32).toString('base64url');
      if (!(await updateSecret(deps.db, clientId, deps.box.seal(clientSecret)))) throw new AppError('IDENTITY_OIDC_CLIENT_NOT_FOUND');
      return { clientId, clientSecret };
    },

    async setDisabled(clientId: string, disabled: boolean): Promise<void> {
      if (!(await setDisabled(deps.db, clientId, disabled))) throw new AppError('IDENTITY_OIDC_CLIENT_NOT_FOUND');
    },

    async list(): Promise<ClientView[]> {
      return (await listClients(deps.db)).map(presentClient);
    },

    async isFirstParty(clientId: string): Promise<boolean> {
      return (await findClient(deps.db, clientId))?.firstParty ?? false;
    },

    /** Metadata as the provider wants it, secret included; nothing for unknown or disabled clients. */
    async metadataForProvider(clientId: string): Promise<Record<string, unknown> | undefined> {
      const row = await findClient(deps.db, clientId);
      if (!row || row.disabledAt) return undefined;
      return { ...row.metadata, client_secret: deps.box.open(row.secretSealed) };
    },
  };
}

export type OidcClientService = ReturnType<typeof createOidcClientService>;

function presentClient(row: ClientRow): ClientView {
  const m = row.metadata as { grant_types?: string[]; redirect_uris?: string[]; scope?: string };
  return {
    clientId: row.clientId,
    name: row.name,
    grants: m.grant_types ?? [],
    redirectUris: m.redirect_uris ?? [],
    scopes: (m.scope ?? '').split(' ').filter(Boolean),
    firstParty: row.firstParty,
    disabled: row.disabledAt !== null,
    secretRotatedAt: row.secretRotatedAt.toISOString(),
  };
}
