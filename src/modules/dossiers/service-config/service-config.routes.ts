/** The service configuration's JSON API and admin pages, registered together (app.ts calls this). */
import type { HttpServer } from '../../../platform/http/server.ts';
import { registerServiceConfigPages, type ServiceAdminDeps } from '../web/service-config/service-config.pages.ts';
import { registerServiceApi, type ServiceApiDeps } from './api/services.api.ts';

export type ServiceConfigRouteDeps = ServiceApiDeps & ServiceAdminDeps;

export function registerServiceConfigRoutes(app: HttpServer, deps: ServiceConfigRouteDeps): void {
  registerServiceApi(app, deps);
  registerServiceConfigPages(app, deps);
}
