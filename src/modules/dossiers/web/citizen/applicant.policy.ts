/**
 * Who may use the citizen's dossier pages: a person signed in with an active session, acting as an
 * applicant (citizen, business or organisation account). Officials file dossiers through the back office.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { ApplicantProfile } from '../../core/dossier-deps.ts';
import { applicantOf, type DossierActor } from '../../core/dossier-actor.ts';

export type ApplicantActor = Extract<DossierActor, { kind: 'applicant' }>;

export interface SignedInApplicant {
  actor: ApplicantActor;
  /** The signed-in account's profile, to prefill a new draft (never ask twice). */
  profile: ApplicantProfile;
}

/**
 * The applicant acting on this request, or null after sending a visitor to log in (and back to
 * `next`, by default this page). @throws DOSSIER_FORBIDDEN for an official's account
 */
export function requireApplicant(request: FastifyRequest, reply: FastifyReply, next?: string): SignedInApplicant | null {
  const current = request.identity;
  if (!current || current.session.stage !== 'active') {
    const back = next ?? (request.method === 'GET' ? request.url : '/tai-khoan/ho-so');
    void reply.redirect(`/dang-nhap?next=${encodeURIComponent(back)}`, 303);
    return null;
  }
  const account = current.account;
  if (account.type === 'official') throw new AppError('DOSSIER_FORBIDDEN', 'officials file dossiers through the back office');
  return applicantOf(account as typeof account & { type: 'citizen' | 'business' | 'organisation' });
}
