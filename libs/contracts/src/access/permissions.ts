import type { OrganisationKind } from '../adoption';

/**
 * The one permission model: what a credential may do follows from the kind of organisation it belongs
 * to and the role of its holder. Each scope has a level; an organisation kind has a ceiling of scopes
 * (what any of its people could ever do), and a role opens the levels within that ceiling. Finer rules
 * that depend on the data (which kind may confirm which adoption stage, a bank only its own merchants'
 * onboarding, the commune offices designating places) stay in the deciders that own that data.
 */

/** How far a scope reaches: reading, field work, a team leader's work, running the programme, admin. */
export const SCOPE_LEVELS = ['read', 'write', 'lead', 'manage', 'admin'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export const SCOPES = {
  'outreach:visits:read': { level: 'read', vi: 'Xem các lượt thăm hộ', en: 'Read visits' },
  'outreach:visits:write': { level: 'write', vi: 'Ghi lượt thăm hộ', en: 'Log visits' },
  'outreach:residents:read': {
    level: 'read',
    vi: 'Xem cư dân (ẩn danh)',
    en: 'Read residents (pseudonymous)',
  },
  'outreach:residents:write': {
    level: 'write',
    vi: 'Đăng ký cư dân, hộ',
    en: 'Register residents and households',
  },
  'outreach:adoptions:write': {
    level: 'write',
    vi: 'Xác nhận, thu hồi mức sử dụng',
    en: 'Confirm and retract adoptions',
  },
  'outreach:imports': { level: 'lead', vi: 'Nhập danh sách CSV', en: 'Import CSV lists' },
  'outreach:residents:contact': {
    level: 'manage',
    vi: 'Xem họ tên, số điện thoại',
    en: 'Read names and phone numbers',
  },
  'outreach:residents:erase': { level: 'admin', vi: 'Xóa dữ liệu cư dân', en: 'Erase a resident’s data' },
  'merchants:read': { level: 'read', vi: 'Xem cơ sở kinh doanh', en: 'Read merchants' },
  'merchants:write': { level: 'write', vi: 'Đăng ký, cập nhật cơ sở', en: 'Register and update merchants' },
  'merchants:onboarding': { level: 'write', vi: 'Ghi các bước mở QR', en: 'Record QR onboarding steps' },
  'merchants:imports': { level: 'lead', vi: 'Nhập danh sách cơ sở', en: 'Import merchant lists' },
  'merchants:places': {
    level: 'manage',
    vi: 'Tuyến phố, chợ và tiêu chí không tiền mặt',
    en: 'Streets, markets and cashless criteria',
  },
  'training:read': {
    level: 'read',
    vi: 'Xem tổ, hoạt động, tập huấn',
    en: 'Read teams, activities, training',
  },
  'training:write': {
    level: 'write',
    vi: 'Ghi hoạt động, buổi tập huấn',
    en: 'Record activities and sessions',
  },
  'training:reports': { level: 'lead', vi: 'Báo cáo của tổ', en: 'Team reports' },
  'training:teams': { level: 'manage', vi: 'Lập tổ, danh sách thành viên', en: 'Set up teams and rosters' },
  'training:contacts': { level: 'manage', vi: 'Xem liên lạc thành viên', en: 'Read members’ contacts' },
  'indicators:read': { level: 'read', vi: 'Xem chỉ tiêu', en: 'Read indicators' },
  'events:export': {
    level: 'read',
    vi: 'Xuất sự kiện của xã (ẩn danh)',
    en: 'Export the commune’s events (pseudonymous)',
  },
  'indicators:province': {
    level: 'read',
    vi: 'Xem tổng hợp toàn tỉnh',
    en: 'Read the province roll-up',
  },
  'indicators:review': {
    level: 'manage',
    vi: 'Trả lại, chấp nhận báo cáo quý của các xã',
    en: 'Return or accept the communes’ quarterly reports',
  },
  'indicators:configure': {
    level: 'manage',
    vi: 'Đặt chỉ tiêu, mức được tính, danh mục thôn',
    en: 'Set targets, counted stages and the villages',
  },
  'indicators:denominators': {
    level: 'manage',
    vi: 'Nhập số dân theo độ tuổi',
    en: 'Enter population estimates',
  },
  'indicators:reports': {
    level: 'manage',
    vi: 'Lập, nộp báo cáo quý',
    en: 'Draft and file quarterly reports',
  },
  'indicators:admin': { level: 'admin', vi: 'Dựng lại số liệu', en: 'Rebuild the indicators' },
  'ops:read': { level: 'admin', vi: 'Xem tình trạng hệ thống', en: 'Read system health and metrics' },
  'ops:repair': {
    level: 'admin',
    vi: 'Phát lại hoặc bỏ qua sự kiện bị gác lại',
    en: 'Replay or dismiss parked events',
  },
  'identity:members': {
    level: 'admin',
    vi: 'Quản lý người dùng, khóa API của đơn vị mình',
    en: 'Manage own organisation’s users and API keys',
  },
  'identity:organisations': {
    level: 'admin',
    vi: 'Đăng ký đơn vị, quản lý mọi tài khoản trong xã',
    en: 'Register organisations, manage every account in the commune',
  },
  'audit:read': {
    level: 'admin',
    vi: 'Xem nhật ký lệnh được nhận, bị từ chối',
    en: 'Read the audit trail of accepted and refused commands',
  },
} as const satisfies Record<string, { level: ScopeLevel; vi: string; en: string }>;
export type Scope = keyof typeof SCOPES;
/**
 * The scopes that reach beyond the credential's own commune (the province's department): every other
 * read and write is confined to the credential's commune.
 */
export const CROSS_COMMUNE_SCOPES: readonly Scope[] = ['indicators:province', 'indicators:review'];
export const SCOPE_NAMES = Object.keys(SCOPES) as [Scope, ...Scope[]];

export const ROLES = {
  'field-member': { levels: ['read', 'write'], vi: 'Thành viên tổ', en: 'Field member' },
  'team-leader': { levels: ['read', 'write', 'lead'], vi: 'Tổ trưởng', en: 'Team leader' },
  'partner-officer': {
    levels: ['read', 'write', 'lead'],
    vi: 'Cán bộ đơn vị phối hợp',
    en: 'Partner officer',
  },
  'office-officer': { levels: ['read', 'write', 'lead', 'manage'], vi: 'Cán bộ phòng', en: 'Office officer' },
  analyst: { levels: ['read'], vi: 'Phân tích (chỉ xem)', en: 'Analyst (read-only)' },
  administrator: { levels: SCOPE_LEVELS, vi: 'Quản trị', en: 'Administrator' },
} as const satisfies Record<string, { levels: readonly ScopeLevel[]; vi: string; en: string }>;
export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

const READ_ALL: readonly Scope[] = [
  'outreach:visits:read',
  'outreach:residents:read',
  'merchants:read',
  'training:read',
  'indicators:read',
  'events:export',
];
/** Door-to-door work any partner organisation of the plan takes part in. */
const FIELD_WORK: readonly Scope[] = [
  'outreach:visits:read',
  'outreach:visits:write',
  'outreach:residents:read',
  'outreach:residents:write',
  'outreach:adoptions:write',
  'outreach:imports',
];

/** The most an organisation of each kind may do (docs/mission/PLAN.md, "who does what"). */
const CEILINGS: Readonly<Record<OrganisationKind, readonly Scope[]>> = {
  'village-team': [
    ...FIELD_WORK,
    'merchants:read',
    'merchants:write',
    'merchants:onboarding',
    'training:read',
    'training:write',
    'training:reports',
    'indicators:read',
  ],
  'peoples-committee': [
    ...READ_ALL,
    'identity:organisations',
    'audit:read',
    'outreach:adoptions:write',
    'outreach:residents:contact',
    'merchants:places',
    'training:teams',
    'indicators:configure',
    'indicators:reports',
    'indicators:denominators',
    'ops:read',
  ],
  'culture-society-office': [
    ...READ_ALL,
    'identity:organisations',
    'audit:read',
    ...FIELD_WORK,
    'outreach:residents:contact',
    'outreach:residents:erase',
    'merchants:places',
    'training:write',
    'training:reports',
    'training:teams',
    'training:contacts',
    'indicators:configure',
    'indicators:reports',
    'indicators:denominators',
    'indicators:admin',
    'ops:read',
    'ops:repair',
  ],
  'economic-office': [
    ...READ_ALL,
    'merchants:write',
    'merchants:onboarding',
    'merchants:imports',
    'merchants:places',
    'indicators:reports',
  ],
  'commune-police': [...FIELD_WORK, 'indicators:read', 'indicators:denominators'],
  bank: [...FIELD_WORK, 'merchants:read', 'merchants:onboarding'],
  'payment-provider': [...FIELD_WORK, 'merchants:read', 'merchants:onboarding'],
  'post-telecom': [...FIELD_WORK, 'merchants:read', 'merchants:write'],
  'health-station': FIELD_WORK,
  school: [...FIELD_WORK, 'training:read', 'training:write'],
  'youth-union': [...FIELD_WORK, 'training:read', 'training:write'],
  'mass-organisation': [...FIELD_WORK, 'training:read', 'training:write'],
  'province-department': ['indicators:read', 'indicators:province', 'indicators:review'],
};
/** Every organisation's administrators manage its own people and keys. */
export const ORGANISATION_CEILINGS: Readonly<Record<OrganisationKind, readonly Scope[]>> = Object.fromEntries(
  Object.entries(CEILINGS).map(([kind, scopes]) => [kind, [...scopes, 'identity:members']]),
) as unknown as Record<OrganisationKind, readonly Scope[]>;

/** What a holder of `role` in an organisation of `kind` may do. */
export function scopesOf(kind: OrganisationKind, role: Role): Scope[] {
  const levels: readonly ScopeLevel[] = ROLES[role].levels;
  return [...new Set(ORGANISATION_CEILINGS[kind])].filter((s) => levels.includes(SCOPES[s].level));
}
