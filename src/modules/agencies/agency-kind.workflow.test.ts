import { describe, expect, it } from 'vitest';
import { LOCAL_KINDS, classifyAgencyName, splitProvinceSuffix } from './agency-kind.workflow.ts';

const provinces = [
  { code: '01', shortName: 'Hà Nội' },
  { code: '79', shortName: 'Hồ Chí Minh' },
  { code: '44', shortName: 'Quảng Trị' },
];

describe('classifyAgencyName', () => {
  it('treats generic local names as kinds with their level', () => {
    const cases: Array<[string, string, string]> = [
      ['Công an tỉnh', 'province.police', 'province'],
      ['Công an cấp Tỉnh', 'province.police', 'province'],
      ['Công an cấp Xã', 'commune.police', 'commune'],
      ['UBND cấp tỉnh', 'province.pc', 'province'],
      ['Chủ tịch ủy ban nhân dân cấp tỉnh', 'province.pc', 'province'],
      ['Uỷ ban Nhân dân cấp xã, phường, thị trấn', 'commune.pc', 'commune'],
      ['Sở Tư pháp', 'province.dept.justice', 'province'],
      ['Công an huyện', 'district.police', 'district'],
      ['Chi cục Hải quan khu vực', 'regional.customs', 'regional'],
    ];
    for (const [name, key, level] of cases) {
      const c = classifyAgencyName(name, provinces);
      expect(c.type, name).toBe('local');
      if (c.type === 'local') {
        expect(c.kind.key, name).toBe(key);
        expect(c.kind.level, name).toBe(level);
      }
    }
  });

  it('recognises a named province', () => {
    const c = classifyAgencyName('Sở Tư pháp Thành phố Hà Nội', provinces);
    expect(c).toMatchObject({ type: 'local', provinceCode: '01' });
    expect(classifyAgencyName('Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ TP HCM', provinces)).toMatchObject({ type: 'local', provinceCode: '79' });
    expect(classifyAgencyName('UBND cấp xã - tỉnh Quảng Trị', provinces)).toMatchObject({ type: 'local', provinceCode: '44' });
  });

  it('treats named bodies as central, with their parent qualifier', () => {
    expect(classifyAgencyName('Cục Hải quan - Bộ tài chính', provinces)).toMatchObject({ type: 'central', body: 'Cục Hải quan', parentHint: 'Bộ tài chính' });
    expect(classifyAgencyName('Bộ trưởng Bộ Nông nghiệp và Môi trường', provinces)).toMatchObject({ type: 'central', key: 'bộ nông nghiệp và môi trường' });
  });

  it('flags leaked page text and refuses unknown generic names', () => {
    expect(classifyAgencyName('chứng thực tiến hành chụp từ bản chính', provinces)).toEqual({ type: 'noise' });
    expect(() => classifyAgencyName('Cơ quan tiếp nhận hồ sơ cấp tỉnh', provinces)).toThrow(/LOCAL_KINDS/);
  });
});

describe('LOCAL_KINDS', () => {
  it('has unique keys, unique slots per parent and known successors', () => {
    const keys = LOCAL_KINDS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    const slots = LOCAL_KINDS.filter((k) => k.instance).map((k) => `${k.instance?.parent?.startsWith('kind:') ? k.instance.parent : 'province'}#${k.instance?.slot}`);
    expect(new Set(slots).size).toBe(slots.length);
    for (const k of LOCAL_KINDS) if (k.successor) expect(keys).toContain(k.successor);
  });
});

describe('splitProvinceSuffix', () => {
  it('needs the word tỉnh or thành phố before a known province', () => {
    expect(splitProvinceSuffix('Sở Xây dựng - tỉnh Quảng Trị', provinces)).toEqual({ rest: 'Sở Xây dựng', provinceCode: '44' });
    expect(splitProvinceSuffix('Sở Xây dựng tỉnh Atlantis', provinces)).toBeNull();
  });
});
