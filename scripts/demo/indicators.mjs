// Demo data for the indicators service: the commune's villages, population estimates per village and age band (as the commune
// police would post them) and a village's own target. Fixed command ids: starting again changes nothing.
import { createHash } from 'node:crypto';

const uuid = (label) => {
  const h = createHash('sha256').update(`cnscd-demo-indicators:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const cmd = (kind, label, input) => ({
  kind,
  input: { commandId: uuid(label), occurredAt: '2026-01-02T09:00:00+07:00', ...input },
});

/** The demo commune's villages: recorded first, every other write names one of them. */
const VILLAGES = { 'thon-1': 'Thôn Tân Hà', 'thon-2': 'Thôn Đoàn Kết', 'thon-3': 'Bon Bu Nor' };

export function villagesDemo() {
  return Object.entries(VILLAGES).map(([villageCode, name]) =>
    cmd('register-village', `village-${villageCode}`, {
      villageCode,
      name,
      effectiveDate: '2025-07-01',
    }),
  );
}

const POPULATION = { 'thon-1': [14, 13, 11], 'thon-2': [12, 11, 10], 'thon-3': [13, 12, 11] };

export function indicatorsDemo() {
  const items = [];
  for (const [village, counts] of Object.entries(POPULATION)) {
    ['14+', '15+', '18+'].forEach((ageBand, i) =>
      items.push(
        cmd('estimate-denominator', `den-${village}-${ageBand}`, {
          villageCode: village,
          ageBand,
          count: counts[i],
          source: 'Công an xã, dữ liệu dân cư tháng 01/2026',
          effectiveDate: '2026-01-01',
        }),
      ),
    );
  }
  items.push(
    cmd('set-target', 'target-thon-3', {
      indicator: 'e-commerce',
      villageCode: 'thon-3',
      year: 2026,
      value: 0.2,
      reason: 'Thôn có nhiều hộ trồng cà phê, chè: đẩy mạnh bán hàng trên sàn',
    }),
  );
  return items;
}
