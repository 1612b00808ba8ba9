/** Loading what every draft page needs: the dossier as its applicant may see it, and the service definition it was started under. */
import type { DossierView } from '../../core/dossier-query.service.ts';
import { createCommuneLookup } from '../../service-config/service-config.service.ts';
import type { CommuneLookup } from '../../service-config/answers-validate.workflow.ts';
import type { ServiceDefinition } from '../../service-config/service-config.types.ts';
import { formatVietnamTime } from '../../working-time.workflow.ts';
import type { ApplicantActor } from './applicant.policy.ts';
import type { CitizenPagesDeps } from './citizen-deps.types.ts';

export interface DraftContext {
  view: DossierView;
  definition: ServiceDefinition | null;
}

export function createDraftContext(deps: CitizenPagesDeps) {
  let communes: Promise<CommuneLookup> | null = null;
  return {
    /**
     * The applicant's dossier and the definition it was filed under. @throws DOSSIER_NOT_FOUND (someone else's dossier
     * looks like none), DOSSIER_SERVICE_NOT_FOUND
     */
    async load(actor: ApplicantActor, id: string): Promise<DraftContext> {
      const view = await deps.queries.get(actor, id);
      // Drafts are always started under a stored service version; a dossier synced in from
      // another system may have none, and its pages then show no form.
      const definition = view.serviceConfigId ? (await deps.configs.byId(view.serviceConfigId)).definition : null;
      return { view, definition };
    },

    /** The 2025 communes, read once per process, so answers are checked as submission checks them. */
    units(): Promise<CommuneLookup> {
      communes ??= createCommuneLookup(deps.units);
      communes.catch(() => (communes = null));
      return communes;
    },

    /** Today in Vietnam, yyyy-mm-dd. */
    today(): string {
      return formatVietnamTime(deps.now()).slice(0, 10);
    },
  };
}

export type DraftContextLoader = ReturnType<typeof createDraftContext>;
