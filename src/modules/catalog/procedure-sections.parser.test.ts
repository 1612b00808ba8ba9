import { describe, expect, it } from 'vitest';
import { headerValue, sameText, splitRawSections } from './procedure-sections.parser.ts';

const page = [
  'Mã thủ tục1.001613Số quyết định1474/QĐ-BTC',
  'Thủ tục hành chính liên quanKhông có thông tin',
  'Trình Tự Thực HiệnBước 1. Lập hồ sơ theo mục 9.3 (Thành phần hồ sơ) và nộp.\n',
  'Cách Thức Thực HiệnHình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1 Ngày100 VNĐ(Căn cứ pháp lý: Thông tư 269)',
  'Thành phần hồ sơ--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn1 bản chính',
  'Căn cứ pháp lýKhông có thông tin',
  'Cơ quan thực hiệnBảo hiểm xã hội',
  'Yêu cầu, điều kiện thực hiệnKhông có thông tin',
  'Kết quả xử lýQuyết địnhMã: KQ.G24.000030Từ khóaKhông có thông tin',
].join('');

describe('splitRawSections', () => {
  it('re-cuts sections even when a label is quoted inside another section', () => {
    const s = splitRawSections(page);
    expect(s).toEqual({
      trinh_tu_thuc_hien: 'Bước 1. Lập hồ sơ theo mục 9.3 (Thành phần hồ sơ) và nộp.\n',
      cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1 Ngày100 VNĐ(Căn cứ pháp lý: Thông tư 269)',
      thanh_phan_ho_so: '--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn1 bản chính',
      can_cu_phap_ly: 'Không có thông tin',
      co_quan_thuc_hien: 'Bảo hiểm xã hội',
      yeu_cau_dieu_kien: 'Không có thông tin',
      ket_qua_xu_ly: 'Quyết địnhMã: KQ.G24.000030Từ khóaKhông có thông tin',
    });
  });

  it('returns null when the layout is not recognised', () => {
    expect(splitRawSections('just text')).toBeNull();
  });

  it('reads header values and compares text ignoring whitespace', () => {
    expect(headerValue(page, 'Mã thủ tục', 'Số quyết định')).toBe('1.001613');
    expect(sameText('a b\nc', 'abc')).toBe(true);
  });
});
