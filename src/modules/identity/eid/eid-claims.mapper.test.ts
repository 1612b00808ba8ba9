import { describe, expect, it } from 'vitest';
import { mapEidClaims, parseIdNumber } from './eid-claims.mapper.ts';

describe('mapEidClaims', () => {
  it('maps the OpenID Connect names of the reference provider', () => {
    const { profile, issues } = mapEidClaims({
      sub: 'x',
      personal_id: '001085012345',
      name: 'Nguyễn Văn An',
      birthdate: '1985-03-14',
      gender: 'male',
      phone_number: '+84 900 000 101',
      email: 'an@example.com',
      address: { formatted: 'Số 1, Phường Ba Đình, Thành phố Hà Nội' },
    });
    expect(profile).toEqual({
      idNumber: '001085012345',
      fullName: 'Nguyễn Văn An',
      birthdate: '1985-03-14',
      gender: 'male',
      phone: '0900000101',
      email: 'an@example.com',
      address: 'Số 1, Phường Ba Đình, Thành phố Hà Nội',
    });
    expect(issues).toEqual([]);
  });

  it('maps the DVCQG / VNeID names', () => {
    const { profile } = mapEidClaims({
      SoDinhDanh: '079192004321',
      HoVaTen: 'Trần  Thị   Bình',
      NgayThangNamSinh: '02/11/1992',
      GioiTinh: 'Nữ',
      SoDienThoai: '0900.000.102',
      ThuDienTu: 'binh@example.com',
      ThuongTru: 'Phường Sài Gòn, Thành phố Hồ Chí Minh',
    });
    expect(profile).toEqual({
      idNumber: '079192004321',
      fullName: 'Trần Thị Bình',
      birthdate: '1992-11-02',
      gender: 'female',
      phone: '0900000102',
      email: 'binh@example.com',
      address: 'Phường Sài Gòn, Thành phố Hồ Chí Minh',
    });
  });

  it('normalises decomposed Vietnamese text to NFC', () => {
    const decomposed = 'Nguyễn Văn An'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Văn An');
    expect(mapEidClaims({ name: decomposed }).profile.fullName).toBe('Nguyễn Văn An');
    expect(mapEidClaims({ GioiTinh: 'Nữ'.normalize('NFD') }).profile.gender).toBe('female');
  });

  it('tolerates missing claims: everything null, no issues', () => {
    expect(mapEidClaims({ sub: 'only' })).toEqual({
      profile: { idNumber: null, fullName: null, birthdate: null, gender: null, phone: null, email: null, address: null },
      issues: [],
    });
  });

  it('drops malformed claims and names them', () => {
    const { profile, issues } = mapEidClaims({
      personal_id: '12345678901',
      birthdate: '1990-02-30',
      gender: 'unknown',
      phone_number: 'call me',
      email: 'not-an-email',
      address: 42,
    });
    expect(profile).toEqual({ idNumber: null, fullName: null, birthdate: null, gender: null, phone: null, email: null, address: null });
    expect(issues).toEqual(['personal_id', 'birthdate', 'gender', 'phone_number', 'email', 'address']);
  });

  it('falls back to the next name when the first is malformed', () => {
    const { profile, issues } = mapEidClaims({ personal_id: 'abc', cccd: '048201000777' });
    expect(profile.idNumber).toBe('048201000777');
    expect(issues).toEqual(['personal_id']);
  });

  it('composes a name from its parts in Vietnamese order, and an address from its parts', () => {
    const { profile } = mapEidClaims({
      family_name: 'Lê',
      middle_name: 'Minh',
      given_name: 'Cường',
      address: { street_address: '7 đường Giả Định', locality: 'Phường Hải Châu', region: 'Thành phố Đà Nẵng', country: 'VN' },
    });
    expect(profile.fullName).toBe('Lê Minh Cường');
    expect(profile.address).toBe('7 đường Giả Định, Phường Hải Châu, Thành phố Đà Nẵng, VN');
  });
});

describe('parseIdNumber', () => {
  it.each([
    ['001085012345', '001085012345'],
    [' 001 085 012 345 ', '001085012345'],
    ['001.085.012.345', '001085012345'],
    ['00108501234', null],
    ['0010850123456', null],
    ['00108501234a', null],
    ['００１０８５０１２３４５', null],
    ['', null],
    [12, null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(parseIdNumber(input)).toBe(expected);
  });
});
