import type { Messages } from '../../../../platform/i18n/i18n.ts';
import { clientsMessages } from './clients/clients.messages.ts';

export const oidcMessages: { vi: Messages; en: Messages } = {
  vi: {
    identity: {
      oidc: {
        clients: clientsMessages.vi,
        errors: {
          clientNotFound: 'Không tìm thấy ứng dụng đăng ký',
          clientInvalid: 'Thông tin ứng dụng không hợp lệ',
          tokenMissing: 'Thiếu mã truy cập (Bearer token)',
          tokenInvalid: 'Mã truy cập không hợp lệ hoặc đã hết hạn',
          tokenScope: 'Mã truy cập không có quyền gọi dịch vụ này',
        },
        consent: {
          title: 'Cho phép chia sẻ thông tin',
          heading: '{client} muốn dùng tài khoản của bạn',
          intro: 'Nếu bạn đồng ý, cổng này sẽ nhận được các thông tin sau từ tài khoản Cổng Dịch vụ công của bạn:',
          allow: 'Đồng ý',
          deny: 'Không đồng ý',
        },
        scopes: {
          profile: 'Họ tên, ngày sinh, giới tính',
          email: 'Địa chỉ thư điện tử',
          phone: 'Số điện thoại',
          address: 'Địa chỉ',
          id_number: 'Số định danh cá nhân',
          account_type: 'Loại tài khoản (công dân, doanh nghiệp, tổ chức)',
          offline_access: 'Giữ đăng nhập khi bạn không dùng cổng',
          'api:dossiers': 'Nộp, theo dõi và quản lý hồ sơ của bạn thay mặt bạn',
        },
        logout: {
          title: 'Đăng xuất',
          heading: 'Đăng xuất khỏi các cổng dịch vụ công?',
          intro: 'Bạn sẽ được đăng xuất khỏi Cổng Dịch vụ công và mọi cổng của bộ, ngành, địa phương mà bạn đã vào bằng tài khoản này.',
          confirm: 'Đăng xuất',
          stay: 'Vẫn đăng nhập',
          doneTitle: 'Bạn đã đăng xuất',
          doneBody: 'Bạn đã đăng xuất khỏi Cổng Dịch vụ công và các cổng đã dùng tài khoản này.',
          home: 'Về trang chủ',
        },
      },
    },
  },
  en: {
    identity: {
      oidc: {
        clients: clientsMessages.en,
        errors: {
          clientNotFound: 'Client application not found',
          clientInvalid: 'The client application details are not valid',
          tokenMissing: 'No access token (Bearer token) was sent',
          tokenInvalid: 'The access token is not valid or has expired',
          tokenScope: 'The access token does not allow this service',
        },
        consent: {
          title: 'Share your information',
          heading: '{client} wants to use your account',
          intro: 'If you agree, this portal will receive the following from your Public Service Portal account:',
          allow: 'Agree',
          deny: 'Do not agree',
        },
        scopes: {
          profile: 'Name, date of birth, sex',
          email: 'Email address',
          phone: 'Phone number',
          address: 'Address',
          id_number: 'Personal identification number',
          account_type: 'Account type (citizen, business, organisation)',
          offline_access: 'Stay signed in while you are away',
          'api:dossiers': 'Submit, follow and manage your applications on your behalf',
        },
        logout: {
          title: 'Sign out',
          heading: 'Sign out of the public service portals?',
          intro: 'You will be signed out of the Public Service Portal and of every ministry, sector and province portal you entered with this account.',
          confirm: 'Sign out',
          stay: 'Stay signed in',
          doneTitle: 'You have signed out',
          doneBody: 'You have signed out of the Public Service Portal and of the portals that used this account.',
          home: 'Go to the home page',
        },
      },
    },
  },
};
