import { serviceWrites } from '@cnscd/service-kit';
import { setCashlessCriteria } from './criteria/criteria.operations';
import {
  addOcopProduct,
  closeMerchant,
  delistOcopProduct,
  listOcopProduct,
  moveMerchant,
  registerMerchant,
  reopenMerchant,
} from './merchants/merchant.operations';
import { recordOnboardingStep, verifyQrCode, withdrawQrCode } from './onboarding/onboarding.operations';
import {
  designatePlace,
  recordFeeCollection,
  registerMarket,
  registerStreet,
  revokeDesignation,
} from './places/place.operations';

/** The service's tags in its API document, for its writes and queries alike. */
export const MERCHANTS = 'Cơ sở kinh doanh / Merchants';
export const OCOP = 'OCOP và thương mại điện tử / OCOP on e-commerce';
export const PLACES = 'Tuyến đường, chợ không dùng tiền mặt / Cashless streets and markets';
export const QR = 'Thanh toán QR / QR payment onboarding';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.merchants.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const MERCHANTS_WRITES = serviceWrites([
  {
    operation: registerMerchant,
    http: {
      path: 'merchants',
      tag: MERCHANTS,
      summary: 'Đăng ký cơ sở kinh doanh / Register a merchant',
      description:
        'Không cần thông tin cá nhân của chủ cơ sở. Owners’ personal data is not needed and not kept. `merchantId` is made by the caller.',
      location: (r: Record<string, unknown>) => `/v1/merchants/${r['merchantId']}`,
    },
  },
  {
    operation: moveMerchant,
    http: {
      path: 'merchants/moves',
      tag: MERCHANTS,
      summary: 'Chuyển địa điểm / Move a merchant',
      description:
        'Thôn, tuyến đường, chợ, sạp mới từ ngày hiệu lực. New village, street, market or stall from the effective date.',
    },
  },
  {
    operation: closeMerchant,
    http: {
      path: 'merchants/closures',
      tag: MERCHANTS,
      summary: 'Đóng cửa / Close a merchant',
      description: 'Không còn được tính từ ngày đóng cửa. Leaves the denominator from the closing date.',
    },
  },
  {
    operation: reopenMerchant,
    http: {
      path: 'merchants/reopenings',
      tag: MERCHANTS,
      summary: 'Mở cửa lại / Reopen a merchant',
      description: 'Được tính lại từ ngày mở cửa lại. Counts again from the reopening date.',
    },
  },
  {
    operation: addOcopProduct,
    http: {
      path: 'ocop/products',
      tag: OCOP,
      summary: 'Khai báo sản phẩm OCOP / Declare an OCOP product',
      description: 'Sản phẩm của một cơ sở, số sao OCOP. A merchant’s product and its OCOP stars.',
    },
  },
  {
    operation: listOcopProduct,
    http: {
      path: 'ocop/listings',
      tag: OCOP,
      summary: 'Đưa sản phẩm lên sàn / List a product on a platform',
      description: 'Sàn: shopee, lazada, postmart, tiki, … Platform codes.',
    },
  },
  {
    operation: delistOcopProduct,
    http: {
      path: 'ocop/delistings',
      tag: OCOP,
      summary: 'Gỡ sản phẩm khỏi sàn / Delist a product',
      description: 'Sản phẩm không còn trên sàn. No longer listed.',
    },
  },
  {
    operation: recordOnboardingStep,
    http: {
      path: 'onboarding/steps',
      tag: QR,
      summary: 'Ghi nhận một bước mở thanh toán QR / Record a QR onboarding step',
      description:
        'Chỉ ngân hàng/tổ chức thanh toán của hồ sơ này. Only the bank or payment provider the onboarding belongs to; a provider posting for itself may omit `providerId`.',
    },
  },
  {
    operation: verifyQrCode,
    http: {
      path: 'onboarding/verifications',
      tag: QR,
      summary: 'Xác nhận mã QR đã niêm yết / Verify a posted QR code',
      description:
        'Xã (UBND, các phòng, Tổ CNSCĐ) xác nhận mọi hồ sơ; ngân hàng chỉ hồ sơ của mình. The commune verifies any; a bank only its own.',
    },
  },
  {
    operation: withdrawQrCode,
    http: {
      path: 'onboarding/withdrawals',
      tag: QR,
      summary: 'Thu hồi mã QR / Withdraw a QR code',
      description: 'Hồ sơ bắt đầu lại. The onboarding starts over.',
    },
  },
  {
    operation: registerStreet,
    http: {
      path: 'streets',
      tag: PLACES,
      summary: 'Đăng ký tuyến đường / Register a street',
      description: 'Các cơ sở gắn với tuyến đường qua `streetId`. Merchants name their street by `streetId`.',
    },
  },
  {
    operation: registerMarket,
    http: {
      path: 'markets',
      tag: PLACES,
      summary: 'Đăng ký chợ / Register a market',
      description: 'Các sạp gắn với chợ qua `marketId`. Stalls name their market by `marketId`.',
    },
  },
  {
    operation: recordFeeCollection,
    http: {
      path: 'markets/fee-collection',
      tag: PLACES,
      summary: 'Ghi nhận thu phí chợ không dùng tiền mặt / Record cashless fee collection',
      description: 'Một trong các tiêu chí chợ. One of the market criteria.',
    },
  },
  {
    operation: designatePlace,
    http: {
      path: 'designations',
      tag: PLACES,
      summary: 'Công nhận tuyến đường, chợ (số, ngày quyết định) / Designate a street or market',
      description:
        'Quyết định chính thức của xã, tách khỏi việc đạt tiêu chí. The formal decision, separate from qualifying.',
    },
  },
  {
    operation: revokeDesignation,
    http: {
      path: 'designations/revocations',
      tag: PLACES,
      summary: 'Thu hồi công nhận / Revoke a designation',
      description: 'Nêu số quyết định. Name the decision.',
    },
  },
  {
    operation: setCashlessCriteria,
    http: {
      path: 'cashless-criteria',
      tag: PLACES,
      summary: 'Đặt tiêu chí "không dùng tiền mặt" của xã / Set the commune’s cashless criteria',
      description:
        'Thay đổi tiêu chí đánh giá lại mọi tuyến đường và chợ. Changing the criteria re-evaluates every street and market.',
    },
  },
]);
export const MERCHANTS_OPERATIONS = MERCHANTS_WRITES.registry;
export const CommandsHttpController = MERCHANTS_WRITES.controller;
