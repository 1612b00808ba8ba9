/** Sessions: create, resolve from the cookie token, list, revoke, log out everywhere. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newCookieToken } from '../../platform/http/session-cookie.ts';
import * as accounts from './account.repo.ts';
import type { AccountWithSecrets, Origin, Session, SessionStage } from './account.types.ts';
import { appendAudit } from './audit.repo.ts';
import type { IdentityDeps } from './identity-deps.types.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as sessions from './session.repo.ts';

/** A session ends after 12 hours without activity; a password step left half-done after 10 minutes. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
const SECOND_FACTOR_MS = 10 * 60_000;
/** last_seen_at is written at most once a minute per session, not on every page. */
const TOUCH_EVERY_MS = 60_000;

export interface OpenSessionInput {
  accountId: string;
  stage: SessionStage;
  acr: string;
  origin: Origin;
}

async function openSession(deps: IdentityDeps, tx: Kysely<IdentityTables>, input: OpenSessionInput): Promise<{ token: string; id: string }> {
  const token = newCookieToken();
  const id = randomUUID();
  const now = deps.now();
  const ttl = input.stage === 'active' ? SESSION_IDLE_MS : SECOND_FACTOR_MS;
  await sessions.insertSession(tx, {
    id,
    tokenHash: deps.digest('session', token),
    accountId: input.accountId,
    stage: input.stage,
    acr: input.acr,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent?.slice(0, 400) ?? null,
    now,
    expiresAt: new Date(now.getTime() + ttl),
  });
  return { token, id };
}

export function createSessionService(deps: IdentityDeps) {
  const tokenHash = (token: string) => deps.digest('session', token);
  return {
    /** Opens a session inside `tx`; returns the cookie token (only its digest is stored). */
    open: (tx: Kysely<IdentityTables>, input: OpenSessionInput) => openSession(deps, tx, input),

    /** The live session and its account for a cookie token, or null. Slides the idle expiry. */
    async resolve(token: string): Promise<{ session: Session; account: AccountWithSecrets } | null> {
      const now = deps.now();
      const session = await sessions.findLiveSession(deps.db, tokenHash(token), now);
      if (!session) return null;
      const account = await accounts.findAccount(deps.db, session.accountId);
      if (!account || account.status !== 'active') return null;
      if (session.stage === 'active' && now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await sessions.touchSession(deps.db, session.id, now, new Date(now.getTime() + SESSION_IDLE_MS));
      }
      return { session, account };
    },

    list(accountId: string): Promise<Session[]> {
      return sessions.listLiveSessions(deps.db, accountId, deps.now());
    },

    /** Revokes one of the account's sessions (no effect on another account's). */
    async revoke(accountId: string, sessionId: string, origin: Origin): Promise<boolean> {
      return deps.db.transaction().execute(async (tx) => {
        const revoked = await sessions.revokeSessions(tx, accountId, deps.now(), { id: sessionId });
        if (revoked.length > 0) await appendAudit(tx, { action: 'session.revoked', accountId, origin, details: { sessionId } });
        return revoked.length > 0;
      });
    },

    /** Ends every session of the account ("log out everywhere"). */
    async revokeAll(accountId: string, origin: Origin, reason = 'logout_everywhere'): Promise<number> {
      return deps.db.transaction().execute(async (tx) => {
        const revoked = await sessions.revokeSessions(tx, accountId, deps.now());
        await appendAudit(tx, { action: 'session.revoked_all', accountId, origin, details: { count: revoked.length, reason } });
        return revoked.length;
      });
    },

    /** Ends the current session (POST /dang-xuat). */
    async logout(session: Session, origin: Origin): Promise<void> {
      await deps.db.transaction().execute(async (tx) => {
        await sessions.revokeSessions(tx, session.accountId, deps.now(), { id: session.id });
        await appendAudit(tx, { action: 'logout', accountId: session.accountId, origin, details: { sessionId: session.id } });
      });
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
