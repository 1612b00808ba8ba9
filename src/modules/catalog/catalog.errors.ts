import type { ErrorTable } from '../../platform/errors/app-error.ts';

export const CATALOG_ERRORS = {
  CATALOG_PROCEDURE_NOT_FOUND: { status: 404, messageKey: 'catalog.errors.procedureNotFound' },
  CATALOG_VERSION_NOT_FOUND: { status: 404, messageKey: 'catalog.errors.versionNotFound' },
  CATALOG_LIFE_EVENT_NOT_FOUND: { status: 404, messageKey: 'catalog.errors.lifeEventNotFound' },
  CATALOG_SECTOR_NOT_FOUND: { status: 404, messageKey: 'catalog.errors.sectorNotFound' },
  CATALOG_AGENCY_NOT_FOUND: { status: 404, messageKey: 'catalog.errors.agencyNotFound' },
  CATALOG_QUERY_TOO_LONG: { status: 400, messageKey: 'catalog.errors.queryTooLong' },
  CATALOG_IMPORT_FOLDER_NOT_FOUND: { status: 400, messageKey: 'catalog.errors.importFolderNotFound' },
} as const satisfies ErrorTable;

export type CatalogErrorCode = keyof typeof CATALOG_ERRORS;
