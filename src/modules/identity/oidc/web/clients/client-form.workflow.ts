/** The "register an application" form: what was typed, kept for redisplay, and the checks, as field errors. Pure. */
import type { FieldError } from '../../../identity-deps.types.ts';
import { API_SCOPES, USER_SCOPES, type ClientRegistration, type UriProblem } from '../../oidc-client.service.ts';

export const CLIENT_KINDS = ['portal', 'system'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface ClientFormValues {
  name: string;
  kind: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  backchannelLogoutUri: string;
  scopes: string[];
  firstParty: boolean;
}

/** The form's fields from a urlencoded body (a checkbox group comes as a string or an array). */
export function readClientForm(body: unknown): ClientFormValues {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => {
    const value = fields[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first.normalize('NFC') : '';
  };
  const scopes = ([] as unknown[]).concat(fields.scopes ?? []).filter((s): s is string => typeof s === 'string');
  return {
    name: text('name').trim(),
    kind: text('kind'),
    redirectUris: text('redirectUris'),
    postLogoutRedirectUris: text('postLogoutRedirectUris'),
    backchannelLogoutUri: text('backchannelLogoutUri').trim(),
    scopes,
    firstParty: text('firstParty') === 'yes',
  };
}

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const KEY = 'identity.oidc.clients.errors';

/**
 * Checks the form; a portal (authorization code) needs a redirect URI, an agency system
 * (client_credentials) only gets API scopes. `uriProblem` is the registry's own URI rule.
 */
export function checkClientForm(values: ClientFormValues, uriProblem: (uri: string) => UriProblem | null): { ok: true; registration: ClientRegistration } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!values.name) errors.push({ field: 'name', messageKey: `${KEY}.nameMissing` });
  else if (values.name.length > 200) errors.push({ field: 'name', messageKey: `${KEY}.nameTooLong` });
  const kind = (CLIENT_KINDS as readonly string[]).includes(values.kind) ? (values.kind as ClientKind) : null;
  if (!kind) errors.push({ field: 'kind', messageKey: `${KEY}.kindMissing` });
  const uriField = (field: string, uris: string[]) => {
    const bad = uris.map((u) => ({ u, problem: uriProblem(u) })).find((x) => x.problem);
    if (bad) errors.push({ field, messageKey: `${KEY}.uri.${bad.problem}`, params: { uri: bad.u } });
  };
  const redirectUris = lines(values.redirectUris);
  const postLogout = lines(values.postLogoutRedirectUris);
  const backchannel = values.backchannelLogoutUri;
  if (kind === 'portal' && redirectUris.length === 0) errors.push({ field: 'redirectUris', messageKey: `${KEY}.redirectMissing` });
  uriField('redirectUris', redirectUris);
  uriField('postLogoutRedirectUris', postLogout);
  if (backchannel) uriField('backchannelLogoutUri', [backchannel]);
  const allowed: readonly string[] = kind === 'system' ? API_SCOPES : [...USER_SCOPES, ...API_SCOPES];
  if (values.scopes.some((s) => !allowed.includes(s))) errors.push({ field: 'scopes', messageKey: `${KEY}.scopeUnsuitable` });
  else if (values.scopes.length === 0) errors.push({ field: 'scopes', messageKey: `${KEY}.scopesMissing` });
  else if (kind === 'portal' && !values.scopes.includes('openid')) errors.push({ field: 'scopes', messageKey: `${KEY}.openidMissing` });
  if (errors.length > 0 || !kind) return { ok: false, errors };
  return {
    ok: true,
    registration: {
      name: values.name,
      grants: [kind === 'portal' ? 'authorization_code' : 'client_credentials'],
      redirectUris: kind === 'portal' ? redirectUris : [],
      postLogoutRedirectUris: kind === 'portal' ? postLogout : [],
      ...(kind === 'portal' && backchannel ? { backchannelLogoutUri: backchannel } : {}),
      scopes: values.scopes,
      firstParty: values.firstParty,
    },
  };
}
