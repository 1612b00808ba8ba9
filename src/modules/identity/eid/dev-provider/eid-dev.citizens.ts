/**
 * FICTIONAL test citizens of the reference e-ID provider. Every name, number, phone, email and
 * address here is invented for development and tests; none belongs to a real person. The ID numbers
 * follow the CCCD structure (province code, century-and-sex digit, two digits of the birth year, six
 * digits) so that structure checks pass, and the phones use the 0900 00x xxx range.
 */
export interface EidDevCitizen {
  /** The provider's subject identifier. */
  readonly sub: string;
  readonly personalId: string;
  readonly name: string;
  readonly birthdate: string;
  readonly gender: 'male' | 'female';
  readonly phone: string;
  readonly email: string;
  readonly address: { readonly formatted: string; readonly locality: string; readonly region: string; readonly country: 'VN' };
}

/** The one password of every test citizen, printed on the login page: this is not a secret. */
export const EID_DEV_PASSWORD = 'dinhdanh-thu-nghiem';

export const EID_DEV_CITIZENS: readonly EidDevCitizen[] = [
  {
    sub: 'vneid-test-0001',
    personalId: '001085012345',
    name: 'Nguyễn Văn An',
    birthdate: '1985-03-14',
    gender: 'male',
    phone: '0900000101',
    email: 'nguyen.van.an@example.com',
    address: { formatted: 'Số 1 ngõ Thử Nghiệm, Phường Ba Đình, Thành phố Hà Nội', locality: 'Phường Ba Đình', region: 'Thành phố Hà Nội', country: 'VN' },
  },
  {
    sub: 'vneid-test-0002',
    personalId: '079192004321',
    name: 'Trần Thị Bình',
    birthdate: '1992-11-02',
    gender: 'female',
    phone: '0900000102',
    email: 'tran.thi.binh@example.com',
    address: { formatted: '25 đường Mẫu, Phường Sài Gòn, Thành phố Hồ Chí Minh', locality: 'Phường Sài Gòn', region: 'Thành phố Hồ Chí Minh', country: 'VN' },
  },
  {
    sub: 'vneid-test-0003',
    personalId: '048201000777',
    name: 'Lê Minh Cường',
    birthdate: '2001-07-30',
    gender: 'male',
    phone: '0900000103',
    email: 'le.minh.cuong@example.com',
    address: { formatted: '7 đường Giả Định, Phường Hải Châu, Thành phố Đà Nẵng', locality: 'Phường Hải Châu', region: 'Thành phố Đà Nẵng', country: 'VN' },
  },
  {
    sub: 'vneid-test-0004',
    personalId: '031168009876',
    name: 'Phạm Thị Dung',
    birthdate: '1968-01-21',
    gender: 'female',
    phone: '0900000104',
    email: 'pham.thi.dung@example.com',
    address: { formatted: '12 phố Thí Điểm, Phường Hồng Bàng, Thành phố Hải Phòng', locality: 'Phường Hồng Bàng', region: 'Thành phố Hải Phòng', country: 'VN' },
  },
  {
    sub: 'vneid-test-0005',
    personalId: '092303001122',
    name: 'Võ Ngọc Hà',
    birthdate: '2003-09-09',
    gender: 'female',
    phone: '0900000105',
    email: 'vo.ngoc.ha@example.com',
    address: { formatted: '3 hẻm Minh Hoạ, Phường Ninh Kiều, Thành phố Cần Thơ', locality: 'Phường Ninh Kiều', region: 'Thành phố Cần Thơ', country: 'VN' },
  },
];

export function findEidDevCitizen(sub: string): EidDevCitizen | undefined {
  return EID_DEV_CITIZENS.find((c) => c.sub === sub);
}

/** The claims the provider releases for a citizen, by OpenID Connect name plus `personal_id`. */
export function eidDevClaimsOf(citizen: EidDevCitizen): Record<string, unknown> {
  return {
    sub: citizen.sub,
    personal_id: citizen.personalId,
    name: citizen.name,
    birthdate: citizen.birthdate,
    gender: citizen.gender,
    phone_number: citizen.phone,
    phone_number_verified: true,
    email: citizen.email,
    email_verified: true,
    address: citizen.address,
  };
}
