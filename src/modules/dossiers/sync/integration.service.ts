/**
 * Integrations: an agency system (an OIDC client with client_credentials and the api:sync scope) may
 * sync dossiers of the agencies listed here, and receives portal events of those agencies on its
 * webhook. The webhook secret is shown once and kept sealed.
 * Throws DOSSIER_SYNC_INTEGRATION_INVALID, DOSSIER_SYNC_INTEGRATION_NOT_FOUND.
 */
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findIntegration, listIntegrations, setIntegrationEnabled, toIntegration, upsertIntegration } from './integration.repo.ts';
import type { SyncDb } from './sync-batch.repo.ts';
import type { SyncClient } from './sync-ingest.service.ts';
import { SYNC_SCOPE, WEBHOOK_EVENTS, type Integration, type WebhookEvent } from './sync.types.ts';

/** The OIDC client registry as integrations need it (identity's OidcClientService fits). */
export interface ClientDirectory {
  find(clientId: string): Promise<{ name: string; grants: string[]; scopes: string[]; disabled: boolean } | undefined>;
}

export interface IntegrationDeps {
  db: SyncDb;
  /** Seals webhook secrets; null when the application secret was not given (no webhooks then). */
  box: SecretBox | null;
  now: () => Date;
  clients?: ClientDirectory;
  agencyExists?: (code: string) => Promise<boolean>;
  /** http:// webhooks on localhost / 127.0.0.1 (development and tests only). */
  allowInsecureWebhooks?: boolean;
}

export interface IntegrationInput {
  clientId: string;
  /** Shown on dossier timelines; default: the OIDC client's name (or the client id without a registry). */
  name?: string;
  agencyCodes: string[];
  webhookUrl?: string | null;
  events?: string[];
  /** A new webhook secret even if the integration has one. */
  rotateSecret?: boolean;
}

const AGENCY_CODE = /^[A-Za-z0-9.\-_]{1,64}$/;

export function createIntegrationService(deps: IntegrationDeps) {
  const invalid = (detail: string) => new AppError('DOSSIER_SYNC_INTEGRATION_INVALID', detail);

  function checkWebhookUrl(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw invalid(`--webhook "${raw}" is not a URL`);
    }
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(deps.allowInsecureWebhooks && local && url.protocol === 'http:')) throw invalid(`the webhook must use https: ${raw}`);
    if (url.username || url.password || url.hash) throw invalid('the webhook URL must not carry credentials or a fragment');
    return url.toString();
  }

  return {
    /**
     * Creates or replaces a client's integration. Returns the webhook secret only when a new one was
     * made (first webhook, or `rotateSecret`): it is never shown again.
     */
    async add(input: IntegrationInput): Promise<{ integration: Integration; webhookSecret: string | null }> {
      const clientId = input.clientId.trim();
      if (!clientId) throw invalid('the client id is required');
      const agencyCodes = [...new Set(input.agencyCodes.map((c) => c.trim()).filter(Boolean))];
      if (agencyCodes.length === 0) throw invalid('at least one agency code is required');
      for (const code of agencyCodes) {
        if (!AGENCY_CODE.test(code) || (deps.agencyExists && !(await deps.agencyExists(code)))) throw invalid(`no agency ${code}`);
      }
      const events = input.events && input.events.length > 0 ? [...new Set(input.events)] : [...WEBHOOK_EVENTS];
      const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
      if (unknown.length > 0) throw invalid(`unknown event(s) ${unknown.join(', ')}; choose from ${WEBHOOK_EVENTS.join(', ')}`);
      let name = input.name?.trim().normalize('NFC') || clientId;
      if (deps.clients) {
        const client = await deps.clients.find(clientId);
        if (!client) throw invalid(`no OIDC client ${clientId} (register it with opendvc oidc-client add --grant client_credentials --scope ${SYNC_SCOPE})`);
        if (client.disabled) throw invalid(`the OIDC client ${clientId} is disabled`);
        if (!client.grants.includes('client_credentials') || !client.scopes.includes(SYNC_SCOPE)) throw invalid(`the OIDC client ${clientId} needs the client_credentials grant and the ${SYNC_SCOPE} scope`);
        if (!input.name?.trim()) name = client.name;
      }
      const webhookUrl = input.webhookUrl ? checkWebhookUrl(input.webhookUrl) : null;
      const existing = await findIntegration(deps.db, clientId);
      let sealedSecret: string | null = null;
      let webhookSecret: string | null = null;
      if (webhookUrl) {
        if (!deps.box) throw invalid('webhooks need the application secret (SESSION_SECRET) to seal their signing secret');
        if (existing?.webhook_secret && !input.rotateSecret) {
          sealedSecret = existing.webhook_secret;
        } else {
          webhookSecret = `whsec_${randomBytes(32).toString('base64url')}`;
          sealedSecret = deps.box.seal(webhookSecret);
        }
      }
      const row = await upsertIntegration(deps.db, { clientId, name, agencyCodes, webhookUrl, sealedSecret, events, now: deps.now() });
      return { integration: toIntegration(row), webhookSecret };
    },

    async list(): Promise<Integration[]> {
      return (await listIntegrations(deps.db)).map(toIntegration);
    },

    async setEnabled(clientId: string, enabled: boolean): Promise<void> {
      if (!(await setIntegrationEnabled(deps.db, clientId, enabled, deps.now()))) throw new AppError('DOSSIER_SYNC_INTEGRATION_NOT_FOUND', `no integration for client ${clientId}`);
    },

    /** The enabled integration of a caller, as the sync API acts for it; null when there is none. */
    async clientOf(clientId: string): Promise<SyncClient | null> {
      const row = await findIntegration(deps.db, clientId);
      return row && row.enabled ? { clientId: row.client_id, name: row.name, agencyCodes: row.agency_codes } : null;
    },

    /** The plain webhook secret of an integration (to sign a delivery); null without a webhook or a box. */
    async webhookOf(clientId: string): Promise<{ url: string; secret: string; events: WebhookEvent[] } | null> {
      const row = await findIntegration(deps.db, clientId);
      if (!row || !row.webhook_url || !row.webhook_secret || !deps.box) return null;
      return { url: row.webhook_url, secret: deps.box.open(row.webhook_secret), events: row.events as WebhookEvent[] };
    },
  };
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
