import type { Messages } from '../../../platform/i18n/i18n.ts';

export const notificationsMessages: { vi: Messages; en: Messages } = {
  vi: {
    notifications: {
      mailbox: {
        title: 'Hộp thư thử nghiệm',
        lead: 'Thư điện tử và tin nhắn SMS cổng đã gửi, mới nhất trước. Ngoài môi trường vận hành, chúng không được gửi đi thật mà chỉ hiện ở đây.',
        warning: 'Trang dành cho phát triển và kiểm thử. Trang này không tồn tại trên hệ thống vận hành.',
        filterLabel: 'Người nhận',
        filterHint: 'Địa chỉ thư điện tử hoặc số điện thoại, đúng như khi gửi',
        filterButton: 'Lọc',
        clear: 'Xem tất cả',
        count: 'Số tin đang hiện: {n}.',
        countFor: 'Số tin gửi tới {to}: {n}.',
        empty: 'Chưa có tin nào.',
        smsTitle: 'Tin nhắn SMS',
        rows: { recipient: 'Người nhận', channel: 'Kênh', time: 'Thời gian', status: 'Trạng thái', body: 'Nội dung', lastError: 'Lỗi gần nhất' },
        channels: { email: 'Thư điện tử', sms: 'SMS' },
        statuses: { queued: 'Đang chờ gửi', sent: 'Đã gửi', failed: 'Gửi không được' },
        via: 'qua {transport}, lần thử {attempts}',
      },
    },
  },
  en: {
    notifications: {
      mailbox: {
        title: 'Development mailbox',
        lead: 'E-mails and text messages the portal has sent, newest first. Outside production they are not really sent; they only show here.',
        warning: 'For development and testing. This page does not exist on a production system.',
        filterLabel: 'Recipient',
        filterHint: 'E-mail address or phone number, exactly as it was sent to',
        filterButton: 'Filter',
        clear: 'Show all',
        count: 'Messages shown: {n}.',
        countFor: 'Messages to {to}: {n}.',
        empty: 'No messages yet.',
        smsTitle: 'Text message (SMS)',
        rows: { recipient: 'Recipient', channel: 'Channel', time: 'Time', status: 'Status', body: 'Message', lastError: 'Last error' },
        channels: { email: 'E-mail', sms: 'SMS' },
        statuses: { queued: 'Waiting to be sent', sent: 'Sent', failed: 'Could not be sent' },
        via: 'via {transport}, attempt {attempts}',
      },
    },
  },
};
