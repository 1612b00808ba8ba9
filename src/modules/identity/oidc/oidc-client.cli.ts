import { parseArgs } from 'node:util';
import type { ClientAdminChange, OidcClientService } from './oidc-client.service.ts';

/** Changes made on the operator's command line are audited too; who ran it is the machine's business. */
const CLI_CHANGE: ClientAdminChange = { actorId: null, origin: { ip: 'cli', userAgent: 'opendvc oidc-client' } };

export const OIDC_CLIENT_USAGE = `  oidc-client add --name <name> (--redirect-uri <uri>)… [--post-logout-redirect-uri <uri>]…
                    [--backchannel-logout-uri <uri>] [--grant client_credentials] [--scope <scope>]… [--first-party]
  oidc-client rotate-secret <client_id> | disable <client_id> | enable <client_id> | list
`;

/** `opendvc oidc-client …` for operators: prints JSON, or throws an Error with a readable message. */
export async function runOidcClientCommand(args: string[], clients: OidcClientService): Promise<string> {
  const [action, ...rest] = args;
  switch (action) {
    case 'add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          'redirect-uri': { type: 'string', multiple: true },
          'post-logout-redirect-uri': { type: 'string', multiple: true },
          'backchannel-logout-uri': { type: 'string' },
          grant: { type: 'string', multiple: true },
          scope: { type: 'string', multiple: true },
          'first-party': { type: 'boolean', default: false },
        },
      });
      if (!values.name) throw new Error('--name is required');
      const grants = (values.grant ?? []).map((g) => {
        if (g !== 'client_credentials' && g !== 'authorization_code') throw new Error(`--grant must be client_credentials or authorization_code, not "${g}"`);
        return g;
      });
      const created = await clients.register({
        name: values.name,
        redirectUris: values['redirect-uri'],
        postLogoutRedirectUris: values['post-logout-redirect-uri'],
        backchannelLogoutUri: values['backchannel-logout-uri'],
        grants,
        scopes: (values.scope ?? []).flatMap((s) => s.split(/[ ,]+/)).filter(Boolean),
        firstParty: values['first-party'],
      }, CLI_CHANGE);
      return JSON.stringify({ client_id: created.clientId, client_secret: created.clientSecret }, null, 2);
    }
    case 'rotate-secret': {
      const created = await clients.rotateSecret(requireId(rest), CLI_CHANGE);
      return JSON.stringify({ client_id: created.clientId, client_secret: created.clientSecret }, null, 2);
    }
    case 'disable':
    case 'enable': {
      const id = requireId(rest);
      await clients.setDisabled(id, action === 'disable', CLI_CHANGE);
      return JSON.stringify({ client_id: id, disabled: action === 'disable' });
    }
    case 'list':
      return JSON.stringify(await clients.list(), null, 2);
    default:
      throw new Error(`Usage:\n${OIDC_CLIENT_USAGE}`);
  }
}

function requireId(rest: string[]): string {
  const id = rest[0];
  if (!id) throw new Error('the client_id is required');
  return id;
}
