import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { ROOT_DIR } from '../../config/env.ts';

// The command an operator types, against a real database given by DATABASE_URL.
const BIN = path.join(ROOT_DIR, 'bin/opendvc.js');
let database: TestDatabase;
let agencyCode: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const { rows } = await database.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 1');
  agencyCode = rows[0]!.code;
});
afterAll(async () => {
  await database?.drop();
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'account', ...args], {
      cwd: ROOT_DIR,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('opendvc account add', () => {
  it('creates an official with roles and prints it without secrets', async () => {
    const res = await run(['add', '--type', 'official', '--email', 'Tiep.Nhan@Example.vn', '--password', 'mot cua lien thong 1', '--agency', agencyCode, '--role', 'intake_officer,approver', '--id-number', '001190123456']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const account = JSON.parse(res.stdout);
    expect(account).toMatchObject({ type: 'official', status: 'active', email: 'tiep.nhan@example.vn', idNumber: '001190123456', twoFactor: false });
    expect(account.roles).toEqual([
      { agencyCode, role: 'approver' },
      { agencyCode, role: 'intake_officer' },
    ]);
    expect(res.stdout).not.toMatch(/argon2|password|totp_secret/i);
    const { rows } = await database.pool.query("SELECT action FROM identity_audit WHERE account_id = $1 ORDER BY id", [account.id]);
    expect(rows.map((r) => r.action)).toEqual(['account.created', 'role.granted']);
  }, 60_000);

  it.each([
    [['add', '--type', 'official', '--email', 'a@example.vn', '--password', 'mot cua lien thong 1', '--agency', 'NO-SUCH', '--role', 'approver'], /unknown agency "NO-SUCH"/],
    [['add', '--type', 'citizen', '--email', 'b@example.vn', '--password', 'short'], /--password is too weak/],
    [['add', '--type', 'citizen', '--email', 'c@example.vn', '--password', 'mot cua lien thong 1', '--id-number', '12345'], /--id-number "12345" is not a valid/],
    [['add', '--type', 'citizen', '--email', 'd@example.vn', '--password', 'mot cua lien thong 1', '--phone', '0201234567'], /not a Vietnamese mobile number/],
    [['add', '--type', 'official', '--email', 'e@example.vn', '--password', 'mot cua lien thong 1', '--agency', 'X', '--role', 'boss'], /unknown role "boss"/],
    [['add', '--type', 'robot', '--email', 'f@example.vn', '--password', 'mot cua lien thong 1'], /--type must be/],
    [['add', '--email', 'g@example.vn', '--bogus'], /bogus/],
    [['remove'], /unknown account command/],
  ])('refuses bad input %#', async (args, message) => {
    const res = await run(args as string[]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  }, 60_000);
});
