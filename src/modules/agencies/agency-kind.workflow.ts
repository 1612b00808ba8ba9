/**
 * Kinds of agency that procedure records name generically ("Công an cấp Xã", "Sở Tư pháp",
 * "Chi cục Hải quan khu vực"), and the rule that tells a generic name from a specific body.
 * The table is hand-curated from the 2,378 national procedure records; a name the table does
 * not know and that does not look like a specific body fails the seed build, so nothing is
 * silently misfiled. Pure: no I/O.
 */
import { agencyKey, isNoiseAgencyText, parseAgencyMention } from './agency-name.workflow.ts';
import type { AgencyKind, LocalKindLevel } from './agency.types.ts';
import { foldVietnamese } from './admin-unit.workflow.ts';

export interface LocalKindInstance {
  /** Two-digit slot in the agency code, the same in every province (stable, hand-assigned). */
  slot: number;
  /** Name before the province name: "Sở Tư pháp" → "Sở Tư pháp tỉnh Cà Mau". */
  title: string;
  kind: AgencyKind;
  /** 'province_pc', another local kind ('kind:province.police'), a central body ('central:Bộ Công an') or none. */
  parent: 'province_pc' | `kind:${string}` | `central:${string}` | null;
}

export interface LocalKindDefinition {
  key: string;
  name: string;
  level: LocalKindLevel;
  current?: false;
  successor?: string;
  instance?: LocalKindInstance;
  /** Names (compared by agencyKey) or patterns over the key. */
  match: ReadonlyArray<string | RegExp>;
}

const dept = (slot: number, title: string): LocalKindInstance => ({ slot, title, kind: 'province_department', parent: 'province_pc' });
const sub = (slot: number, title: string, parentKind: string, kind: AgencyKind = 'province_department'): LocalKindInstance => ({
  slot,
  title,
  kind,
  parent: `kind:${parentKind}`,
});
const vertical = (slot: number, title: string, central: string): LocalKindInstance => ({
  slot,
  title,
  kind: 'central_unit',
  parent: `central:${central}`,
});

export const LOCAL_KINDS: readonly LocalKindDefinition[] = [
  // Province level — one agency per province.
  {
    key: 'province.pc', name: 'Ủy ban nhân dân cấp tỉnh', level: 'province',
    match: ['Ủy ban nhân dân cấp tỉnh', 'Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh và thành phố trực thuộc Trung ương', 'Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương'],
  },
  { key: 'province.dept.justice', name: 'Sở Tư pháp', level: 'province', instance: dept(1, 'Sở Tư pháp'), match: ['Sở Tư pháp'] },
  { key: 'province.dept.construction', name: 'Sở Xây dựng', level: 'province', instance: dept(2, 'Sở Xây dựng'), match: ['Sở Xây dựng'] },
  {
    key: 'province.dept.agriculture_environment', name: 'Sở Nông nghiệp và Môi trường', level: 'province',
    instance: dept(3, 'Sở Nông nghiệp và Môi trường'),
    match: ['Sở Nông nghiệp và Môi trường', 'Cơ quan chuyên môn về nông nghiệp và môi trường thuộc Ủy ban nhân dân cấp tỉnh'],
  },
  { key: 'province.dept.finance', name: 'Sở Tài chính', level: 'province', instance: dept(4, 'Sở Tài chính'), match: ['Sở Tài chính', 'Sở Tài chính các tỉnh, thành phố'] },
  { key: 'province.dept.industry_trade', name: 'Sở Công Thương', level: 'province', instance: dept(5, 'Sở Công Thương'), match: ['Sở Công thương'] },
  { key: 'province.dept.home_affairs', name: 'Sở Nội vụ', level: 'province', instance: dept(6, 'Sở Nội vụ'), match: ['Sở Nội vụ'] },
  {
    key: 'province.economic_zones', name: 'Ban Quản lý các khu công nghiệp, khu kinh tế', level: 'province',
    instance: dept(7, 'Ban Quản lý các khu công nghiệp, khu kinh tế'),
    match: ['Ban quản lý khu công nghiệp, khu kinh tế, khu chế xuất, khu công nghệ cao các tỉnh, thành phố', 'Ban Quản lý các Khu công nghiệp', 'Ban Quản lý Khu kinh tế', 'Ban Quản lý Khu kinh tế và các Khu công nghiệp tỉnh'],
  },
  { key: 'province.public_service_centre', name: 'Trung tâm Phục vụ hành chính công', level: 'province', instance: dept(8, 'Trung tâm Phục vụ hành chính công'), match: ['Trung tâm Hành chính công', 'Trung tâm Phục vụ hành chính công'] },
  { key: 'province.police', name: 'Công an cấp tỉnh', level: 'province', instance: vertical(20, 'Công an', 'Bộ Công an'), match: ['Công an tỉnh', 'Công an cấp tỉnh'] },
  { key: 'province.tax', name: 'Thuế tỉnh, thành phố', level: 'province', instance: vertical(21, 'Thuế', 'Cục Thuế'), match: ['Thuế tỉnh, thành phố', 'Thuế tỉnh'] },
  {
    key: 'province.social_insurance', name: 'Bảo hiểm xã hội cấp tỉnh', level: 'province',
    instance: vertical(22, 'Bảo hiểm xã hội', 'Bảo hiểm xã hội Việt Nam'),
    match: ['Bảo hiểm xã hội cấp tỉnh', 'Bảo hiểm xã hội tỉnh'],
  },
  { key: 'province.civil_judgment', name: 'Thi hành án dân sự cấp tỉnh', level: 'province', instance: vertical(23, 'Thi hành án dân sự', 'Bộ Tư pháp'), match: ['Thi hành án dân sự tỉnh, thành phố'] },
  {
    key: 'province.council', name: 'Hội đồng nhân dân cấp tỉnh', level: 'province',
    instance: { slot: 30, title: 'Hội đồng nhân dân', kind: 'other', parent: null },
    match: ['Hội đồng nhân dân tỉnh', 'Hội đồng nhân dân cấp tỉnh'],
  },
  // Province level — units of a department (slot is the third code level under the department).
  { key: 'province.police.immigration', name: 'Phòng Quản lý xuất nhập cảnh', level: 'province', instance: sub(1, 'Phòng Quản lý xuất nhập cảnh', 'province.police', 'central_unit'), match: ['Phòng quản lý xuất nhập cảnh', 'Phòng Xuất nhập cảnh'] },
  { key: 'province.police.administrative', name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội', level: 'province', instance: sub(2, 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội', 'province.police', 'central_unit'), match: ['Phòng cảnh sát quản lý hành chính về trật tự xã hội'] },
  { key: 'province.police.traffic', name: 'Phòng Cảnh sát giao thông', level: 'province', instance: sub(3, 'Phòng Cảnh sát giao thông', 'province.police', 'central_unit'), match: ['Phòng Cảnh sát giao thông'] },
  { key: 'province.police.fire', name: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ', level: 'province', instance: sub(4, 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ', 'province.police', 'central_unit'), match: ['Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ'] },
  { key: 'province.land_registry', name: 'Văn phòng đăng ký đất đai', level: 'province', instance: sub(1, 'Văn phòng Đăng ký đất đai', 'province.dept.agriculture_environment'), match: ['Văn phòng đăng ký đất đai'] },
  { key: 'province.forest_protection', name: 'Chi cục Kiểm lâm', level: 'province', instance: sub(2, 'Chi cục Kiểm lâm', 'province.dept.agriculture_environment'), match: ['Chi cục Kiểm lâm', 'Chi cục Lâm nghiệp và Kiểm lâm', 'Chi cục Kiểm Lâm sở Nông nghiệp và Môi trường'] },
  { key: 'province.fisheries', name: 'Chi cục Thủy sản', level: 'province', instance: sub(3, 'Chi cục Thủy sản', 'province.dept.agriculture_environment'), match: ['Chi cục Thủy sản'] },
  { key: 'province.livestock_veterinary', name: 'Chi cục Chăn nuôi và Thú y', level: 'province', instance: sub(4, 'Chi cục Chăn nuôi và Thú y', 'province.dept.agriculture_environment'), match: ['Chi cục Chăn nuôi và Thú y'] },
  { key: 'province.crop_protection', name: 'Chi cục Trồng trọt và Bảo vệ thực vật', level: 'province', instance: sub(5, 'Chi cục Trồng trọt và Bảo vệ thực vật', 'province.dept.agriculture_environment'), match: ['Chi cục Trồng trọt và Bảo vệ thực vật'] },
  { key: 'province.forest_fund', name: 'Quỹ Bảo vệ và Phát triển rừng cấp tỉnh', level: 'province', instance: sub(6, 'Quỹ Bảo vệ và Phát triển rừng', 'province.dept.agriculture_environment', 'other'), match: ['Quỹ Bảo vệ và Phát triển rừng tỉnh'] },
  { key: 'province.legal_aid', name: 'Trung tâm Trợ giúp pháp lý nhà nước', level: 'province', instance: sub(1, 'Trung tâm Trợ giúp pháp lý nhà nước', 'province.dept.justice', 'other'), match: ['Trung tâm trợ giúp pháp lý nhà nước', 'Trung tâm trợ giúp pháp lý'] },
  // Province level — roles and classes, not one body.
  {
    key: 'province.designated_body', name: 'Cơ quan do Ủy ban nhân dân cấp tỉnh giao', level: 'province',
    match: [
      'Cơ quan chức năng do Ủy ban nhân dân cấp tỉnh chỉ định', 'Cơ quan phân cấp, ủy quyền của Ủy ban nhân dân cấp tỉnh',
      'Cơ quan, tổ chức được Ủy ban nhân dân cấp tỉnh giao thẩm định, phê duyệt',
      'Cơ quan được Chủ tịch Ủy ban nhân dân cấp tỉnh giao tiếp nhận hồ sơ giải quyết thủ tục hành chính',
      'cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh', 'Sở và cấp tương đương',
    ],
  },
  { key: 'province.land_authority', name: 'Cơ quan có chức năng quản lý đất đai cấp tỉnh', level: 'province', match: ['Cơ quan có chức năng quản lý đất đai cấp tỉnh'] },
  { key: 'province.fisheries_authority', name: 'Cơ quan quản lý nhà nước về thủy sản cấp tỉnh', level: 'province', match: ['Cơ quan quản lý nhà nước về thủy sản cấp tỉnh'] },
  { key: 'province.veterinary_authority', name: 'Cơ quan quản lý chuyên ngành thú y cấp tỉnh', level: 'province', match: ['Cơ quan quản lý chuyên ngành thú y cấp tỉnh'] },
  { key: 'province.compensation_body', name: 'Cơ quan giải quyết bồi thường cấp tỉnh', level: 'province', match: [/^cơ quan (giải quyết bồi thường là cơ quan )?trực tiếp quản lý người thi hành công vụ .* ở cấp tỉnh$/] },
  { key: 'province.hcmc_export_zones', name: 'Ban Quản lý các Khu chế xuất và công nghiệp', level: 'province', match: ['Ban Quản lý Khu chế xuất - Khu công nghiệp'] },
  { key: 'province.hcmc_high_tech_park', name: 'Ban Quản lý Khu công nghệ cao', level: 'province', match: ['Ban Quản lý Khu công nghệ cao'] },
  { key: 'province.economic_zone_projects', name: 'Ban Quản lý dự án đầu tư xây dựng khu kinh tế', level: 'province', match: ['Ban Quản lý dự án đầu tư xây dựng khu kinh tế'] },
  { key: 'province.integration_office', name: 'Văn phòng Ban chỉ đạo liên ngành hội nhập quốc tế về kinh tế', level: 'province', match: ['Văn phòng Ban chỉ đạo liên ngành hội nhập quốc tế về kinh tế'] },
  // Province level — abolished by the 2025 reorganisation; names still occur in records.
  { key: 'province.customs', name: 'Cục Hải quan tỉnh, thành phố', level: 'province', current: false, successor: 'regional.customs', match: ['Cục Hải quan tỉnh, thành phố'] },
  { key: 'province.dept.transport', name: 'Sở Giao thông vận tải', level: 'province', current: false, successor: 'province.dept.construction', match: ['Sở Giao thông vận tải'] },
  { key: 'province.dept.hcmc_transport', name: 'Sở Giao thông công chánh', level: 'province', current: false, successor: 'province.dept.construction', match: ['Sở Giao thông công chánh'] },
  { key: 'province.dept.agriculture_rural', name: 'Sở Nông nghiệp và Phát triển nông thôn', level: 'province', current: false, successor: 'province.dept.agriculture_environment', match: ['Sở Nông nghiệp và Phát triển nông thôn'] },
  { key: 'province.dept.labour', name: 'Sở Lao động - Thương binh và Xã hội', level: 'province', current: false, successor: 'province.dept.home_affairs', match: ['Sở Lao động - Thương binh và Xã hội'] },

  // Commune level.
  {
    key: 'commune.pc', name: 'Ủy ban nhân dân cấp xã', level: 'commune',
    match: ['Ủy ban nhân dân cấp xã', 'Ủy ban nhân dân xã', 'Ủy ban nhân dân xã, phường, thị trấn', 'Ủy ban nhân dân cấp xã, phường, thị trấn'],
  },
  { key: 'commune.police', name: 'Công an cấp xã', level: 'commune', match: ['Công an cấp xã', 'Công an xã'] },
  { key: 'commune.land_authority', name: 'Cơ quan quản lý đất đai cấp xã', level: 'commune', match: ['Cơ quan quản lý đất đai cấp xã'] },
  { key: 'commune.agriculture_environment', name: 'Cơ quan chuyên môn về nông nghiệp và môi trường thuộc Ủy ban nhân dân cấp xã', level: 'commune', match: ['Cơ quan chuyên môn về Nông nghiệp và Môi trường thuộc Ủy ban nhân dân cấp xã'] },
  { key: 'commune.compensation_body', name: 'Cơ quan giải quyết bồi thường cấp xã', level: 'commune', match: [/^cơ quan (giải quyết bồi thường là cơ quan )?trực tiếp quản lý người thi hành công vụ .* ở cấp xã$/] },

  // District level: abolished on 1 Jul 2025.
  { key: 'district.pc', name: 'Ủy ban nhân dân cấp huyện', level: 'district', current: false, successor: 'commune.pc', match: ['Ủy ban nhân dân cấp huyện'] },
  { key: 'district.police', name: 'Công an cấp huyện', level: 'district', current: false, successor: 'commune.police', match: ['Công an huyện', 'Công an cấp huyện'] },
  { key: 'district.social_insurance', name: 'Bảo hiểm xã hội cấp huyện', level: 'district', current: false, successor: 'province.social_insurance', match: ['Bảo hiểm xã hội cấp huyện'] },
  { key: 'district.justice', name: 'Phòng Tư pháp', level: 'district', current: false, successor: 'province.dept.justice', match: ['Phòng Tư pháp'] },
  { key: 'district.tax', name: 'Chi cục Thuế cấp huyện, khu vực', level: 'district', current: false, successor: 'regional.tax', match: ['Chi cục thuế huyện, thành phố', 'Chi cục thuế khu vực/đội thuế'] },

  // Regional offices of central bodies: several per country, not tied to one province.
  { key: 'regional.customs', name: 'Chi cục Hải quan khu vực', level: 'regional', match: ['Chi cục Hải quan khu vực', 'Hải quan khu vực/hải quan cửa khẩu'] },
  { key: 'regional.border_customs', name: 'Hải quan cửa khẩu', level: 'regional', match: ['Hải quan cửa khẩu'] },
  { key: 'regional.inland_customs', name: 'Hải quan ngoài cửa khẩu', level: 'regional', match: ['Hải quan ngoài cửa khẩu'] },
  { key: 'regional.tax', name: 'Thuế cơ sở', level: 'regional', match: ['Thuế cơ sở'] },
  { key: 'regional.treasury', name: 'Kho bạc Nhà nước khu vực', level: 'regional', match: ['Kho bạc Nhà nước khu vực'] },
  { key: 'regional.state_reserve', name: 'Cục Dự trữ Nhà nước khu vực', level: 'regional', match: ['Cục Dự trữ Nhà nước khu vực'] },
  { key: 'regional.state_reserve_branch', name: 'Chi cục Dự trữ Nhà nước', level: 'regional', match: ['Chi cục Dự trữ Nhà nước'] },
  { key: 'regional.maritime_port_authority', name: 'Cảng vụ hàng hải', level: 'regional', match: ['Cảng vụ hàng hải'] },
  { key: 'regional.maritime_port_office', name: 'Văn phòng đại diện Cảng vụ Hàng hải', level: 'regional', match: ['Văn phòng đại diện Cảng vụ Hàng hải'] },
  { key: 'regional.inland_port_authority', name: 'Cảng vụ đường thủy nội địa', level: 'regional', match: ['Cảng vụ đường thủy nội địa'] },
  { key: 'regional.airport_authority', name: 'Cảng vụ hàng không', level: 'regional', match: ['Cảng vụ hàng không'] },
  { key: 'regional.maritime_branch', name: 'Chi cục Hàng hải', level: 'regional', match: ['Chi cục Hàng hải'] },
  { key: 'regional.inland_waterway_branch', name: 'Chi cục Đường thủy nội địa', level: 'regional', match: ['Chi cục đường thủy nội địa'] },
  { key: 'regional.border_guard', name: 'Biên phòng cửa khẩu', level: 'regional', match: ['Biên phòng cửa khẩu', 'Biên phòng cửa khâu', 'Biên phòng cửa khẩu cảng'] },
  { key: 'regional.animal_quarantine', name: 'Cơ quan kiểm dịch động vật cửa khẩu', level: 'regional', match: ['Cơ quan kiểm dịch động vật cửa khẩu'] },
  { key: 'regional.plant_quarantine', name: 'Cơ quan kiểm dịch thực vật', level: 'regional', match: ['Cơ quan kiểm dịch thực vật'] },
  { key: 'regional.livestock_veterinary', name: 'Chi cục Chăn nuôi và Thú y vùng', level: 'regional', match: ['Chi cục Chăn nuôi và Thú y vùng'] },
  { key: 'regional.vehicle_registry', name: 'Chi cục Đăng kiểm', level: 'regional', match: ['Chi cục Đăng kiểm'] },
  { key: 'regional.road_management', name: 'Khu Quản lý đường bộ', level: 'regional', match: ['Khu Quản lý đường bộ'] },
  { key: 'regional.military_judgment', name: 'Phòng Thi hành án cấp quân khu', level: 'regional', match: ['Phòng thi hành án cấp quân khu'] },
  { key: 'regional.land_registry_branch', name: 'Chi nhánh Văn phòng đăng ký đất đai', level: 'regional', match: ['Chi nhánh Văn phòng đăng ký đất đai'] },

  // Classes of body at no fixed level.
  { key: 'any.related', name: 'Các cơ quan, tổ chức liên quan', level: 'unspecified', match: ['Các cơ quan, tổ chức liên quan'] },
  { key: 'any.other', name: 'Cơ quan khác', level: 'unspecified', match: ['Cơ quan khác'] },
  { key: 'any.police', name: 'Cơ quan công an', level: 'unspecified', match: ['Cơ quan công an'] },
  { key: 'any.tax', name: 'Cơ quan thuế', level: 'unspecified', match: ['Cơ quan thuế'] },
  { key: 'any.treasury', name: 'Kho bạc Nhà nước các cấp', level: 'unspecified', match: ['Kho bạc nhà nước các cấp'] },
  { key: 'any.court', name: 'Tòa án nhân dân', level: 'unspecified', match: ['Tòa án nhân dân'] },
  {
    key: 'any.ministry', name: 'Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ', level: 'unspecified',
    match: [
      'Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ', 'Bộ, Cơ quan ngang Bộ', 'Bộ', 'Bộ trưởng',
      'Cơ quan chuyên môn được Bộ, cơ quan ngang Bộ giao',
      'Bộ phận tiếp công dân của các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
      'Đơn vị đầu mối thuộc bộ, cơ quan ngang bộ được giao tổ chức hoạt động mạng lưới tư vấn viên',
    ],
  },
  { key: 'any.ministry_or_province', name: 'Bộ, ngành và Ủy ban nhân dân tỉnh liên quan', level: 'unspecified', match: ['Bộ, ngành và Ủy ban nhân dân tỉnh liên quan'] },
  { key: 'any.compensation_body', name: 'Cơ quan giải quyết bồi thường cấp trung ương', level: 'unspecified', match: [/^cơ quan (giải quyết bồi thường là cơ quan )?trực tiếp quản lý người thi hành công vụ .* ở cấp trung ương$/] },
  { key: 'any.notary', name: 'Tổ chức hành nghề công chứng', level: 'unspecified', match: ['Tổ chức hành nghề công chứng'] },
  { key: 'any.law_practice', name: 'Tổ chức hành nghề luật sư', level: 'unspecified', match: ['Tổ chức hành nghề luật sư'] },
  { key: 'any.legal_advice', name: 'Tổ chức tư vấn pháp luật', level: 'unspecified', match: ['Tổ chức tư vấn pháp luật'] },
  { key: 'any.legal_aid_provider', name: 'Tổ chức thực hiện trợ giúp pháp lý', level: 'unspecified', match: ['Người đứng đầu của tổ chức thực hiện trợ giúp pháp lý'] },
  { key: 'any.representative_mission', name: 'Cơ quan đại diện Việt Nam ở nước ngoài', level: 'unspecified', match: ['Cơ quan đại diện có thẩm quyền', 'Cơ quan đại diện Việt Nam nơi mua tàu hoặc nơi bàn giao tàu'] },
  { key: 'any.owner_representative', name: 'Cơ quan đại diện chủ sở hữu', level: 'unspecified', match: ['Cơ quan đại diện chủ sở hữu'] },
  { key: 'any.managing_body', name: 'Cơ quan chủ quản', level: 'unspecified', match: ['Cơ quan chủ quản'] },
  { key: 'any.register_holder', name: 'Cơ quan, tổ chức đang quản lý sổ gốc', level: 'unspecified', match: ['Cơ quan, tổ chức đang quản lý sổ gốc'] },
  { key: 'any.civil_status_database', name: 'Cơ quan quản lý cơ sở dữ liệu hộ tịch điện tử', level: 'unspecified', match: ['Cơ quan quản lý cơ sở dữ liệu hộ tịch điện tử'] },
  { key: 'any.hydrometeorology_authority', name: 'Cơ quan quản lý nhà nước về khí tượng thủy văn', level: 'unspecified', match: [/^cơ quan giúp bộ trưởng bộ nông nghiệp và môi trường .*khí tượng thủy văn$/] },
  { key: 'any.sector_authority', name: 'Cơ quan quản lý nhà nước về nhà ở, công trình xây dựng, nông nghiệp', level: 'unspecified', match: ['Cơ quan quản lý nhà nước về nhà ở, công trình xây dựng, nông nghiệp'] },
  { key: 'any.afforestation_funding', name: 'Cơ quan có thẩm quyền phê duyệt nguồn vốn trồng rừng', level: 'unspecified', match: ['Cơ quan có thẩm quyền phê duyệt nguồn vốn trồng rừng'] },
  { key: 'any.inspectorate', name: 'Phòng Thanh tra', level: 'unspecified', match: ['Phòng Thanh tra'] },
  { key: 'any.housing_operator', name: 'Đơn vị quản lý vận hành nhà ở', level: 'unspecified', match: ['Đơn vị quản lý vận hành nhà ở'] },
  { key: 'any.management_board', name: 'Ban quản lý', level: 'unspecified', match: ['Ban quản lý'] },
  { key: 'any.vehicle_inspection', name: 'Cơ sở đăng kiểm', level: 'unspecified', match: ['Cơ sở đăng kiểm (xe cơ giới, xe máy chuyên dùng)', 'Các đơn vị đăng kiểm', 'Cơ sở đăng kiểm'] },
  { key: 'any.fishing_vessel_inspection', name: 'Cơ sở đăng kiểm tàu cá', level: 'unspecified', match: ['Cơ sở đăng kiểm tàu cá'] },
  { key: 'any.training_institution', name: 'Cơ sở đào tạo đủ điều kiện được công nhận', level: 'unspecified', match: ['Cơ sở đào tạo đủ điều kiện được công nhận'] },
  { key: 'any.professional_body', name: 'Tổ chức xã hội - nghề nghiệp đã được công nhận', level: 'unspecified', match: ['Tổ chức xã hội - nghề nghiệp đã được công nhận'] },
  { key: 'any.commercial_bank', name: 'Chi nhánh ngân hàng thương mại', level: 'unspecified', match: ['Chi nhánh ngân hàng thương mại trên địa bàn'] },
  { key: 'any.sme_support', name: 'Cơ quan, tổ chức hỗ trợ doanh nghiệp nhỏ và vừa', level: 'unspecified', match: ['Cơ quan, tổ chức hỗ trợ doanh nghiệp nhỏ và vừa', 'Doanh nghiệp nhỏ và vừa và cơ quan'] },
];

const KIND_BY_KEY = new Map(LOCAL_KINDS.map((k) => [k.key, k]));
const EXACT = new Map<string, LocalKindDefinition>();
const PATTERNS: Array<[RegExp, LocalKindDefinition]> = [];
for (const kind of LOCAL_KINDS) {
  for (const m of kind.match) {
    if (typeof m !== 'string') {
      PATTERNS.push([m, kind]);
      continue;
    }
    const key = agencyKey(m);
    const seen = EXACT.get(key);
    if (seen && seen !== kind) throw new Error(`Local kinds ${seen.key} and ${kind.key} both match "${m}"`);
    EXACT.set(key, kind);
  }
}

/** The local kind with this key. Throws on an unknown key (a programming error). */
export function getLocalKind(key: string): LocalKindDefinition {
  const kind = KIND_BY_KEY.get(key);
  if (!kind) throw new Error(`Unknown local kind ${key}`);
  return kind;
}

function matchKind(body: string): LocalKindDefinition | undefined {
  const key = agencyKey(body);
  return EXACT.get(key) ?? PATTERNS.find(([re]) => re.test(key))?.[1];
}

/** A province the classifier can recognise in a name: current or former, by short name. */
export interface ProvinceName {
  code: string;
  shortName: string;
}

export type AgencyClassification =
  | { type: 'local'; kind: LocalKindDefinition; provinceCode: string | null; role?: string }
  | { type: 'central'; body: string; key: string; parentHint?: string; role?: string }
  | { type: 'noise' };

// Words that may open the name of one specific central body.
const SPECIFIC_HEAD =
  /^(?:Bộ|Cục|Tổng cục|Vụ|Thanh tra|Ủy ban|Uỷ ban|Trung tâm|Ban|Văn phòng|Chi cục|Cảng vụ hàng không miền|Ngân hàng Nhà nước|Bảo hiểm xã hội Việt Nam|Kho bạc Nhà nước|Quỹ|Thủ tướng|Chính phủ|Quốc hội|Chủ tịch nước|Tổng công ty|Công đoàn|Cơ quan đăng ký tàu biển|Cơ quan thẩm quyền quản lý CITES|Hội đồng)(?:\s|\/|$)/iu;

/**
 * Says what one agency name from a procedure record refers to: a local kind (optionally for one
 * named province: "Sở Tư pháp Thành phố Hà Nội"), one specific central body, or leaked page text.
 * Throws for a generic-looking name the kind table does not know, so the table stays complete.
 */
export function classifyAgencyName(name: string, provinces: readonly ProvinceName[]): AgencyClassification {
  if (isNoiseAgencyText(name)) return { type: 'noise' };
  const mention = parseAgencyMention(name);
  const role = mention.role ? { role: mention.role } : {};
  const direct = matchKind(mention.body);
  if (direct && !mention.parentHint) return { type: 'local', kind: direct, provinceCode: null, ...role };
  const place = splitProvinceSuffix(mention.body, provinces);
  if (place) {
    const kind = matchKind(place.rest);
    if (kind) return { type: 'local', kind, provinceCode: place.provinceCode, ...role };
  }
  if (!SPECIFIC_HEAD.test(mention.body) || /\b(?:cấp tỉnh|cấp xã|cấp huyện)\b/u.test(mention.body)) {
    throw new Error(`"${name}" is neither a known local kind nor a specific body: add it to LOCAL_KINDS`);
  }
  return {
    type: 'central',
    body: mention.body,
    key: agencyKey(mention.body),
    ...(mention.parentHint ? { parentHint: mention.parentHint } : {}),
    ...role,
  };
}

/** "Sở Tư pháp Thành phố Hà Nội" → { rest: "Sở Tư pháp", provinceCode: "01" }. */
export function splitProvinceSuffix(body: string, provinces: readonly ProvinceName[]): { rest: string; provinceCode: string } | null {
  const m = /^(.*?)(?:\s+-\s+|\s+)(?:tỉnh|thành phố)\s+(.+)$/iu.exec(body);
  if (!m) return null;
  const wanted = foldVietnamese(m[2] ?? '');
  const province = provinces.find((p) => foldVietnamese(p.shortName) === wanted);
  return province ? { rest: (m[1] ?? '').trim(), provinceCode: province.code } : null;
}
