import { z } from 'zod';
import { problemSchema as problem } from '../../../../platform/http/problem.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import { presentCalendarInEffect } from '../calendar-admin.presenter.ts';
import type { CalendarAdmin } from '../calendar-admin.service.ts';
import { CALENDAR_YEARS } from '../calendar-edit.workflow.ts';

const isoDate = z.string().meta({ example: '2026-09-02' });

const calendarResponse = z.object({
  year: z.number().int(),
  approved: z.boolean().describe('true: approved by an administrator; false: the proposal computed from the Labour Code and the notices on record'),
  version: z.number().int().nullable().describe('The approved version in force, null for a proposal'),
  approvedAt: z.string().nullable().describe('When that version was approved, ISO 8601 in +07:00'),
  holidays: z.array(
    z.object({
      date: isoDate,
      name: z.string(),
      kind: z.enum(['holiday', 'compensatory', 'swap_off']).describe('holiday (ngày lễ, Tết), compensatory (nghỉ bù), swap_off (nghỉ hoán đổi)'),
      reference: z.string().optional(),
    }),
  ),
  workingDays: z.array(z.object({ date: isoDate, reason: z.string(), reference: z.string().optional() })).describe('Saturdays and Sundays worked in exchange for a swapped day off'),
  notes: z.array(z.string()).optional(),
});

/** JSON API of the holiday calendar: the calendar the deadline engine uses for a year. */
export function registerHolidayCalendarApi(app: HttpServer, admin: CalendarAdmin): void {
  app.get(
    '/api/v1/holiday-calendars/:year',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The holiday calendar in force for a year',
        description:
          'Days off (public holidays, compensatory days, swapped days) and weekend days worked that deadlines are computed with: ' +
          'the latest version approved by an administrator, else the proposal from the Labour Code (Art. 112) and the ' +
          "Government's notices on record. `approved` tells which.",
        params: z.object({
          year: z.coerce
            .number()
            .int()
            .min(CALENDAR_YEARS.min)
            .max(CALENDAR_YEARS.max)
            .describe(`A year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`)
            .meta({ example: 2026 }),
        }),
        response: { 200: calendarResponse, 400: problem },
      },
    },
    async (request) => presentCalendarInEffect(admin.inEffect(request.params.year)),
  );
}
