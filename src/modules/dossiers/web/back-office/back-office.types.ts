/** What the back-office pages need from the module and from the composition root. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FileMeta, SendFileOptions, UploadRequestOptions, UploadResult } from '../../../documents/index.ts';
import type { ActionService } from '../../core/dossier-action.service.ts';
import type { DirectoryPort, ServicePort } from '../../core/dossier-deps.ts';
import type { createDeskService } from '../../core/dossier-desk.service.ts';
import type { QueryService } from '../../core/dossier-query.service.ts';
import type { ServiceConfigVersion } from '../../service-config/service-config.types.ts';

/** The CSRF half of identity's web kit. */
export interface FormSecurity {
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws IDENTITY_CSRF_INVALID unless `request.body._csrf` is right. */
  checkCsrf(request: FastifyRequest): void;
}

/** The documents module's upload and download helpers (`modules.documents`). */
export interface FileAccess {
  readUpload(request: FastifyRequest, options: UploadRequestOptions): Promise<UploadResult>;
  fileMeta(id: string): Promise<FileMeta | null>;
  sendFile(reply: FastifyReply, file: FileMeta, options?: SendFileOptions): Promise<FastifyReply>;
}

/** 2025 administrative units with their names (the agencies module's service). */
export interface UnitNames {
  listProvinces(): Promise<readonly { code: string; name?: string }[]>;
  listCommunes(provinceCode: string): Promise<readonly { code: string; name?: string }[]>;
}

export interface BackOfficeDeps {
  web: FormSecurity;
  queries: QueryService;
  actions: ActionService;
  desk: ReturnType<typeof createDeskService>;
  /** The service configuration storage (`modules.dossiers.configs`). */
  configs: { current(procedureCode: string, agencyCode: string): Promise<ServiceConfigVersion>; byId(id: string): Promise<ServiceConfigVersion> };
  /** The core's view of the service configuration (`modules.dossiers.services`): answers are checked as the core checks them. */
  services: Pick<ServicePort, 'current' | 'validateAnswers'>;
  directory: DirectoryPort;
  units: UnitNames;
  /** Without it, files are listed without links and results are approved without files. */
  documents?: FileAccess;
  /** Printed on forms as the tracking address; defaults to the request's own origin. */
  publicUrl?: string;
  now?: () => Date;
}
