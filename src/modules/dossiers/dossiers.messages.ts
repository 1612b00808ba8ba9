import type { Messages } from '../../platform/i18n/i18n.ts';
import { mergeMessages } from '../../platform/i18n/i18n.ts';
import { dossierCoreMessages } from './core/dossier.messages.ts';

/** Message catalogue of the dossiers module (keys under `dossiers.`): the core's plus each part's pages. */
export const dossiersMessages: { vi: Messages; en: Messages } = {
  vi: mergeMessages(dossierCoreMessages.vi),
  en: mergeMessages(dossierCoreMessages.en),
};
