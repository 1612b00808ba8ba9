import { afterAll, beforeAll, it } from 'vitest';
import { twoAgencies, PROCEDURE } from '../../../../test/support/dossier-fixtures.ts';
import { startTestPortal } from '../../../../test/support/portal.ts';
import { buildStatusBatches, seedSyncedDossiers } from './sync-bench.data.ts';

let portal: Awaited<ReturnType<typeof startTestPortal>>;
beforeAll(async () => { portal = await startTestPortal(); });
afterAll(async () => portal?.close());

it('measures', async () => {
  const [agency] = await twoAgencies(portal.app);
  const reg = await portal.app.oidc.clients.register({ name: 'bench', grants: ['client_credentials'], scopes: ['api:sync'] });
  await portal.app.modules.dossiers.sync.integrations.add({ clientId: reg.clientId, agencyCodes: [agency!] });
  const client = { clientId: reg.clientId, name: 'bench', agencyCodes: [agency!] };
  let t0 = Date.now();
  const codes = await seedSyncedDossiers(portal.app.modules.dossiers.sync.ingest, client, { count: 5000, agencyCode: agency!, procedureCode: PROCEDURE });
  console.log(`seed: 5000 created in ${Date.now() - t0} ms → ${Math.round(5000 / ((Date.now() - t0) / 1000))}/s`);
  const direct = buildStatusBatches(codes, 5000, { runId: 'd' });
  t0 = Date.now();
  for (const b of direct) await portal.app.modules.dossiers.sync.ingest.ingest(client, b.events);
  console.log(`service, sequential: 5000 in ${Date.now() - t0} ms → ${Math.round(5000 / ((Date.now() - t0) / 1000))}/s`);
  const discovery = await (await fetch(`${portal.app.oidc.issuer}/.well-known/openid-configuration`)).json() as { token_endpoint: string };
  const tok = await (await fetch(discovery.token_endpoint, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${reg.clientId}:${reg.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api:sync' }) })).json() as { access_token: string };
  for (const concurrency of [] as number[]) {
    const batches = buildStatusBatches(codes, 60000, { runId: `h${concurrency}`, start: new Date(Date.UTC(2026, 2 + concurrency, 1)) }).map((b) => JSON.stringify(b));
    let next = 0; let accepted = 0;
    t0 = Date.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const body = batches[next++]!;
        const r = await fetch(`${portal.base}/api/v1/sync/dossier-events`, { method: 'POST', headers: { authorization: `Bearer ${tok.access_token}`, 'content-type': 'application/json' }, body });
        const j = await r.json() as { accepted: number };
        accepted += j.accepted;
      }
    }));
    const ms = Date.now() - t0;
    console.log(`http, concurrency ${concurrency}: 60000 (${accepted} accepted) in ${ms} ms → ${Math.round(60000 / (ms / 1000))}/s`);
  }
}, 600_000);
