import type { Messages } from '../../../../platform/i18n/i18n.ts';
import { mergeMessages } from '../../../../platform/i18n/i18n.ts';
import { citizenApplyMessages } from './citizen-apply.messages.ts';
import { citizenDossierMessages } from './citizen-dossier.messages.ts';

/** The citizen's pages (keys under `dossiers.citizen.`). */
export const citizenMessages: { vi: Messages; en: Messages } = {
  vi: { dossiers: { citizen: mergeMessages(citizenApplyMessages.vi, citizenDossierMessages.vi) } },
  en: { dossiers: { citizen: mergeMessages(citizenApplyMessages.en, citizenDossierMessages.en) } },
};
