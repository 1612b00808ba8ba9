import type { Messages } from '../../../platform/i18n/i18n.ts';

/** Words of agency-system sync (keys under `dossiers.sync.`): the titles of its API problems. */
export const syncMessages: { vi: Messages; en: Messages } = {
  vi: {
    dossiers: {
      sync: {
        errors: {
          notEnabled: 'Hệ thống này chưa được cấp quyền đồng bộ hồ sơ.',
          unavailable: 'Chức năng đồng bộ hồ sơ tạm thời chưa sẵn sàng.',
          integrationNotFound: 'Không tìm thấy kết nối đồng bộ của hệ thống này.',
          integrationInvalid: 'Thông tin kết nối đồng bộ chưa hợp lệ.',
          deliveryNotFound: 'Không tìm thấy lần gửi thông báo (webhook) này.',
        },
      },
    },
  },
  en: {
    dossiers: {
      sync: {
        errors: {
          notEnabled: 'This system is not allowed to sync dossiers.',
          unavailable: 'Dossier sync is not available yet.',
          integrationNotFound: 'This system has no sync integration.',
          integrationInvalid: 'The sync integration is not valid.',
          deliveryNotFound: 'No such webhook delivery.',
        },
      },
    },
  },
};
