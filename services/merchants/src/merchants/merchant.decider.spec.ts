import { deciderSpec } from '@cnscd/testing';
import { merchantDecider, type MerchantCommand, type MerchantEvent } from './merchant.decider';

const spec = deciderSpec(merchantDecider);
const ID = '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c11';
const PRODUCT = '0b6f8f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b';
const registration = {
  merchantId: ID,
  kind: 'household-business' as const,
  businessName: 'Tạp hóa Cô Ba',
  villageCode: 'thon-1',
  streetId: null,
  marketId: null,
  stall: null,
  sector: 'tạp hóa',
  openedOn: '2025-06-01',
};
const registered: MerchantEvent = { type: 'MerchantRegistered', data: registration };
const closedEvent: MerchantEvent = {
  type: 'MerchantClosed',
  data: { merchantId: ID, closedOn: '2026-02-01' },
};
const productAdded: MerchantEvent = {
  type: 'OcopProductAdded',
  data: { merchantId: ID, productId: PRODUCT, name: 'Cà phê Di Linh', stars: 4 },
};
const list = (platform: string): MerchantCommand => ({
  type: 'ListOcopProduct',
  merchantId: ID,
  productId: PRODUCT,
  platform,
  listedOn: '2026-03-01',
});

describe('the merchant registry', () => {
  it('registers a merchant once, however many times the same list is imported', () => {
    spec
      .given([])
      .when({ type: 'RegisterMerchant', ...registration })
      .then([registered]);
    spec
      .given([registered])
      .when({ type: 'RegisterMerchant', ...registration })
      .then([]);
  });

  it('answers a registration of a known merchant with other details as a conflict showing what is recorded', () => {
    const decision = merchantDecider.decide(
      { type: 'RegisterMerchant', ...registration, businessName: 'Khác' },
      [registered].reduce(merchantDecider.evolve, merchantDecider.initialState()),
    );
    expect(decision).toMatchObject({ code: 'MerchantRegisteredDifferently', recorded: registration });
  });

  it('closes a merchant from a date, and refuses to move a closed one', () => {
    spec
      .given([registered])
      .when({ type: 'CloseMerchant', merchantId: ID, closedOn: '2026-02-01' })
      .then([closedEvent]);
    spec
      .given([registered, closedEvent])
      .when({ type: 'CloseMerchant', merchantId: ID, closedOn: '2026-02-05' })
      .then([]);
    spec
      .given([registered, closedEvent])
      .when({
        type: 'MoveMerchant',
        merchantId: ID,
        villageCode: 'thon-2',
        streetId: null,
        marketId: null,
        stall: null,
        effectiveDate: '2026-03-01',
      })
      .thenRejects('MerchantClosed');
  });

  it('refuses a change dated before the last one', () => {
    spec
      .given([registered, closedEvent])
      .when({ type: 'ReopenMerchant', merchantId: ID, reopenedOn: '2026-01-01' })
      .thenRejects('DateBeforeCurrentState', 'reopenedOn');
  });
});

describe('OCOP products on e-commerce platforms', () => {
  it('lists a product on a platform once, and delists it', () => {
    const listed: MerchantEvent = {
      type: 'OcopProductListed',
      data: { merchantId: ID, productId: PRODUCT, platform: 'shopee', listedOn: '2026-03-01' },
    };
    spec.given([registered, productAdded]).when(list('shopee')).then([listed]);
    spec.given([registered, productAdded, listed]).when(list('shopee')).then([]);
    spec
      .given([registered, productAdded, listed])
      .when({
        type: 'DelistOcopProduct',
        merchantId: ID,
        productId: PRODUCT,
        platform: 'shopee',
        delistedOn: '2026-04-01',
      })
      .then([
        {
          type: 'OcopProductDelisted',
          data: { merchantId: ID, productId: PRODUCT, platform: 'shopee', delistedOn: '2026-04-01' },
        },
      ]);
  });

  it('refuses to list a product the merchant has not declared', () => {
    spec.given([registered]).when(list('postmart')).thenRejects('UnknownProduct', 'productId');
  });
});
