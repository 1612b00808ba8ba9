import type { HttpServer } from '../../../platform/http/server.ts';
import type { CatalogService } from '../catalog.service.ts';
import { registerAgencyPages } from './agencies/agencies.page.ts';
import { registerApplyOnlinePage } from './apply-online/apply-online.page.ts';
import { registerHomePage } from './home/home.page.ts';
import { registerLifeEventPages } from './life-events/life-events.page.ts';
import { registerProcedurePage } from './procedure/procedure.page.ts';
import { registerSearchPage } from './search/search.page.ts';
import { registerSectorPages } from './sectors/sectors.page.ts';

/** Citizen-facing catalog pages, one folder per page: home, search, procedure, apply, sectors, agencies, life events. */
export function registerCatalogPages(app: HttpServer, catalog: CatalogService): void {
  registerHomePage(app, catalog);
  registerSearchPage(app, catalog);
  registerProcedurePage(app, catalog);
  registerApplyOnlinePage(app, catalog);
  registerSectorPages(app, catalog);
  registerAgencyPages(app, catalog);
  registerLifeEventPages(app, catalog);
}
