import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin/opendvc.js');

/** Runs `opendvc due-date …` in a child process with the given time zone. */
async function dueDate(args: string[], tz = 'UTC') {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'due-date', ...args], { env: { ...process.env, TZ: tz } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('opendvc due-date', () => {
  it('prints the worked examples of DOMAIN §6.4 in +07:00, whatever the machine time zone', async () => {
    const cases: Array<[string[], string]> = [
      [['--received', '2025-03-04T10:00:00+07:00', '--value', '3', '--unit', 'working_days'], '2025-03-07T10:00:00+07:00'],
      [['--received', '2025-03-05T17:30', '--value', '1', '--unit', 'working_days', '--channel', 'online'], '2025-03-07T07:00:00+07:00'],
      [['--received', '2025-04-29T02:00:00Z', '--value', '2', '--unit', 'working_days'], '2025-05-06T09:00:00+07:00'],
      [['--received', '2025-03-03T10:00', '--value', '5', '--unit', 'days', '--channel', 'in_person'], '2025-03-10T10:00:00+07:00'],
    ];
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      const results = await Promise.all(cases.map(([args]) => dueDate(args, tz)));
      expect(results.map((r) => r.stdout.trim())).toEqual(cases.map(([, expected]) => expected));
      expect(results.every((r) => r.code === 0 && r.stderr === '')).toBe(true);
    }
  }, 60_000);

  it('explains bad input on stderr and exits with 2', async () => {
    const bad = await dueDate(['--received', 'yesterday', '--value', 'three', '--unit', 'weeks', '--channel', 'fax']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--received "yesterday": must be an ISO 8601 time/);
    expect(bad.stderr).toMatch(/--value "three"/);
    expect(bad.stderr).toMatch(/--unit "weeks"/);
    expect(bad.stderr).toMatch(/--channel "fax"/);
    const missing = await dueDate(['--value', '3']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --received, --unit/);
    const unknown = await dueDate(['--received', '2025-03-04T10:00', '--value', '1', '--unit', 'days', '--speed', 'fast']);
    expect(unknown.stderr).toMatch(/Unknown option '--speed'/);
    const months = await dueDate(['--received', '2025-03-04T10:00', '--value', '1.5', '--unit', 'months']);
    expect(months.stderr).toMatch(/months must be a whole number/);
  }, 60_000);
});
