import { z } from 'zod';
import { checkDuration, CHANNELS, DURATION_UNITS } from './deadline.workflow.ts';
import { civilDate, parseVietnamTime, toLocalMoment } from './working-time.workflow.ts';

/** Receipt times the engine accepts: years the holiday rules (and the lunar calendar) cover. */
export const RECEIVED_YEARS = { min: 2000, max: 2090 } as const;

const receivedTime = z
  .string()
  .max(40)
  .describe('When the complete dossier was received: ISO 8601; without an offset it is read as Vietnam time (+07:00)')
  .meta({ example: '2025-03-04T10:00:00+07:00' })
  .transform((text, ctx) => {
    const date = parseVietnamTime(text);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time such as 2025-03-04T10:00:00+07:00' });
      return z.NEVER;
    }
    const { year } = civilDate(toLocalMoment(date).day);
    if (year < RECEIVED_YEARS.min || year > RECEIVED_YEARS.max) {
      ctx.addIssue({ code: 'custom', message: `must be in the years ${RECEIVED_YEARS.min}–${RECEIVED_YEARS.max}` });
      return z.NEVER;
    }
    return date;
  });

/** A deadline request, from a query string or the command line (strings in, typed values out). */
export const deadlineRequestSchema = z
  .object({
    received: receivedTime,
    value: z
      .string()
      .max(20)
      .regex(/^\d+(\.\d+)?$/, 'must be a number ≥ 0, such as 3 or 0.5')
      .transform(Number)
      .describe('How long the procedure takes, in `unit`')
      .meta({ example: '3' }),
    unit: z.enum(DURATION_UNITS).describe('working_days (ngày làm việc), days (ngày, calendar), hours (giờ, working), months (tháng)'),
    channel: z.enum(CHANNELS).optional().describe('How the dossier was filed; the duration given is the one for this channel'),
  })
  .superRefine((request, ctx) => {
    const problem = checkDuration({ value: request.value, unit: request.unit });
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

export type DeadlineRequest = z.output<typeof deadlineRequestSchema>;
