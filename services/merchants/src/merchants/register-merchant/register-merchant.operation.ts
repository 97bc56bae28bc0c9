import { MERCHANTS } from '../../api-tags';
import { deciderOperation } from '@cnscd/service-kit';
import { common, RegisterMerchantRequest } from '../merchant-write-parts';

export const registerMerchant = deciderOperation({
  ...common,
  kind: 'register-merchant',
  scope: 'merchants:write',
  input: RegisterMerchantRequest,
  http: {
    path: 'merchants',
    tag: MERCHANTS,
    summary: 'Đăng ký cơ sở kinh doanh / Register a merchant',
    description:
      'Không cần thông tin cá nhân của chủ cơ sở. Owners’ personal data is not needed and not kept. `merchantId` is made by the caller.',
    location: (r: Record<string, unknown>) => `/v1/merchants/${r['merchantId']}`,
  },
  command: ({ commandId: _c, occurredAt: _o, ...data }) => ({ type: 'RegisterMerchant' as const, ...data }),
});
