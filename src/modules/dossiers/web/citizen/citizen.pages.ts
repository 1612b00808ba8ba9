/**
 * The citizen's journey, one folder per page: start (where, for whom) → task list → questions, case,
 * documents → check answers and submit → receipt (and form 01 as PDF); my dossiers, a dossier's page
 * with withdraw, supplement and rating; the public lookup.
 */
import type { HttpServer } from '../../../../platform/http/server.ts';
import { registerCasePage } from './case/case.page.ts';
import { registerCheckAnswersPage } from './check/check-answers.page.ts';
import type { CitizenPagesDeps } from './citizen-deps.types.ts';
import { registerDocumentsPage } from './documents/documents.page.ts';
import { registerDossierPage } from './dossier/dossier.page.ts';
import { createDraftContext } from './draft-context.service.ts';
import { registerLookupPage } from './lookup/lookup.page.ts';
import type { ThrottleRules } from './lookup/lookup-throttle.policy.ts';
import { registerMyDossiersPage } from './my-dossiers/my-dossiers.page.ts';
import { registerQuestionPages } from './questions/questions.page.ts';
import { registerRatingPage } from './rating/rating.page.ts';
import { registerReceiptPages } from './receipt/receipt.page.ts';
import { registerStartPage } from './start/start.page.ts';
import { registerSupplementPage } from './supplement/supplement.page.ts';
import { registerWithdrawPage } from './withdraw/withdraw.page.ts';

export type { AgencyRegister, CitizenPagesDeps } from './citizen-deps.types.ts';

/** Registers every citizen page. `lookupThrottle` overrides the public lookup's limits (tests). */
export function registerCitizenPages(app: HttpServer, deps: CitizenPagesDeps, options: { lookupThrottle?: ThrottleRules } = {}): void {
  const drafts = createDraftContext(deps);
  registerStartPage(app, deps);
  registerDossierPage(app, deps, drafts);
  registerQuestionPages(app, deps, drafts);
  registerCasePage(app, deps, drafts);
  registerDocumentsPage(app, deps, drafts);
  registerCheckAnswersPage(app, deps, drafts);
  registerReceiptPages(app, deps, drafts);
  registerMyDossiersPage(app, deps);
  registerWithdrawPage(app, deps);
  registerSupplementPage(app, deps);
  registerRatingPage(app, deps);
  registerLookupPage(app, deps, options.lookupThrottle);
}
