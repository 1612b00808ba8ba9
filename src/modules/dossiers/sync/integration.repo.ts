/** SQL of dossier_integration: which agencies an agency system syncs for, and its webhook. */
import { sql, type Selectable } from 'kysely';
import type { SyncDb } from './sync-batch.repo.ts';
import type { DossierIntegrationTable } from './sync.tables.ts';
import type { Integration, WebhookEvent } from './sync.types.ts';

export type IntegrationRow = Selectable<DossierIntegrationTable>;

export function toIntegration(row: IntegrationRow): Integration & { name: string } {
  return {
    clientId: row.client_id,
    name: row.name,
    agencyCodes: row.agency_codes,
    webhookUrl: row.webhook_url,
    events: row.events as WebhookEvent[],
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
  };
}

export async function findIntegration(db: SyncDb, clientId: string): Promise<IntegrationRow | undefined> {
  return db.selectFrom('dossier_integration').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function listIntegrations(db: SyncDb): Promise<IntegrationRow[]> {
  return db.selectFrom('dossier_integration').selectAll().orderBy('created_at').execute();
}

/** Creates or replaces the integration of a client (its sealed webhook secret is kept unless a new one is given). */
export async function upsertIntegration(
  db: SyncDb,
  row: { clientId: string; name: string; agencyCodes: string[]; webhookUrl: string | null; sealedSecret: string | null; events: string[]; now: Date },
): Promise<IntegrationRow> {
  return db
    .insertInto('dossier_integration')
    .values({
      client_id: row.clientId,
      name: row.name,
      agency_codes: row.agencyCodes,
      webhook_url: row.webhookUrl,
      webhook_secret: row.sealedSecret,
      events: row.events,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) =>
      oc.column('client_id').doUpdateSet({
        name: row.name,
        agency_codes: row.agencyCodes,
        webhook_url: row.webhookUrl,
        webhook_secret: row.sealedSecret,
        events: row.events,
        enabled: true,
        updated_at: row.now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setIntegrationEnabled(db: SyncDb, clientId: string, enabled: boolean, now: Date): Promise<boolean> {
  const result = await db.updateTable('dossier_integration').set({ enabled, updated_at: now }).where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Enabled integrations with a webhook that want `eventType` for `agencyCode`. */
export async function findWebhookTargets(db: SyncDb, agencyCode: string, eventType: string): Promise<Array<{ clientId: string }>> {
  const { rows } = await sql<{ client_id: string }>`
    SELECT client_id FROM dossier_integration
    WHERE enabled AND webhook_url IS NOT NULL AND agency_codes @> ARRAY[${agencyCode}]::text[] AND events @> ARRAY[${eventType}]::text[]
    ORDER BY client_id`.execute(db);
  return rows.map((r) => ({ clientId: r.client_id }));
}
