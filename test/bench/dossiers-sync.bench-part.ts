// Status-sync ingest for dossiers.bench.ts: an agency system's client_credentials token, its integration,
// synced dossiers to move, then batches of status events POSTed to /api/v1/sync/dossier-events.
import autocannon from 'autocannon';
import type { WebApp } from '../../src/app.ts';
import { buildStatusBatches, seedSyncedDossiers } from '../../src/modules/dossiers/sync/sync-bench.data.ts';
import { PROCEDURE } from '../support/dossier-fixtures.ts';

export async function syncBenchmark(app: WebApp, base: string, seconds: number) {
  const agencyCode = (await app.database.db.selectFrom('agency').select('code').where('kind', '=', 'province_pc').orderBy('code').executeTakeFirstOrThrow()).code;
  const registered = await app.oidc.clients.register({ name: 'Hệ thống một cửa tỉnh (bench)', grants: ['client_credentials'], scopes: ['api:sync'] });
  await app.modules.dossiers.sync.integrations.add({ clientId: registered.clientId, agencyCodes: [agencyCode], name: 'bench' });
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(registered.clientId)}:${encodeURIComponent(registered.clientSecret)}`).toString('base64')}`;
  const tokenRes = await fetch(`${base}/oidc/token`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&scope=api%3Async' });
  const token = ((await tokenRes.json()) as { access_token?: string }).access_token;
  if (!token) throw new Error(`no token: ${tokenRes.status}`);

  const runId = Date.now().toString(36);
  const codes = await seedSyncedDossiers(app.modules.dossiers.sync.ingest, { clientId: registered.clientId, name: 'bench', agencyCodes: [agencyCode] }, { count: 10_000, agencyCode, procedureCode: PROCEDURE, runId });
  const batchSize = 1_000;
  const batches = buildStatusBatches(codes, Math.max(200_000, seconds * 40_000), { batchSize, runId }).map((b) => JSON.stringify(b));
  let next = 0;
  const connections = 4;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/sync/dossier-events',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: batches[next++ % batches.length]! }),
      },
    ],
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} batches refused`);
  const sent = result.requests.total;
  if (sent > batches.length) console.log(`(ran out of fresh batches: ${sent - batches.length} repeated batches answered as duplicates)`);
  return { eventsPerSecond: Math.round((Math.min(sent, batches.length) * batchSize) / seconds), batches: sent, batchSize, connections, p99: result.latency.p99 };
}
