import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { EID_ASSURANCE_LEVELS, isEidAssuranceLevel, type EidAssuranceLevel } from '../eid-assurance.workflow.ts';
import { EID_DEV_PASSWORD, findEidDevCitizen } from './eid-dev.citizens.ts';
import { renderConsentPage, renderErrorPage, renderLoginPage, type LoginFormState } from './eid-dev.pages.ts';

const MAX_FORM_BYTES = 16 * 1024;
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The reference provider's login and consent steps. Returns false when the request is not one of
 * its routes (the caller hands it to oidc-provider).
 */
export async function handleInteraction(provider: Provider, logger: Logger, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
  if (!match) return false;
  const action = match[2] ?? 'show';
  if ((action === 'show') !== (req.method === 'GET') || (req.method !== 'GET' && req.method !== 'POST')) {
    sendPage(res, 405, renderErrorPage('method_not_allowed'));
    return true;
  }
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    logger.info({ err }, 'e-ID dev: interaction not found or expired');
    sendPage(res, 400, renderErrorPage('invalid_request', 'Phiên đăng nhập không còn hiệu lực.'));
    return true;
  }
  if (details.uid !== match[1]) {
    sendPage(res, 400, renderErrorPage('invalid_request', 'Phiên đăng nhập không khớp.'));
    return true;
  }
  const client = await provider.Client.find(String(details.params.client_id));
  const clientName = client?.clientName ?? String(details.params.client_id);
  const requested = requestedLevel(details.params.acr_values);
  const prompt = details.prompt.name;

  if (action === 'show') {
    const html = prompt === 'login' ? renderLoginPage(details.uid, clientName, requested) : renderConsentPage(details.uid, clientName, scopesOf(details));
    sendPage(res, 200, html);
  } else if (action === 'abort') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the citizen cancelled at the e-ID' }, { mergeWithLastSubmission: false });
  } else if (action === 'login' && prompt === 'login') {
    const form = await readForm(req);
    const state: LoginFormState = { citizen: form.get('citizen') ?? undefined, level: form.get('level') ?? undefined, errors: validateLogin(form) };
    if (Object.keys(state.errors ?? {}).length > 0) {
      sendPage(res, 400, renderLoginPage(details.uid, clientName, requested, state));
      return true;
    }
    const login = { accountId: state.citizen!, acr: state.level!, amr: ['pwd'] };
    await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  } else if (action === 'confirm' && prompt === 'consent') {
    const grantId = await saveGrant(provider, details);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  } else {
    sendPage(res, 400, renderErrorPage('invalid_request', 'Bước đăng nhập không đúng thứ tự.'));
  }
  return true;
}

function validateLogin(form: URLSearchParams): NonNullable<LoginFormState['errors']> {
  const errors: Record<string, string> = {};
  if (!findEidDevCitizen(form.get('citizen') ?? '')) errors.citizen = 'Chọn một công dân thử nghiệm';
  if (form.get('password') !== EID_DEV_PASSWORD) errors.password = 'Mật khẩu không đúng; hãy nhập mật khẩu thử nghiệm ghi bên dưới';
  if (!isEidAssuranceLevel(form.get('level'))) errors.level = 'Chọn mức độ định danh';
  return errors;
}

/** The strongest level the service asked for in `acr_values`, level 1 when it asked for none we know. */
function requestedLevel(acrValues: unknown): EidAssuranceLevel {
  const asked = typeof acrValues === 'string' ? acrValues.split(' ') : [];
  return [...EID_ASSURANCE_LEVELS].reverse().find((l) => asked.includes(l)) ?? EID_ASSURANCE_LEVELS[0];
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

function scopesOf(details: Details): string[] {
  return String(details.params.scope ?? 'openid').split(' ').filter(Boolean);
}

async function saveGrant(provider: Provider, details: Details): Promise<string> {
  const { prompt, params, session, grantId } = details;
  const grant = (grantId ? await provider.Grant.find(grantId) : undefined) ?? new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
  const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}
