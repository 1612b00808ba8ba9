import { z } from 'zod';
import { problemSchema as problem } from '../../../platform/http/problem.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import { deadlineRequestSchema } from '../deadline.types.ts';
import { computeDue } from '../deadline.workflow.ts';
import type { WorkingCalendar } from '../holiday-calendar.workflow.ts';
import { formatVietnamTime } from '../working-time.workflow.ts';

const dueResponse = z.object({
  due: z
    .string()
    .describe('The appointment time (ngày hẹn trả), ISO 8601 in +07:00, to the minute')
    .meta({ example: '2025-03-07T10:00:00+07:00' }),
});

/** JSON API of the deadline engine: the due time of a dossier received at a time, for a duration. */
export function registerDeadlineApi(app: HttpServer, calendar: WorkingCalendar): void {
  app.get(
    '/api/v1/deadlines',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Compute an appointment time',
        description:
          'The due time of a dossier received at `received` for a procedure taking `value` `unit`, in working hours ' +
          '07:00–11:30 and 13:30–17:00 (Vietnam time), skipping weekends, public holidays, compensatory days and the ' +
          "Government's yearly swaps. Example: received Tue 2025-03-04 10:00, 3 working days → Fri 2025-03-07 10:00.",
        querystring: deadlineRequestSchema,
        response: { 200: dueResponse, 400: problem },
      },
    },
    async (request) => {
      const { received, value, unit } = request.query;
      return { due: formatVietnamTime(computeDue(received, { value, unit }, calendar)) };
    },
  );
}
