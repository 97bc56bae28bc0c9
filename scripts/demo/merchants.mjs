// Demo data for the merchants service: two streets, a market, merchants on them, QR onboarding by a
// bank, verification by the village team, OCOP products. Fixed command ids: starting again changes nothing.
import { createHash } from 'node:crypto';

const uuid = (label) => {
  const h = createHash('sha256').update(`cnscd-demo-merchants:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const AT = (day) => `2026-03-${String(day).padStart(2, '0')}T09:00:00+07:00`;
const cmd = (kind, label, input, day = 2) => ({
  kind,
  input: { commandId: uuid(`cmd-${label}`), occurredAt: AT(day), ...input },
});

export const DEMO_BANK = 'ngan-hang-demo';
const STREETS = [
  { id: uuid('street-hung-vuong'), name: 'Đường Hùng Vương', village: 'thon-1' },
  { id: uuid('street-tran-phu'), name: 'Đường Trần Phú', village: 'thon-2' },
];
const MARKET = { id: uuid('market-di-linh'), name: 'Chợ Di Linh', village: 'thon-1' };
const SHOPS = [
  'Tạp hóa Minh Anh',
  'Quán cà phê Đồi Thông',
  'Tiệm thuốc Phúc An',
  'Cửa hàng điện thoại Hòa',
  'Tiệm bánh Hạnh',
  'Quán phở Bắc',
];

/** Batches by sender: the Economic Office, the village team, the bank. */
export function merchantsDemo() {
  const office = [];
  const team = [];
  const bank = [];
  for (const s of STREETS)
    office.push(cmd('register-street', s.id, { streetId: s.id, name: s.name, villageCodes: [s.village] }));
  office.push(
    cmd('register-market', MARKET.id, {
      marketId: MARKET.id,
      name: MARKET.name,
      villageCode: MARKET.village,
    }),
  );
  const merchants = [];
  STREETS.forEach((s, si) =>
    SHOPS.forEach((name, i) =>
      merchants.push({
        id: uuid(`m-${si}-${i}`),
        kind: i % 2 ? 'shop' : 'household-business',
        name: `${name}${si ? ' 2' : ''}`,
        village: s.village,
        streetId: s.id,
        marketId: null,
        stall: null,
      }),
    ),
  );
  for (let i = 1; i <= 8; i++)
    merchants.push({
      id: uuid(`stall-${i}`),
      kind: 'small-trader',
      name: `Sạp số ${i}`,
      village: MARKET.village,
      streetId: null,
      marketId: MARKET.id,
      stall: `S-${i}`,
    });
  for (const m of merchants) {
    office.push(
      cmd('register-merchant', `reg-${m.id}`, {
        merchantId: m.id,
        kind: m.kind,
        businessName: m.name,
        villageCode: m.village,
        streetId: m.streetId,
        marketId: m.marketId,
        stall: m.stall,
        openedOn: '2024-01-15',
      }),
    );
  }
  // The first street gets 5 of its 6 shops onto verified QR payment (it qualifies); the second, 2.
  merchants.forEach((m, i) => {
    const reach =
      m.streetId === STREETS[0].id ? i < 5 : m.streetId === STREETS[1].id ? i % 6 < 2 : i % 2 === 0;
    bank.push(cmd('record-onboarding-step', `c-${m.id}`, { merchantId: m.id, step: 'contacted' }, 3));
    if (!reach) return;
    bank.push(cmd('record-onboarding-step', `q-${m.id}`, { merchantId: m.id, step: 'qr-issued' }, 5));
    team.push(cmd('verify-qr-code', `v-${m.id}`, { merchantId: m.id, providerId: DEMO_BANK }, 8));
  });
  const coffee = merchants[1];
  office.push(
    cmd('add-ocop-product', 'ocop-1', {
      merchantId: coffee.id,
      productId: uuid('ocop-coffee'),
      name: 'Cà phê Robusta Di Linh',
      stars: 4,
    }),
  );
  office.push(
    cmd('add-ocop-product', 'ocop-2', {
      merchantId: coffee.id,
      productId: uuid('ocop-tea'),
      name: 'Trà atiso Di Linh',
      stars: 3,
    }),
  );
  office.push(
    cmd(
      'list-ocop-product',
      'ocop-1-listed',
      { merchantId: coffee.id, productId: uuid('ocop-coffee'), platform: 'postmart', listedOn: '2026-03-10' },
      10,
    ),
  );
  return { office, team, bank };
}
