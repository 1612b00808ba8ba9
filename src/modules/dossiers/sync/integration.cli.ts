import { parseArgs } from 'node:util';
import type { IntegrationService } from './integration.service.ts';
import type { WebhookService } from './webhook.service.ts';

export const INTEGRATION_USAGE = `  integration add --client <client_id> --agency <code>[,<code>…] [--name <shown name>] [--webhook <https url>] [--events <type>[,<type>…]] [--rotate-secret]
                    lets an agency system (an oidc-client with client_credentials and api:sync) sync dossiers of
                    those agencies; prints the webhook signing secret once
  integration list | disable <client_id> | enable <client_id>
  integration deliveries [--client <client_id>] [--status pending|sending|delivered|dead] [--limit N]
  integration replay --delivery <id> | --dead [--client <client_id>]
`;

/** `opendvc integration …` for operators: prints JSON, or throws an Error with a readable message. */
export async function runIntegrationCommand(args: readonly string[], deps: { integrations: IntegrationService; webhooks: WebhookService }): Promise<string> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          client: { type: 'string' },
          name: { type: 'string' },
          agency: { type: 'string', multiple: true },
          webhook: { type: 'string' },
          events: { type: 'string', multiple: true },
          'rotate-secret': { type: 'boolean', default: false },
        },
      });
      if (!values.client) throw new Error('--client is required');
      const list = (v: string[] | undefined) => (v ?? []).flatMap((s) => s.split(/[ ,]+/)).filter(Boolean);
      const { integration, webhookSecret } = await deps.integrations.add({
        clientId: values.client,
        name: values.name,
        agencyCodes: list(values.agency),
        webhookUrl: values.webhook ?? null,
        events: list(values.events),
        rotateSecret: values['rotate-secret'],
      });
      return JSON.stringify({ ...integration, ...(webhookSecret ? { webhookSecret } : {}) }, null, 2);
    }
    case 'list':
      return JSON.stringify(await deps.integrations.list(), null, 2);
    case 'disable':
    case 'enable': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { client: { type: 'string' } } });
      const clientId = values.client ?? positionals[0];
      if (!clientId) throw new Error('the client_id is required');
      await deps.integrations.setEnabled(clientId, action === 'enable');
      return JSON.stringify({ clientId, enabled: action === 'enable' });
    }
    case 'deliveries': {
      const { values } = parseArgs({ args: rest, options: { client: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } } });
      const status = values.status as 'pending' | 'sending' | 'delivered' | 'dead' | undefined;
      if (status && !['pending', 'sending', 'delivered', 'dead'].includes(status)) throw new Error('--status must be pending, sending, delivered or dead');
      const limit = values.limit ? Number(values.limit) : 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error('--limit must be a whole number from 1 to 1000');
      return JSON.stringify(await deps.webhooks.list({ clientId: values.client, status, limit }), null, 2);
    }
    case 'replay': {
      const { values } = parseArgs({ args: rest, options: { delivery: { type: 'string' }, dead: { type: 'boolean', default: false }, client: { type: 'string' } } });
      if (values.delivery && !values.dead) return JSON.stringify(await deps.webhooks.replay(values.delivery, values.client), null, 2);
      if (values.dead && !values.delivery) {
        const replayed = await deps.webhooks.replayDead(values.client);
        return JSON.stringify({ replayed: replayed.length, deliveries: replayed.map((d) => d.id) }, null, 2);
      }
      throw new Error('replay needs --delivery <id> or --dead');
    }
    default:
      throw new Error(`Usage:\n${INTEGRATION_USAGE}`);
  }
}
