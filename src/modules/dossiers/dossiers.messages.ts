import type { Messages } from '../../platform/i18n/i18n.ts';
import { mergeMessages } from '../../platform/i18n/i18n.ts';
import { dossierCoreMessages } from './core/dossier.messages.ts';
import { calendarAdminMessages } from './calendar-admin/calendar-admin.messages.ts';
import { backOfficeMessages } from './web/back-office/back-office.messages.ts';
import { citizenMessages } from './web/citizen/citizen.messages.ts';
import { serviceConfigMessages } from './web/service-config/service-config.messages.ts';
import { syncMessages } from './sync/sync.messages.ts';

/** Message catalogue of the dossiers module (keys under `dossiers.`): the core's plus each part's pages. */
export const dossiersMessages: { vi: Messages; en: Messages } = {
  vi: mergeMessages(dossierCoreMessages.vi, backOfficeMessages.vi, calendarAdminMessages.vi, citizenMessages.vi, serviceConfigMessages.vi, syncMessages.vi),
  en: mergeMessages(dossierCoreMessages.en, backOfficeMessages.en, calendarAdminMessages.en, citizenMessages.en, serviceConfigMessages.en, syncMessages.en),
};
