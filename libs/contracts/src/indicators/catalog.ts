import type { AdoptionIndicator } from '../adoption';

export type AgeBand = '14+' | '15+' | '18+';
export const AGE_BANDS: readonly AgeBand[] = ['14+', '15+', '18+'];

export type IndicatorId = AdoptionIndicator | 'merchants-qr' | 'cashless-streets' | 'cashless-markets';

export interface IndicatorDefinition {
  readonly id: IndicatorId;
  /** The plan's number (8 is split into streets and markets, which have separate targets). */
  readonly no: string;
  readonly vi: string;
  readonly en: string;
  /** Who the share is of: residents of an age band, open merchants, or a plain count. */
  readonly kind: 'residents' | 'merchants' | 'count';
  readonly ageBand?: AgeBand;
  readonly minAge?: number;
  /** The stage that counts unless the commune configures another (a configuration event). */
  readonly defaultStage?: string;
  readonly stages?: readonly string[];
  /** The plan's targets: shares (0–1) for residents and merchants, numbers for counts. */
  readonly targets: { readonly 2025: number; readonly 2030: number };
}

const PERSON_STAGES = ['guided', 'installed', 'active'] as const;

/** The eight indicators of the commune's plan (docs/mission/PLAN.md), as data. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'vneid',
    no: '1',
    vi: 'Cài đặt, sử dụng định danh điện tử VNeID mức 2',
    en: 'VNeID level-2 electronic identity installed and used',
    kind: 'residents',
    ageBand: '14+',
    minAge: 14,
    defaultStage: 'active',
    stages: PERSON_STAGES,
    targets: { 2025: 0.9, 2030: 1 },
  },
  {
    id: 'e-health-record',
    no: '2',
    vi: 'Sử dụng Sổ sức khỏe điện tử',
    en: 'Uses the electronic health record app',
    kind: 'residents',
    ageBand: '14+',
    minAge: 14,
    defaultStage: 'active',
    stages: PERSON_STAGES,
    targets: { 2025: 0.8, 2030: 0.95 },
  },
  {
    id: 'digital-signature',
    no: '3',
    vi: 'Có chữ ký số hoặc chữ ký điện tử',
    en: 'Has a digital or electronic signature',
    kind: 'residents',
    ageBand: '18+',
    minAge: 18,
    defaultStage: 'installed',
    stages: PERSON_STAGES,
    targets: { 2025: 0.4, 2030: 0.7 },
  },
  {
    id: 'online-public-services',
    no: '4',
    vi: 'Sử dụng dịch vụ công trực tuyến',
    en: 'Uses online public services',
    kind: 'residents',
    ageBand: '18+',
    minAge: 18,
    defaultStage: 'active',
    stages: PERSON_STAGES,
    targets: { 2025: 0.5, 2030: 0.8 },
  },
  {
    id: 'payment-account',
    no: '5',
    vi: 'Có tài khoản thanh toán số',
    en: 'Has a digital payment account',
    kind: 'residents',
    ageBand: '15+',
    minAge: 15,
    defaultStage: 'installed',
    stages: PERSON_STAGES,
    targets: { 2025: 0.5, 2030: 0.8 },
  },
  {
    id: 'e-commerce',
    no: '6',
    vi: 'Sử dụng sàn thương mại điện tử',
    en: 'Uses e-commerce platforms',
    kind: 'residents',
    ageBand: '14+',
    minAge: 14,
    defaultStage: 'active',
    stages: PERSON_STAGES,
    targets: { 2025: 0.1, 2030: 0.5 },
  },
  {
    id: 'merchants-qr',
    no: '7',
    vi: 'Cơ sở kinh doanh chấp nhận thanh toán không dùng tiền mặt (niêm yết mã QR)',
    en: 'Merchants accepting cashless payment (QR code posted)',
    kind: 'merchants',
    defaultStage: 'qr-verified',
    stages: ['qr-verified', 'active'],
    targets: { 2025: 0.9, 2030: 1 },
  },
  {
    id: 'cashless-streets',
    no: '8a',
    vi: 'Tuyến đường "Không sử dụng tiền mặt"',
    en: 'Cashless streets',
    kind: 'count',
    targets: { 2025: 1, 2030: 2 },
  },
  {
    id: 'cashless-markets',
    no: '8b',
    vi: 'Chợ thanh toán không dùng tiền mặt',
    en: 'Cashless markets',
    kind: 'count',
    targets: { 2025: 0, 2030: 1 },
  },
];

export const INDICATOR_IDS = INDICATORS.map((i) => i.id) as [IndicatorId, ...IndicatorId[]];
export const indicatorById = (id: string): IndicatorDefinition | undefined =>
  INDICATORS.find((i) => i.id === id);
