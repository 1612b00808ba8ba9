/**
 * The official's back office under /can-bo: queues, one page per dossier with its actions, desk
 * intake and the printed forms. Every page is for signed-in officials and scoped by the policy:
 * the core's queries and actions see only dossiers of agencies where the official holds a role.
 */
import type { HttpServer } from '../../../../platform/http/server.ts';
import { registerActionPages } from './action/action.page.ts';
import type { BackOfficeDeps } from './back-office.types.ts';
import { registerDeskPage } from './desk/desk.page.ts';
import { registerDossierPage } from './dossier/dossier.page.ts';
import { registerFormPdfPage } from './forms/form-pdf.page.ts';
import { registerQueuePage } from './queue/queue.page.ts';

export type { BackOfficeDeps } from './back-office.types.ts';

export function registerBackOfficePages(app: HttpServer, deps: BackOfficeDeps): void {
  registerQueuePage(app, deps);
  // The desk's static path before /can-bo/ho-so/:id (the router prefers static segments anyway).
  registerDeskPage(app, deps);
  registerDossierPage(app, deps);
  registerActionPages(app, deps);
  registerFormPdfPage(app, deps);
}
