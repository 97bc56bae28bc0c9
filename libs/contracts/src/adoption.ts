/**
 * The six person-level indicators of the plan (indicators 1–6), the stages an adoption moves through,
 * and the kinds of evidence behind a confirmation.
 */
export const ADOPTION_INDICATORS = {
  vneid: { no: 1, vi: 'Định danh điện tử VNeID mức 2', en: 'VNeID level-2 electronic identity', minAge: 14 },
  'e-health-record': { no: 2, vi: 'Sổ sức khỏe điện tử', en: 'Electronic health record app', minAge: 14 },
  'digital-signature': {
    no: 3,
    vi: 'Chữ ký số / chữ ký điện tử',
    en: 'Digital or electronic signature',
    minAge: 18,
  },
  'online-public-services': {
    no: 4,
    vi: 'Dịch vụ công trực tuyến',
    en: 'Online public services',
    minAge: 18,
  },
  'payment-account': { no: 5, vi: 'Tài khoản thanh toán số', en: 'Digital payment account', minAge: 15 },
  'e-commerce': { no: 6, vi: 'Sàn thương mại điện tử', en: 'E-commerce platforms', minAge: 14 },
} as const;
export type AdoptionIndicator = keyof typeof ADOPTION_INDICATORS;
export const ADOPTION_INDICATOR_CODES = Object.keys(ADOPTION_INDICATORS) as [
  AdoptionIndicator,
  ...AdoptionIndicator[],
];

/** In order: each stage implies the ones before it. Which stage counts is the indicators service's configuration. */
export const ADOPTION_STAGES = ['guided', 'installed', 'active'] as const;
export type AdoptionStage = (typeof ADOPTION_STAGES)[number];
export const ADOPTION_STAGE_LABELS: Record<AdoptionStage, { vi: string; en: string }> = {
  guided: { vi: 'Đã hướng dẫn', en: 'Guided' },
  installed: { vi: 'Đã cài đặt', en: 'Installed' },
  active: { vi: 'Đã kích hoạt / đang sử dụng', en: 'Activated / in use' },
};

export const EVIDENCE_KINDS = ['self-reported', 'verified-on-device', 'provider-records'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const RETRACTION_REASONS = [
  'entered-in-error',
  'duplicate',
  'not-confirmed-by-provider',
  'other',
] as const;
export const ERASURE_REASONS = [
  'resident-request',
  'deceased',
  'duplicate-record',
  'entered-in-error',
] as const;

/** Organisation kinds of the plan; the adoption policy and the permission model (`access/`) speak of these. */
export const ORGANISATION_KINDS = [
  'village-team',
  'peoples-committee',
  'culture-society-office',
  'economic-office',
  'commune-police',
  'bank',
  'payment-provider',
  'post-telecom',
  'health-station',
  'school',
  'youth-union',
  'mass-organisation',
  /** The provincial Department of Science and Technology: receives the reports, reads every commune. */
  'province-department',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Each kind's name, as the apps say who may do what (Vietnamese first). */
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, { vi: string; en: string }> = {
  'village-team': { vi: 'Tổ CNSCĐ thôn', en: 'Village digital team' },
  'peoples-committee': { vi: 'UBND xã', en: 'Commune People’s Committee' },
  'culture-society-office': { vi: 'Phòng Văn hóa – Xã hội', en: 'Culture–Society Office' },
  'economic-office': { vi: 'Phòng Kinh tế', en: 'Economic Office' },
  'commune-police': { vi: 'Công an xã', en: 'Commune police' },
  bank: { vi: 'Ngân hàng', en: 'Bank' },
  'payment-provider': { vi: 'Trung gian thanh toán', en: 'Payment provider' },
  'post-telecom': { vi: 'Bưu điện, viễn thông', en: 'Post and telecom' },
  'health-station': { vi: 'Trạm y tế', en: 'Health station' },
  school: { vi: 'Trường học', en: 'School' },
  'youth-union': { vi: 'Đoàn Thanh niên', en: 'Youth Union' },
  'mass-organisation': { vi: 'Đoàn thể', en: 'Mass organisation' },
  'province-department': { vi: 'Sở Khoa học và Công nghệ', en: 'Department of Science and Technology' },
};
