// Long: one seeded generator of a commune's year (villages, estimates, residents, merchants), read top to
// bottom as the history it writes; the province benchmark and the rebuild tests share it.
import { createHash } from 'node:crypto';
import { addDays } from '@cnscd/contracts';

/**
 * A synthetic but valid history for tests and benchmarks: residents registered in villages, adoption
 * confirmations and retractions by several organisations, moves, population estimates, merchants with
 * QR onboarding, and the commune's villages (one merged mid-year). Deterministic for a seed. Each item is one commit as the event store writes it.
 */
export interface GeneratedCommit {
  readonly subject: string;
  readonly body: string;
  readonly events: number;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (label: string) => createHash('sha256').update(label).digest('hex');
const uuid = (label: string) => {
  const h = hex(label);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const INDICATORS = [
  'vneid',
  'e-health-record',
  'digital-signature',
  'online-public-services',
  'payment-account',
  'e-commerce',
];
const STAGES = ['guided', 'installed', 'active'];

// Long: the generated history reads as a commune's years, step by step, in one seeded loop; issue 16's
// province generator replaces it.
export function* generateHistory(options: {
  totalEvents: number;
  commune?: string;
  villages?: number;
  seed?: number;
  year?: number;
  /**
   * The share of a resident's facts recorded late: dated before their latest fact (a backlog posted by
   * a partner, a confirmation entered weeks after). The others follow each other in time, as a
   * village team records a visit the day it happens. Default 0.1.
   */
  lateShare?: number;
}): Generator<GeneratedCommit> {
  const commune = options.commune ?? '99001';
  const villages = Array.from({ length: options.villages ?? 20 }, (_, i) => `thon-${i + 1}`);
  const year = options.year ?? 2025;
  const random = prng(options.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const day = () =>
    `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const lateShare = options.lateShare ?? 0.1;
  /** A resident's next fact: a few weeks after their latest, or (late) any day before it. */
  const after = (latest: string): { day: string; latest: string } => {
    if (random() < lateShare)
      return { day: addDays(`${year}-01-01`, Math.floor(random() * (daysInto(latest) + 1))), latest };
    const next = addDays(latest, Math.floor(random() * 45));
    const day = next > `${year}-12-31` ? `${year}-12-31` : next;
    return { day, latest: day };
  };
  const daysInto = (day: string) => Math.round((Date.parse(day) - Date.parse(`${year}-01-01`)) / 86_400_000);
  let n = 0;
  let commandNo = 0;
  const commit = (
    context: string,
    type: string,
    id: string,
    events: { type: string; data: object; at: string }[],
  ): GeneratedCommit => {
    commandNo += 1;
    n += events.length;
    const meta = {
      commandId: uuid(`cmd-${commandNo}`),
      commandHash: 'generated',
      actor: { organisationId: 'generator', userId: 'generator' },
      correlationId: 'generated',
      causationId: 'generated',
    };
    const body = {
      v: 1,
      meta,
      events: events.map((e, i) => ({
        id: uuid(`evt-${commandNo}-${i}`),
        type: e.type,
        sv: 1,
        at: `${e.at}T09:00:00+07:00`,
        data: e.data,
      })),
    };
    return {
      subject: `cnscd.evt.${commune}.${context}.${type}.${id}`,
      body: JSON.stringify(body),
      events: events.length,
    };
  };

  // The commune's villages first, as the People's Committee registers them; the last is merged into
  // the first mid-year, so its residents count there from July.
  yield commit('indicators', 'village-register', commune, [
    ...villages.map((village, i) => ({
      type: 'VillageRegistered',
      data: { villageCode: village, name: `Thôn ${i + 1}`, effectiveDate: `${year - 1}-01-01` },
      at: `${year - 1}-01-01`,
    })),
    ...villages
      .slice(1)
      .slice(-1)
      .map((last) => ({
        type: 'VillageRetired',
        data: {
          villageCode: last,
          effectiveDate: `${year}-07-01`,
          successors: [villages[0]!],
          reason: 'Sáp nhập thôn (dữ liệu sinh)',
        },
        at: `${year}-06-15`,
      })),
  ]);
  for (const village of villages) {
    for (const band of ['14+', '15+', '18+']) {
      yield commit('indicators', 'settings', commune, [
        {
          type: 'DenominatorEstimated',
          data: {
            villageCode: village,
            ageBand: band,
            count: 300 + Math.floor(random() * 400),
            source: 'generated',
            effectiveDate: `${year}-01-01`,
          },
          at: `${year}-01-01`,
        },
      ]);
    }
  }
  let r = 0;
  while (n < options.totalEvents) {
    r += 1;
    if (r % 10 === 0) {
      // A merchant with a QR onboarding.
      const merchantId = uuid(`merchant-${r}`);
      const openedOn = `${year - 1}-06-01`;
      yield commit('merchants', 'merchant', merchantId, [
        {
          type: 'MerchantRegistered',
          data: {
            merchantId,
            kind: 'shop',
            businessName: `Cửa hàng ${r}`,
            villageCode: pick(villages),
            streetId: null,
            marketId: null,
            stall: null,
            sector: null,
            openedOn,
          },
          at: openedOn,
        },
      ]);
      const ids = { onboardingId: uuid(`onboarding-${r}`), merchantId, providerId: 'agribank' };
      yield commit('merchants', 'onboarding', ids.onboardingId, [
        { type: 'QrCodeIssued', data: ids, at: day() },
      ]);
      if (random() < 0.7)
        yield commit('merchants', 'onboarding', ids.onboardingId, [
          {
            type: 'QrCodeVerified',
            data: { ...ids, verifiedBy: 'to-cnscd', verifierKind: 'village-team' },
            at: day(),
          },
        ]);
      if (random() < 0.1)
        yield commit('merchants', 'merchant', merchantId, [
          { type: 'MerchantClosed', data: { merchantId, closedOn: day() }, at: day() },
        ]);
      continue;
    }
    const residentKey = hex(`resident-${options.seed ?? 42}-${r}`);
    const home = pick(villages);
    const registeredOn = `${year}-01-0${1 + Math.floor(random() * 9)}`;
    let latest = registeredOn;
    const next = () => {
      const fact = after(latest);
      latest = fact.latest;
      return fact.day;
    };
    yield commit('outreach', 'resident', residentKey, [
      {
        type: 'ResidentRegistered',
        data: {
          residentKey,
          villageCode: home,
          birthYear: 1940 + Math.floor(random() * 75),
          identification: 'citizen-id',
          consent: false,
          personal: null,
        },
        at: registeredOn,
      },
    ]);
    for (const indicator of INDICATORS) {
      if (random() < 0.45) continue;
      const reached = 1 + Math.floor(random() * 3);
      for (const stage of STAGES.slice(0, reached)) {
        yield commit('outreach', 'resident', residentKey, [
          {
            type: 'AdoptionStageConfirmed',
            data: {
              residentKey,
              indicator,
              stage,
              evidence: 'self-reported',
              organisationId: 'to-cnscd',
              organisationKind: 'village-team',
            },
            at: next(),
          },
        ]);
      }
      if (random() < 0.05) {
        yield commit('outreach', 'resident', residentKey, [
          {
            type: 'AdoptionConfirmationRetracted',
            data: {
              residentKey,
              indicator,
              stage: STAGES[reached - 1],
              reason: 'entered-in-error',
              note: null,
              organisationId: 'phong-vhxh',
            },
            at: next(),
          },
        ]);
      }
    }
    if (random() < 0.03) {
      const on = next();
      yield commit('outreach', 'resident', residentKey, [
        {
          type: 'ResidentMoved',
          data: {
            residentKey,
            fromVillage: home,
            toVillage: pick(villages),
            effectiveDate: on,
            personal: null,
          },
          at: on,
        },
      ]);
    }
  }
}
