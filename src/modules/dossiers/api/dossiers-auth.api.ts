/**
 * Who calls the dossier API: a person, through an app holding an access token that OpenDVC's own
 * OpenID provider issued for them (authorization code + PKCE, resource urn:opendvc:api, scope
 * api:dossiers). The token is checked locally; the account behind it must still be an active applicant.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import type { Account } from '../../identity/index.ts';
import type { ActionService } from '../core/dossier-action.service.ts';
import { applicantOf, type DossierActor } from '../core/dossier-actor.ts';
import type { ApplicantProfile, ServicePort } from '../core/dossier-deps.ts';
import type { DraftService } from '../core/dossier-draft.service.ts';
import type { QueryService } from '../core/dossier-query.service.ts';
import type { createRatingService } from '../core/dossier-rating.service.ts';

/** The scope an app's token needs for a person's dossiers. */
export const DOSSIERS_SCOPE = 'api:dossiers';

export type ApplicantActor = Extract<DossierActor, { kind: 'applicant' }>;

/** What the API needs from identity and documents (wired in app.ts). */
export interface DossierApiPorts {
  /** identity's bearer check (`oidc.verifyApiToken`). @throws IDENTITY_TOKEN_MISSING, IDENTITY_TOKEN_INVALID, IDENTITY_TOKEN_SCOPE */
  verifyToken(authorization: string | undefined, requiredScope: string | null): Promise<{ clientId: string; scopes: string[]; accountId?: string }>;
  /** identity's account lookup. */
  findAccount(accountId: string): Promise<Account | null>;
  /** documents' multipart reader: files checked by content and stored for the account. */
  readUpload(
    request: FastifyRequest,
    options: { ownerAccountId: string | null; maxFiles?: number },
  ): Promise<{
    fields: Record<string, string | string[]>;
    files: ReadonlyArray<{ field: string; file: { id: string; originalName: string; mediaType: string; sizeBytes: number } }>;
    problems: ReadonlyArray<{ code: string; field: string; fileName: string | null }>;
  }>;
  /** The portal's public address, for the tracking link printed on the receipt. */
  publicUrl?: string;
  /** Successful public look-ups allowed per client address and minute (LOOKUP_RATE_PER_MINUTE). */
  lookupPerMinute?: number;
}

/** What the API routes call: the dossier core and the ports above. */
export interface DossierApiDeps {
  drafts: DraftService;
  actions: ActionService;
  queries: QueryService;
  ratings: ReturnType<typeof createRatingService>;
  /** The service configuration as the core sees it (`services` of the module): checks answers, names documents. */
  services: Pick<ServicePort, 'byId' | 'validateAnswers'>;
  ports: DossierApiPorts;
}

export interface ApiApplicant {
  actor: ApplicantActor;
  profile: ApplicantProfile;
  clientId: string;
}

/**
 * The person behind the request's bearer token. A token of an agency system (no person), of a
 * disabled account or of an official answers 403: this API is the applicant's.
 * @throws IDENTITY_TOKEN_MISSING, IDENTITY_TOKEN_INVALID (401), IDENTITY_TOKEN_SCOPE, DOSSIER_FORBIDDEN (403)
 */
export async function authenticateApplicant(ports: DossierApiPorts, request: FastifyRequest): Promise<ApiApplicant> {
  const caller = await ports.verifyToken(request.headers.authorization, DOSSIERS_SCOPE);
  if (!caller.accountId) throw new AppError('IDENTITY_TOKEN_SCOPE', 'this API needs a token issued for a person (authorization code flow)');
  const account = await ports.findAccount(caller.accountId);
  // A token outlives nothing it was issued for: a disabled or removed account is refused at once.
  if (!account || account.status !== 'active') throw new AppError('IDENTITY_TOKEN_INVALID', 'the account of this token is not active');
  if (account.type === 'official') throw new AppError('DOSSIER_FORBIDDEN', 'officials work on dossiers in the back office');
  return { clientId: caller.clientId, ...applicantOf(account as Account & { type: 'citizen' | 'business' | 'organisation' }) };
}

/** The problem's `errors` as the API gives them: one entry per field, with a stable code and a message in the caller's language. */
export interface ApiFieldProblem {
  path: string;
  code?: string;
  message: string;
}

/**
 * Core errors carry field problems as `{ field, code, message: { vi, en } }` or zod issues; the API
 * answers `{ path, code, message }` in the request's language, and the dossier's state as
 * `dossierStatus`. Other errors pass through unchanged.
 */
export function toApiError(err: unknown, locale: 'vi' | 'en'): unknown {
  if (!isAppError(err)) return err;
  const extra = err.extra as { errors?: unknown; issues?: unknown; status?: unknown };
  // The core names the dossier's state `status`, which would replace the problem's HTTP status.
  if (typeof extra.status === 'string') {
    const { status, ...others } = extra;
    return toApiError(new AppError(err.code, err.detail, { ...others, dossierStatus: status }), locale);
  }
  let errors: ApiFieldProblem[] | null = null;
  if (Array.isArray(extra.errors)) {
    errors = extra.errors.map((e: { field?: string; path?: string; code?: string; message?: unknown }) => ({
      path: String(e.field ?? e.path ?? ''),
      ...(e.code ? { code: String(e.code) } : {}),
      message: typeof e.message === 'string' ? e.message : String((e.message as Record<string, string> | undefined)?.[locale] ?? ''),
    }));
  } else if (Array.isArray(extra.issues)) {
    errors = extra.issues.map((i: { path?: unknown[]; code?: string; message?: string }) => ({
      path: (i.path ?? []).map(String).join('.'),
      ...(i.code ? { code: String(i.code) } : {}),
      message: String(i.message ?? ''),
    }));
  }
  if (!errors) return err;
  const { errors: _e, issues: _i, ...rest } = extra;
  return new AppError(err.code, err.detail, { ...rest, errors });
}

/** Runs a handler, turning core errors into the API's problem shape. */
export async function answer<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toApiError(err, request.locale);
  }
}
