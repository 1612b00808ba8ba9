/**
 * One-time codes: issued inside the caller's transaction with the event that delivers them
 * (identity.verification_code_issued; the notifications module sends it), checked with few
 * attempts. A decoy (no account) stores a code nobody knows and sends nothing, so a page answers
 * the same for a registered and an unknown address.
 */
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { publishEvent } from '../../platform/events/events.ts';
import type { CodePurpose } from './account.types.ts';
import { phoneToE164, type Contact } from './contact.workflow.ts';
import type { IdentityTables } from './identity.tables.ts';
import { CODE_RULES, formatCode, mayIssueCode } from './throttle.workflow.ts';
import * as codes from './verification-code.repo.ts';

type Db = Kysely<IdentityTables>;

export interface CodeDeps {
  now: () => Date;
  digest: (purpose: string, value: string) => Buffer;
}

export type IssueResult = { issued: true; flowId: string } | { issued: false; retryAfterSeconds: number };

/** Issues a code to `contact` (or a decoy when `accountId` is null). Honors the resend throttle. */
export async function issueCode(
  tx: Db,
  deps: CodeDeps,
  input: { purpose: CodePurpose; contact: Contact; accountId: string | null; locale: 'vi' | 'en' },
): Promise<IssueResult> {
  const now = deps.now();
  const recent = await codes.recentCodeTimes(tx, input.contact.value, input.purpose, new Date(now.getTime() - 3_600_000));
  const verdict = mayIssueCode(recent, now);
  if (!verdict.allowed) return { issued: false, retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000) };
  const id = randomUUID();
  const code = formatCode(randomInt(0, 1_000_000));
  const expiresAt = new Date(now.getTime() + CODE_RULES.ttlMs);
  await codes.insertCode(tx, {
    id,
    purpose: input.purpose,
    channel: input.contact.channel,
    destination: input.contact.value,
    accountId: input.accountId,
    codeHash: deps.digest('code', `${id}:${code}`),
    expiresAt,
    createdAt: now,
  });
  if (input.accountId !== null) {
    await publishEvent(tx, 'identity.verification_code_issued', {
      channel: input.contact.channel,
      to: input.contact.channel === 'sms' ? phoneToE164(input.contact.value) : input.contact.value,
      code,
      purpose: input.purpose,
      locale: input.locale,
      expiresAt: expiresAt.toISOString(),
    });
  }
  return { issued: true, flowId: id };
}

export type CodeCheck = { ok: true; accountId: string; destination: string; channel: 'email' | 'sms' } | { ok: false; problem: 'wrong' | 'expired' | 'used' | 'tooMany' };

/** Checks a code of a flow; spends it on success. Each wrong entry counts, whatever the outcome. */
export async function checkCode(tx: Db, deps: CodeDeps, flowId: string, purpose: CodePurpose, entered: string): Promise<CodeCheck> {
  const stored = await codes.findCodeForUpdate(tx, flowId);
  if (!stored || stored.purpose !== purpose) return { ok: false, problem: 'expired' };
  if (stored.consumedAt) return { ok: false, problem: 'used' };
  if (stored.expiresAt <= deps.now()) return { ok: false, problem: 'expired' };
  if (stored.attempts >= CODE_RULES.maxAttempts) return { ok: false, problem: 'tooMany' };
  const given = deps.digest('code', `${flowId}:${entered}`);
  const matches = /^\d{6}$/.test(entered) && timingSafeEqual(given, stored.codeHash);
  if (!matches || stored.accountId === null) {
    await codes.countAttempt(tx, flowId);
    return { ok: false, problem: stored.attempts + 1 >= CODE_RULES.maxAttempts ? 'tooMany' : 'wrong' };
  }
  await codes.consumeCode(tx, flowId, deps.now());
  return { ok: true, accountId: stored.accountId, destination: stored.destination, channel: stored.channel };
}

/** The address and purpose of a flow, to send a fresh code to the same place. */
export async function findFlow(tx: Db, flowId: string) {
  return codes.findCodeForUpdate(tx, flowId);
}
