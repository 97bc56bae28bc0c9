import { z } from 'zod';
import {
  AUTH_RESPONSES,
  HEALTH_DOCS,
  batchDoc,
  batchRequest,
  buildOpenApiDocument,
  queryDoc,
  type RouteDoc,
  EVENTS_EXPORT_DOC,
} from '@cnscd/service-kit';
import { CashlessCriteria, ImportReport } from '@cnscd/contracts';
import { ImportParams } from './imports/merchant-import.http.controller';
import { MERCHANTS, OCOP, PLACES, QR } from './api-tags';
import { MERCHANTS_OPERATIONS, MERCHANTS_WRITES } from './merchants-operations';
import { ListMerchantsParams, MerchantPage, MerchantView } from './queries/merchants.query';
import { ListPlacesParams, PlaceView } from './queries/places.query';
import { OcopParams, OcopProductView } from './queries/ocop-products.query';

const SYNC = 'Đồng bộ và nhập tệp / Sync and import';

const routes: RouteDoc[] = [
  EVENTS_EXPORT_DOC,
  ...MERCHANTS_WRITES.docs,
  queryDoc(
    '/v1/merchants',
    MERCHANTS,
    'Cơ sở theo thôn, tuyến đường, chợ, giai đoạn QR / Merchants by village, street, market and QR stage',
    MerchantPage,
    ListMerchantsParams,
  ),
  queryDoc('/v1/merchants/{merchantId}', MERCHANTS, 'Xem một cơ sở / Read one merchant', MerchantView),
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
    z.object({ criteria: CashlessCriteria, position: z.number() }),
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
      200: { description: 'Báo cáo nhập / Import report', schema: ImportReport },
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
