import { z } from 'zod';
import {
  AUTH_RESPONSES,
  HEALTH_DOCS,
  batchDoc,
  batchRequest,
  buildOpenApiDocument,
  commandDoc,
  queryDoc,
  type RouteDoc,
} from '@cnscd/service-kit';
import { SetCashlessCriteriaRequest } from './criteria/criteria.operations';
import { ImportParams } from './imports/merchant-import.http.controller';
import {
  AddOcopProductRequest,
  CloseMerchantRequest,
  DelistOcopProductRequest,
  ListOcopProductRequest,
  MoveMerchantRequest,
  RegisterMerchantRequest,
  ReopenMerchantRequest,
} from './merchants/merchant.operations';
import { MERCHANTS_OPERATIONS } from './merchants-operations';
import {
  RecordOnboardingStepRequest,
  VerifyQrCodeRequest,
  WithdrawQrCodeRequest,
} from './onboarding/onboarding.operations';
import {
  DesignatePlaceRequest,
  RecordFeeCollectionRequest,
  RegisterMarketRequest,
  RegisterStreetRequest,
  RevokeDesignationRequest,
} from './places/place.operations';
import {
  ListMerchantsParams,
  ListPlacesParams,
  MerchantPage,
  MerchantView,
  OcopParams,
  OcopProductView,
  PlaceView,
} from './queries/merchant-queries';

const MERCHANTS = 'Cơ sở kinh doanh / Merchants';
const QR = 'Thanh toán QR / QR payment onboarding';
const PLACES = 'Tuyến đường, chợ không dùng tiền mặt / Cashless streets and markets';
const OCOP = 'OCOP và thương mại điện tử / OCOP on e-commerce';
const SYNC = 'Đồng bộ và nhập tệp / Sync and import';

const routes: RouteDoc[] = [
  commandDoc(
    '/v1/merchants',
    MERCHANTS,
    'Đăng ký cơ sở kinh doanh / Register a merchant',
    RegisterMerchantRequest,
    'Không cần thông tin cá nhân của chủ cơ sở. Owners’ personal data is not needed and not kept. `merchantId` is made by the caller.',
  ),
  commandDoc(
    '/v1/merchants/moves',
    MERCHANTS,
    'Chuyển địa điểm / Move a merchant',
    MoveMerchantRequest,
    'Thôn, tuyến đường, chợ, sạp mới từ ngày hiệu lực. New village, street, market or stall from the effective date.',
  ),
  commandDoc(
    '/v1/merchants/closures',
    MERCHANTS,
    'Đóng cửa / Close a merchant',
    CloseMerchantRequest,
    'Không còn được tính từ ngày đóng cửa. Leaves the denominator from the closing date.',
  ),
  commandDoc(
    '/v1/merchants/reopenings',
    MERCHANTS,
    'Mở cửa lại / Reopen a merchant',
    ReopenMerchantRequest,
    'Được tính lại từ ngày mở cửa lại. Counts again from the reopening date.',
  ),
  queryDoc(
    '/v1/merchants',
    MERCHANTS,
    'Cơ sở theo thôn, tuyến đường, chợ, giai đoạn QR / Merchants by village, street, market and QR stage',
    MerchantPage,
    ListMerchantsParams,
  ),
  queryDoc('/v1/merchants/{merchantId}', MERCHANTS, 'Xem một cơ sở / Read one merchant', MerchantView),
  commandDoc(
    '/v1/onboarding/steps',
    QR,
    'Ghi nhận một bước mở thanh toán QR / Record a QR onboarding step',
    RecordOnboardingStepRequest,
    'Chỉ ngân hàng/tổ chức thanh toán của hồ sơ này. Only the bank or payment provider the onboarding belongs to; a provider posting for itself may omit `providerId`.',
  ),
  commandDoc(
    '/v1/onboarding/verifications',
    QR,
    'Xác nhận mã QR đã niêm yết / Verify a posted QR code',
    VerifyQrCodeRequest,
    'Xã (UBND, các phòng, Tổ CNSCĐ) xác nhận mọi hồ sơ; ngân hàng chỉ hồ sơ của mình. The commune verifies any; a bank only its own.',
  ),
  commandDoc(
    '/v1/onboarding/withdrawals',
    QR,
    'Thu hồi mã QR / Withdraw a QR code',
    WithdrawQrCodeRequest,
    'Hồ sơ bắt đầu lại. The onboarding starts over.',
  ),
  queryDoc(
    '/v1/onboarding/orphans',
    QR,
    'Hồ sơ QR của cơ sở chưa đăng ký (không được tính) / QR onboardings of merchants nobody registered (counted nowhere)',
    z.array(
      z.object({
        onboardingId: z.string(),
        merchantId: z.string(),
        providerId: z.string(),
        stage: z.string(),
        updatedAt: z.string(),
      }),
    ),
  ),
  commandDoc(
    '/v1/streets',
    PLACES,
    'Đăng ký tuyến đường / Register a street',
    RegisterStreetRequest,
    'Các cơ sở gắn với tuyến đường qua `streetId`. Merchants name their street by `streetId`.',
  ),
  commandDoc(
    '/v1/markets',
    PLACES,
    'Đăng ký chợ / Register a market',
    RegisterMarketRequest,
    'Các sạp gắn với chợ qua `marketId`. Stalls name their market by `marketId`.',
  ),
  commandDoc(
    '/v1/markets/fee-collection',
    PLACES,
    'Ghi nhận thu phí chợ không dùng tiền mặt / Record cashless fee collection',
    RecordFeeCollectionRequest,
    'Một trong các tiêu chí chợ. One of the market criteria.',
  ),
  commandDoc(
    '/v1/cashless-criteria',
    PLACES,
    'Đặt tiêu chí "không dùng tiền mặt" của xã / Set the commune’s cashless criteria',
    SetCashlessCriteriaRequest,
    'Thay đổi tiêu chí đánh giá lại mọi tuyến đường và chợ. Changing the criteria re-evaluates every street and market.',
  ),
  commandDoc(
    '/v1/designations',
    PLACES,
    'Công nhận tuyến đường, chợ (số, ngày quyết định) / Designate a street or market',
    DesignatePlaceRequest,
    'Quyết định chính thức của xã, tách khỏi việc đạt tiêu chí. The formal decision, separate from qualifying.',
  ),
  commandDoc(
    '/v1/designations/revocations',
    PLACES,
    'Thu hồi công nhận / Revoke a designation',
    RevokeDesignationRequest,
    'Nêu số quyết định. Name the decision.',
  ),
  queryDoc(
    '/v1/places',
    PLACES,
    'Tiến độ từng tuyến đường và chợ so với tiêu chí / Each street’s and market’s progress against the criteria',
    z.array(PlaceView),
    ListPlacesParams,
  ),
  queryDoc(
    '/v1/cashless-criteria',
    PLACES,
    'Tiêu chí hiện hành / The criteria in force',
    z.object({ criteria: z.unknown(), position: z.number() }),
  ),
  commandDoc(
    '/v1/ocop/products',
    OCOP,
    'Khai báo sản phẩm OCOP / Declare an OCOP product',
    AddOcopProductRequest,
    'Sản phẩm của một cơ sở, số sao OCOP. A merchant’s product and its OCOP stars.',
  ),
  commandDoc(
    '/v1/ocop/listings',
    OCOP,
    'Đưa sản phẩm lên sàn / List a product on a platform',
    ListOcopProductRequest,
    'Sàn: shopee, lazada, postmart, tiki, … Platform codes.',
  ),
  commandDoc(
    '/v1/ocop/delistings',
    OCOP,
    'Gỡ sản phẩm khỏi sàn / Delist a product',
    DelistOcopProductRequest,
    'Sản phẩm không còn trên sàn. No longer listed.',
  ),
  queryDoc(
    '/v1/ocop/products',
    OCOP,
    'Sản phẩm OCOP và sàn đang bán (online=false: chưa lên sàn) / OCOP products and where they sell (online=false: not yet online)',
    z.array(OcopProductView),
    OcopParams,
  ),
  batchDoc(SYNC, batchRequest(Object.keys(MERCHANTS_OPERATIONS))),
  {
    method: 'post',
    path: '/v1/imports/merchants',
    tags: [SYNC],
    summary: 'Nhập danh sách cơ sở từ tệp CSV / Import a merchant list from CSV',
    description:
      'Tiêu đề tiếng Việt: Tên cơ sở, Loại hình, Thôn, Tuyến đường, Chợ, Sạp, Ngành hàng, Ngày mở cửa. `dryRun=true` chỉ kiểm tra. ' +
      'Send as `text/csv`. A dry run reports every bad row (line, column, reason); importing the same file again changes nothing.',
    query: ImportParams,
    responses: {
      200: { description: 'Báo cáo nhập / Import report' },
      400: { description: 'Tệp hoặc tham số sai / Bad file or parameters' },
      ...AUTH_RESPONSES,
    },
  },
  ...HEALTH_DOCS,
];

export const merchantsOpenApi = () =>
  buildOpenApiDocument(
    {
      title:
        'cnscd — Merchants service (Cơ sở kinh doanh, thanh toán QR, tuyến đường và chợ không dùng tiền mặt)',
      version: '0.1.0',
      description:
        'Chỉ tiêu 7 và 8 của kế hoạch, và sản phẩm OCOP trên sàn thương mại điện tử. Ngân hàng gửi dữ liệu bằng khóa API riêng. ' +
        'Indicators 7 and 8 of the plan, and OCOP products on e-commerce. Banks post with their own API keys. ' +
        'Authenticate with `Authorization: Bearer <access token or API key>` (from the identity service). NATS: `cnscd.merchants.cmd.<kind>` with the same bodies.',
    },
    routes,
  );
