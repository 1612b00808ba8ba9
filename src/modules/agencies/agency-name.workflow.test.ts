import { describe, expect, it } from 'vitest';
import { agencyKey, normaliseAgencyName, parseAgencyMention, splitAgencyList, unifyTonePlacement } from './agency-name.workflow.ts';

describe('normaliseAgencyName', () => {
  it('composes NFD input, collapses spaces and drops trailing punctuation', () => {
    expect(normaliseAgencyName('  Cục  Quản lý xuất nhập cảnh. '.normalize('NFD'))).toBe('Cục Quản lý xuất nhập cảnh');
    expect(normaliseAgencyName('Ủy ban Nhân dân\u00a0xã,\u00a0phường,\u00a0thị trấn.')).toBe('Ủy ban Nhân dân xã, phường, thị trấn');
  });

  it('writes out abbreviations', () => {
    expect(normaliseAgencyName('UBND cấp xã')).toBe('Ủy ban nhân dân cấp xã');
    expect(normaliseAgencyName('Cục Chăn nuôi và Thú y - Bộ NN và MT')).toBe('Cục Chăn nuôi và Thú y - Bộ Nông nghiệp và Môi trường');
    expect(normaliseAgencyName('Sở Tài chính TP.Đà Nẵng')).toBe('Sở Tài chính Thành phố Đà Nẵng');
    expect(normaliseAgencyName('Công đoàn cơ quan BHXH Việt Nam')).toBe('Công đoàn cơ quan Bảo hiểm xã hội Việt Nam');
    expect(normaliseAgencyName('Cục Đo đạc, Bản đồ và Thông tin địa lý VN- Bộ NN và MT')).toBe(
      'Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam - Bộ Nông nghiệp và Môi trường',
    );
  });

  it('keeps hyphens that belong to the name and spaces dashes between names', () => {
    expect(normaliseAgencyName('Cục y tế-Bộ Công an')).toBe('Cục y tế - Bộ Công an');
    expect(normaliseAgencyName('Sở Lao động-Thương binh và Xã hội')).toBe('Sở Lao động - Thương binh và Xã hội');
  });
});

describe('unifyTonePlacement', () => {
  it('puts the mark of word-final oa/oe/uy on the first vowel', () => {
    expect(unifyTonePlacement('Hoà Thuỷ Uỷ ban khoẻ hoá Huỷ')).toBe('Hòa Thủy Ủy ban khỏe hóa Hủy');
  });
  it('leaves "qu" words and closed syllables alone', () => {
    expect(unifyTonePlacement('quý quỷ hoặc Quỳnh')).toBe('quý quỷ hoặc Quỳnh');
  });
});

describe('agencyKey', () => {
  it('gives one key to the spellings of the immigration department', () => {
    const keys = new Set(
      ['Cục Quản lý xuất nhập cảnh', 'Cục quản lý xuất nhập cảnh', 'Cục  quản lý   xuất nhập cảnh.', 'Cục Quản lý xuất nhập cảnh'.normalize('NFD')].map(agencyKey),
    );
    expect([...keys]).toEqual(['cục quản lý xuất nhập cảnh']);
  });

  it('expands UBND and unifies tone placement', () => {
    expect(agencyKey('UBND cấp xã')).toBe(agencyKey('Ủy ban nhân dân cấp xã'));
    expect(agencyKey('Uỷ ban nhân dân cấp xã')).toBe(agencyKey('Ủy ban nhân dân cấp xã'));
    expect(agencyKey('Cục Thuỷ sản và Kiểm ngư')).toBe(agencyKey('Cục Thủy sản và Kiểm ngư'));
    expect(agencyKey('Bộ Văn hoá')).toBe(agencyKey('Bộ Văn hóa'));
  });

  it('ignores internal punctuation, acronyms and former-name notes', () => {
    expect(agencyKey('Cục cảnh sát quản lý hành chính về trật tự, xã hội')).toBe(agencyKey('Cục Cảnh sát quản lý hành chính về trật tự xã hội'));
    expect(agencyKey('Trung tâm Đăng kiểm phương tiện giao thông đường bộ và đường sắt (NVICC)')).toBe(
      'trung tâm đăng kiểm phương tiện giao thông đường bộ và đường sắt',
    );
    expect(agencyKey('Bộ xây dựng (Giao thông vận tải cũ)')).toBe('bộ xây dựng');
  });

  it('keeps different bodies apart', () => {
    expect(agencyKey('Cục Hải quan')).not.toBe(agencyKey('Chi cục Hải quan khu vực'));
    expect(agencyKey('Bộ Công an')).not.toBe(agencyKey('Công an tỉnh'));
  });
});

describe('splitAgencyList', () => {
  it('returns nothing for the none placeholder', () => {
    expect(splitAgencyList('Không có thông tin')).toEqual([]);
    expect(splitAgencyList('')).toEqual([]);
  });

  it('splits only where a new agency name starts', () => {
    expect(splitAgencyList('Cục Thuế - Bộ tài chính, Thuế tỉnh, thành phố, Thuế cơ sở')).toEqual([
      'Cục Thuế - Bộ tài chính',
      'Thuế tỉnh, thành phố',
      'Thuế cơ sở',
    ]);
    expect(splitAgencyList('Bộ Quốc phòng, Bộ Văn hóa, Thể thao và Du lịch, Cục cảnh sát quản lý hành chính về trật tự, xã hội')).toEqual([
      'Bộ Quốc phòng',
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Cục cảnh sát quản lý hành chính về trật tự, xã hội',
    ]);
    expect(splitAgencyList('Cơ sở đăng kiểm (xe cơ giới, xe máy chuyên dùng), Sở Xây dựng')).toEqual([
      'Cơ sở đăng kiểm (xe cơ giới, xe máy chuyên dùng)',
      'Sở Xây dựng',
    ]);
    expect(splitAgencyList('Hội đồng nhân dân cấp tỉnh, Bộ, Cơ quan ngang Bộ')).toEqual(['Hội đồng nhân dân cấp tỉnh', 'Bộ, Cơ quan ngang Bộ']);
  });

  it('keeps leaked page text whole so it can be reported once', () => {
    expect(splitAgencyList('phê duyệt nguồn vốn trồng rừngTên thủ tụcPhê duyệt, Sở Nông nghiệp')).toEqual(['phê duyệt nguồn vốn trồng rừng']);
  });
});

describe('parseAgencyMention', () => {
  it('separates a role and a parent qualifier', () => {
    expect(parseAgencyMention('Chủ tịch UBND cấp xã')).toEqual({ body: 'Ủy ban nhân dân cấp xã', role: 'Chủ tịch' });
    expect(parseAgencyMention('Ban Thi đua - Khen thưởng Trung ương - Bộ Nội vụ')).toEqual({
      body: 'Ban Thi đua - Khen thưởng Trung ương',
      parentHint: 'Bộ Nội vụ',
    });
  });
  it('does not take part of a name for a parent', () => {
    expect(parseAgencyMention('Vụ Quy hoạch - Kiến trúc')).toEqual({ body: 'Vụ Quy hoạch - Kiến trúc' });
  });
});
