-- Module agencies: administrative units after the 1 Jul 2025 reform, the pre-reform units with
-- their old→new mapping, and the agency register. PostgreSQL 15 compatible.

CREATE TABLE admin_unit_province (
  code        text PRIMARY KEY CHECK (code ~ '^\d{2}$'),
  name        text NOT NULL,
  short_name  text NOT NULL,
  unit_type   text NOT NULL CHECK (unit_type IN ('tỉnh', 'thành phố')),
  name_folded text NOT NULL
);
COMMENT ON TABLE admin_unit_province IS 'The 34 provinces and centrally-run cities from 1 Jul 2025 (scheme 2025), GSO 2-digit codes per 915/CTK-CSCL.';

CREATE TABLE admin_unit_commune (
  code          text PRIMARY KEY CHECK (code ~ '^\d{5}$'),
  name          text NOT NULL,
  unit_type     text NOT NULL CHECK (unit_type IN ('phường', 'xã', 'đặc khu')),
  province_code text NOT NULL REFERENCES admin_unit_province (code),
  name_folded   text NOT NULL,
  core_folded   text NOT NULL
);
COMMENT ON TABLE admin_unit_commune IS 'The 3,321 commune-level units from 1 Jul 2025 (scheme 2025), GSO 5-digit codes per 1027/CTK-CSCL; a code may equal a pre-reform code of another unit.';
CREATE INDEX admin_unit_commune_province_idx ON admin_unit_commune (province_code);
CREATE INDEX admin_unit_commune_name_folded_idx ON admin_unit_commune (name_folded);
CREATE INDEX admin_unit_commune_core_folded_idx ON admin_unit_commune (core_folded);

CREATE TABLE admin_unit_legacy_province (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  name_folded text NOT NULL
);
COMMENT ON TABLE admin_unit_legacy_province IS 'The 63 provinces before 1 Jul 2025 (scheme legacy), for addresses on older documents.';

CREATE TABLE admin_unit_legacy_province_mapping (
  legacy_id     text NOT NULL REFERENCES admin_unit_legacy_province (id),
  province_code text NOT NULL REFERENCES admin_unit_province (code),
  PRIMARY KEY (legacy_id, province_code)
);
COMMENT ON TABLE admin_unit_legacy_province_mapping IS 'Which 2025 province each pre-reform province went into.';

CREATE TABLE admin_unit_legacy_commune (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  unit_type   text NOT NULL CHECK (unit_type IN ('phường', 'xã', 'thị trấn', 'huyện')),
  province_id text NOT NULL REFERENCES admin_unit_legacy_province (id),
  name_folded text NOT NULL,
  core_folded text NOT NULL
);
COMMENT ON TABLE admin_unit_legacy_commune IS 'Pre-reform communes (GSO, 1 Mar 2025) plus the island districts that had none (unit_type huyện); scheme legacy.';
CREATE INDEX admin_unit_legacy_commune_province_idx ON admin_unit_legacy_commune (province_id);
CREATE INDEX admin_unit_legacy_commune_core_folded_idx ON admin_unit_legacy_commune (core_folded);

CREATE TABLE admin_unit_legacy_commune_mapping (
  legacy_id    text NOT NULL REFERENCES admin_unit_legacy_commune (id),
  commune_code text NOT NULL REFERENCES admin_unit_commune (code),
  merge_type   text NOT NULL CHECK (merge_type IN ('full', 'partial')),
  PRIMARY KEY (legacy_id, commune_code)
);
COMMENT ON TABLE admin_unit_legacy_commune_mapping IS 'Old→new: the 2025 commune(s) each pre-reform unit went into, whole (full) or in part (partial). Partial mappings are probable, not authoritative.';
CREATE INDEX admin_unit_legacy_commune_mapping_commune_idx ON admin_unit_legacy_commune_mapping (commune_code);

CREATE TABLE agency_local_kind (
  key           text PRIMARY KEY,
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('province', 'commune', 'district', 'regional', 'unspecified')),
  is_current    boolean NOT NULL,
  successor_key text REFERENCES agency_local_kind (key) DEFERRABLE INITIALLY DEFERRED,
  instantiated  boolean NOT NULL
);
COMMENT ON TABLE agency_local_kind IS 'Kinds of agency that procedure records name generically ("Công an cấp xã", "Sở Tư pháp"), with their level; district kinds were abolished on 1 Jul 2025.';

CREATE TABLE agency (
  code              text PRIMARY KEY,
  name              text NOT NULL,
  short_name        text,
  kind              text NOT NULL CHECK (kind IN ('ministry', 'central_unit', 'province_pc', 'province_department', 'commune_pc', 'other')),
  parent_code       text REFERENCES agency (code) DEFERRABLE INITIALLY DEFERRED,
  admin_unit_scheme text CHECK (admin_unit_scheme = '2025'),
  province_code     text REFERENCES admin_unit_province (code),
  commune_code      text REFERENCES admin_unit_commune (code),
  local_kind        text REFERENCES agency_local_kind (key),
  CHECK ((admin_unit_scheme IS NULL) = (province_code IS NULL)),
  CHECK (commune_code IS NULL OR province_code IS NOT NULL)
);
COMMENT ON TABLE agency IS 'The agency register: ministries, central units, provincial and commune People''s Committees and provincial agencies; code is a derived QCVN 102:2016-style identifier (see the module README).';
CREATE INDEX agency_parent_idx ON agency (parent_code);
CREATE INDEX agency_kind_idx ON agency (kind);
CREATE INDEX agency_province_idx ON agency (province_code);
CREATE UNIQUE INDEX agency_commune_pc_idx ON agency (commune_code) WHERE kind = 'commune_pc';

CREATE TABLE agency_alias (
  name        text PRIMARY KEY,
  name_key    text NOT NULL,
  agency_code text REFERENCES agency (code) ON DELETE CASCADE,
  local_kind  text REFERENCES agency_local_kind (key) ON DELETE CASCADE,
  CHECK ((agency_code IS NULL) <> (local_kind IS NULL))
);
COMMENT ON TABLE agency_alias IS 'Every spelling of an agency or local kind seen in procedure records, and each canonical name; name_key (agencyKey) is what lookups use, and all spellings with one key name the same target (checked by the seed build).';
CREATE INDEX agency_alias_name_key_idx ON agency_alias (name_key);
