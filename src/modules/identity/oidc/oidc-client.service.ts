import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Origin } from '../account.types.ts';
import { appendAudit } from '../audit.repo.ts';
import type { IdentityTables } from '../identity.tables.ts';
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
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  scopes: string[];
  firstParty: boolean;
  disabled: boolean;
  secretRotatedAt: string;
}

/** Who made an admin change and from where (the audit trail); absent for internal callers such as tests. */
export interface ClientAdminChange {
  /** The system admin's account; null for the command line. */
  readonly actorId: string | null;
  readonly origin: Origin;
}

export type UriProblem = 'not_url' | 'not_https' | 'fragment';

/** The registry of relying parties and agency systems. Throws IDENTITY_OIDC_CLIENT_INVALID / _NOT_FOUND. */
export function createOidcClientService(deps: { db: Kysely<OidcTables>; box: SecretBox; allowInsecureLocalhost: boolean }) {
  const uriProblem = (uri: string): UriProblem | null => {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return 'not_url';
    }
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(deps.allowInsecureLocalhost && local && url.protocol === 'http:')) return 'not_https';
    return url.hash ? 'fragment' : null;
  };
  const checkUri = (uri: string, what: string) => {
    const problem = uriProblem(uri);
    if (problem === 'not_url') throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', `${what} "${uri}" is not a URL`);
    if (problem === 'not_https') throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', `${what} must use https: ${uri}`);
    if (problem === 'fragment') throw new AppError('IDENTITY_OIDC_CLIENT_INVALID', `${what} must not have a fragment: ${uri}`);
    return new URL(uri).toString();
  };
  /** One transaction for the change and its audit row (admin changes are always audited). */
  const change = <T>(by: ClientAdminChange | undefined, action: string, clientId: () => string, work: (tx: Kysely<OidcTables>) => Promise<T>): Promise<T> =>
    deps.db.transaction().execute(async (tx) => {
      const result = await work(tx);
      if (by) {
        await appendAudit(tx as unknown as Kysely<IdentityTables>, { action, actorId: by.actorId, origin: by.origin, details: { clientId: clientId() } });
      }
      return result;
    });

  return {
    /** Whether a URI may be registered (https, or http on localhost outside production; no fragment). */
    uriProblem,

    /** Registers a client and returns its id and secret (shown once). Audited as `oidc_client.registered` when `by` is given. */
    async register(input: ClientRegistration, by?: ClientAdminChange): Promise<{ clientId: string; clientSecret: string }> {
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
      await change(by, 'oidc_client.registered', () => clientId, (tx) =>
        insertClient(tx, { clientId, name, secretSealed: deps.box.seal(clientSecret), metadata, firstParty: input.firstParty ?? false }),
      );
      return { clientId, clientSecret };
    },

    /** A new secret; the old one stops working at once. Audited as `oidc_client.secret_rotated`. */
    async rotateSecret(clientId: string, by?: ClientAdminChange): Promise<{ clientId: string; clientSecret: string }> {
      const clientSecret = randomBytes(32).toString('base64url');
      await change(by, 'oidc_client.secret_rotated', () => clientId, async (tx) => {
        if (!(await updateSecret(tx, clientId, deps.box.seal(clientSecret)))) throw new AppError('IDENTITY_OIDC_CLIENT_NOT_FOUND');
      });
      return { clientId, clientSecret };
    },

    /** Disables or re-enables a client. Audited as `oidc_client.disabled` / `.enabled`. Throws IDENTITY_OIDC_CLIENT_NOT_FOUND. */
    async setDisabled(clientId: string, disabled: boolean, by?: ClientAdminChange): Promise<void> {
      await change(by, disabled ? 'oidc_client.disabled' : 'oidc_client.enabled', () => clientId, async (tx) => {
        if (!(await setDisabled(tx, clientId, disabled))) throw new AppError('IDENTITY_OIDC_CLIENT_NOT_FOUND');
      });
    },

    async find(clientId: string): Promise<ClientView | undefined> {
      const row = await findClient(deps.db, clientId);
      return row ? presentClient(row) : undefined;
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
  const m = row.metadata as { grant_types?: string[]; redirect_uris?: string[]; post_logout_redirect_uris?: string[]; backchannel_logout_uri?: string; scope?: string };
  return {
    clientId: row.clientId,
    name: row.name,
    grants: m.grant_types ?? [],
    redirectUris: m.redirect_uris ?? [],
    postLogoutRedirectUris: m.post_logout_redirect_uris ?? [],
    backchannelLogoutUri: m.backchannel_logout_uri ?? null,
    scopes: (m.scope ?? '').split(' ').filter(Boolean),
    firstParty: row.firstParty,
    disabled: row.disabledAt !== null,
    secretRotatedAt: row.secretRotatedAt.toISOString(),
  };
}
