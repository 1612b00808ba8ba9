import { parseArgs } from 'node:util';
import { deadlineRequestSchema } from './deadline.types.ts';
import { computeDue } from './deadline.workflow.ts';
import type { WorkingCalendar } from './holiday-calendar.workflow.ts';
import { formatVietnamTime } from './working-time.workflow.ts';

export const DUE_DATE_USAGE = `  due-date --received <ISO time> --value N --unit working_days|days|hours|months [--channel online|in_person|postal]
                             print the appointment time (ngày hẹn trả) in ISO 8601, +07:00
`;

/** What a CLI run prints and how it ends. */
export interface CliOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const usageError = (message: string): CliOutcome => ({ exitCode: 2, stdout: '', stderr: `due-date: ${message}\nUsage:\n${DUE_DATE_USAGE}` });

/** `opendvc due-date …`: validates the options and prints the due time. Never throws on bad input. */
export function runDueDateCommand(args: readonly string[], calendar: WorkingCalendar): CliOutcome {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: { received: { type: 'string' }, value: { type: 'string' }, unit: { type: 'string' }, channel: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (values.help) return { exitCode: 0, stdout: `Usage:\n${DUE_DATE_USAGE}`, stderr: '' };
  const missing = ['received', 'value', 'unit'].filter((name) => values[name] === undefined);
  if (missing.length > 0) return usageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
  const parsed = deadlineRequestSchema.safeParse(values);
  if (!parsed.success) {
    return usageError(parsed.error.issues.map((i) => `--${i.path.join('.') || 'input'} ${JSON.stringify(values[String(i.path[0])] ?? '')}: ${i.message}`).join('\n          '));
  }
  const due = computeDue(parsed.data.received, { value: parsed.data.value, unit: parsed.data.unit }, calendar);
  return { exitCode: 0, stdout: `${formatVietnamTime(due)}\n`, stderr: '' };
}
