/**
 * Who may open the back office: a signed-in official whose session passed two-step verification
 * (identity keeps an official's session at the second-factor stage until the TOTP code is given).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, agenciesWhere, type Action } from '../../../identity/index.ts';
import type { DossierActor } from '../../core/dossier-actor.ts';

export type OfficialActor = Extract<DossierActor, { kind: 'official' }>;

/**
 * The official acting on this request, or null after answering: a visitor goes to the login page
 * (and back here afterwards), a signed-in non-official gets a 403 page.
 */
export function requireOfficial(request: FastifyRequest, reply: FastifyReply): OfficialActor | null {
  const current = request.identity;
  if (!current || current.session.stage !== 'active') {
    void reply.redirect(`/dang-nhap?next=${encodeURIComponent(request.method === 'GET' ? request.url : '/can-bo/ho-so')}`, 303);
    return null;
  }
  const account = current.account;
  const actor = actorOf(account);
  if (actor.kind !== 'official' || actor.grants.length === 0) {
    void reply.code(403).page('dossiers/web/back-office/partials/officials-only.njk', {});
    return null;
  }
  return { ...actor, name: account.fullName || account.email || account.phone || account.id };
}

/** Agencies where the official may do `action`, in code order. */
export function agenciesFor(actor: OfficialActor, action: Action): string[] {
  return agenciesWhere(actor, action).sort();
}
