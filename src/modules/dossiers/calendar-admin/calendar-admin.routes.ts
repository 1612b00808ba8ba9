/** The holiday calendar's routes: the admin pages (/quan-tri/lich-nghi) and the public JSON API (/api/v1/holiday-calendars). */
import type { HttpServer } from '../../../platform/http/server.ts';
import type { WebKit } from '../../identity/index.ts';
import { registerHolidayCalendarApi } from './api/holiday-calendars.api.ts';
import type { CalendarAdmin } from './calendar-admin.service.ts';
import { registerCalendarAdminPages } from './web/calendar-admin.pages.ts';

export function registerCalendarAdminRoutes(app: HttpServer, web: WebKit, admin: CalendarAdmin): void {
  registerCalendarAdminPages(app, web, admin);
  registerHolidayCalendarApi(app, admin);
}
