import type { AdoptionIndicator } from './adoption';

/** The nine focus topics of door-to-door guidance (docs/mission/PLAN.md, "The nine focus topics"). */
export const DIGITAL_TOPICS = {
  'online-public-services': { no: 1, vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
  'cashless-payment': { no: 2, vi: 'Thanh toán không dùng tiền mặt', en: 'Cashless payment' },
  'digital-signature': {
    no: 3,
    vi: 'Chữ ký số, chữ ký điện tử cá nhân',
    en: 'Personal digital or electronic signature',
  },
  'e-commerce': {
    no: 4,
    vi: 'Mua bán trên sàn thương mại điện tử',
    en: 'Buying and selling on e-commerce platforms',
  },
  vneid: { no: 5, vi: 'Tài khoản định danh điện tử VNeID', en: 'VNeID electronic identity account' },
  'e-health-record': { no: 6, vi: 'Sổ sức khỏe điện tử', en: 'Electronic health record app' },
  'online-safety': {
    no: 7,
    vi: 'Bảo vệ bản thân và gia đình trên không gian mạng',
    en: 'Protecting oneself and one’s family online',
  },
  'information-search': {
    no: 8,
    vi: 'Tìm kiếm thông tin hiệu quả trên Internet',
    en: 'Searching for information effectively online',
  },
  'ai-basics': {
    no: 9,
    vi: 'Nhận thức và kỹ năng cơ bản về trí tuệ nhân tạo (AI)',
    en: 'Awareness and basic skills of AI',
  },
} as const;

export type DigitalTopic = keyof typeof DIGITAL_TOPICS;

export const DIGITAL_TOPIC_CODES = Object.keys(DIGITAL_TOPICS) as [DigitalTopic, ...DigitalTopic[]];

/**
 * The person-level indicator that guidance on a topic moves (docs/mission/PLAN.md indicators 1–6): a resident
 * guided on cashless payment is on the way to a digital payment account. The other three topics
 * (online safety, information search, AI) have no indicator of their own.
 */
export const TOPIC_INDICATOR: Readonly<Partial<Record<DigitalTopic, AdoptionIndicator>>> = {
  'online-public-services': 'online-public-services',
  'cashless-payment': 'payment-account',
  'digital-signature': 'digital-signature',
  'e-commerce': 'e-commerce',
  vneid: 'vneid',
  'e-health-record': 'e-health-record',
};
