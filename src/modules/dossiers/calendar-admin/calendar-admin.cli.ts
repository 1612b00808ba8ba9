import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliOutcome } from '../deadline.cli.ts';
import { presentCalendarInEffect } from './calendar-admin.presenter.ts';
import type { CalendarAdmin } from './calendar-admin.service.ts';
import { isEditableYear } from './calendar-edit.workflow.ts';

export const HOLIDAYS_USAGE = `  holidays show <year>       print the holiday calendar in force for <year> as JSON (approved, else proposed)
  holidays approve <year> [--file <calendar.json>] [--note <text>] [--by <name>]
                             approve the file's calendar, else the year's draft, else (for a year never
                             approved) the proposal, as the year's next version; every process uses it at once
`;

const usage = (message: string): CliOutcome => ({ exitCode: 2, stdout: '', stderr: `holidays: ${message}\nUsage:\n${HOLIDAYS_USAGE}` });

/** `opendvc holidays show|approve <year> …`. Never throws on bad input: exit code 2 and a message. */
export async function runHolidaysCommand(args: readonly string[], admin: CalendarAdmin): Promise<CliOutcome> {
  let parsed: { values: { file?: string; note?: string; by?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { file: { type: 'string' }, note: { type: 'string' }, by: { type: 'string' } } });
  } catch (err) {
    return usage((err as Error).message);
  }
  const [command, yearText, ...extra] = parsed.positionals;
  if ((command !== 'show' && command !== 'approve') || extra.length > 0) return usage('expected show or approve and a year');
  const year = /^\d{4}$/.test(yearText ?? '') ? Number(yearText) : NaN;
  if (!isEditableYear(year)) return usage(`"${yearText ?? ''}" is not a year from 2000 to 2090`);
  await admin.refresh();
  if (command === 'show') return { exitCode: 0, stdout: `${JSON.stringify(presentCalendarInEffect(admin.inEffect(year)), null, 2)}\n`, stderr: '' };

  let calendar: unknown;
  if (parsed.values.file !== undefined) {
    try {
      calendar = JSON.parse(fs.readFileSync(parsed.values.file, 'utf8'));
    } catch (err) {
      return usage(`cannot read ${parsed.values.file}: ${(err as Error).message}`);
    }
  }
  const name = (parsed.values.by ?? '').normalize('NFC').trim() || 'opendvc holidays (operator)';
  const outcome = await admin.approve({ kind: 'operator', name }, year, { note: parsed.values.note, calendar });
  if (!outcome.ok) {
    const lines = outcome.problems.map((p) => `  ${p.code}${p.params ? ` ${JSON.stringify(p.params)}` : ''}`);
    return { exitCode: 2, stdout: '', stderr: `holidays: the ${year} calendar was not approved:\n${lines.join('\n')}\n` };
  }
  const { approval } = outcome;
  return {
    exitCode: 0,
    stdout: `Approved the ${year} holiday calendar as version ${approval.version}: ${approval.calendar.holidays.length} days off, ${approval.calendar.workingDays.length} weekend days worked.\n`,
    stderr: '',
  };
}
