/** What the citizen's pages need from the dossier module and, through the composition root, from other modules. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Agency, AgencyKind } from '../../../agencies/index.ts';
import type { ProcedureRecord } from '../../../catalog/index.ts';
import type { FileMeta, SavedDocument, SendFileOptions, UploadLimits, UploadRequestOptions, UploadResult } from '../../../documents/index.ts';
import type { ActionService } from '../../core/dossier-action.service.ts';
import type { DirectoryPort } from '../../core/dossier-deps.ts';
import type { DraftService } from '../../core/dossier-draft.service.ts';
import type { QueryService } from '../../core/dossier-query.service.ts';
import type { createRatingService } from '../../core/dossier-rating.service.ts';
import type { ServiceConfigVersion } from '../../service-config/service-config.types.ts';

/** The CSRF half of identity's web kit (`modules.identity.web`). */
export interface FormSecurity {
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws IDENTITY_CSRF_INVALID unless `request.body._csrf` is right. */
  checkCsrf(request: FastifyRequest): void;
}

/** The documents module's upload, download and saved-document helpers (`modules.documents`). */
export interface CitizenFiles {
  readonly limits: UploadLimits;
  readUpload(request: FastifyRequest, options: UploadRequestOptions): Promise<UploadResult>;
  getFile(accountId: string | null, fileId: string): Promise<FileMeta | null>;
  sendFile(reply: FastifyReply, file: FileMeta, options?: SendFileOptions): Promise<FastifyReply>;
  listSaved(accountId: string): Promise<SavedDocument[]>;
  getSaved(accountId: string, savedId: string): Promise<SavedDocument | null>;
}

/** The 2025 administrative units with their names (the agencies module's service). */
export interface UnitDirectory {
  listProvinces(): Promise<readonly { code: string; name?: string }[]>;
  listCommunes(provinceCode: string): Promise<readonly { code: string; name?: string }[]>;
}

/** The agency register (the agencies module's service). */
export interface AgencyRegister {
  findAgency(code: string): Promise<Agency>;
  listAgencies(filter: { kind?: AgencyKind; provinceCode?: string }): Promise<Agency[]>;
}

export interface CitizenPagesDeps {
  web: FormSecurity;
  drafts: DraftService;
  actions: ActionService;
  queries: QueryService;
  ratings: ReturnType<typeof createRatingService>;
  /** The service configuration storage (`modules.dossiers.configs`). */
  configs: { byId(id: string): Promise<ServiceConfigVersion> };
  catalog: { getProcedure(code: string): Promise<ProcedureRecord> };
  units: UnitDirectory;
  /** Agency names (the module's directory). */
  directory: Pick<DirectoryPort, 'agency'>;
  /**
   * The agency register: the People's Committee of a commune or province for procedures whose agency
   * the catalog names generically, and form 01's header. Without it those procedures offer no online
   * submission and form 01 prints the agency's name only.
   */
  agencies?: AgencyRegister;
  documents: CitizenFiles;
  /** Printed on form 01 as the tracking address; defaults to the request's own origin. */
  publicUrl?: string;
  now: () => Date;
}
