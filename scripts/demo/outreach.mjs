// A little demo data for `npm start`: households, residents, visits and adoption confirmations in three
// villages of a demo commune, sent as offline batches. Command ids are fixed, so starting again resends
// them and nothing is recorded twice. No citizen ID numbers: demo residents have generated keys.
import { createHash } from 'node:crypto';

export const DEMO_COMMUNE = '99001';
const AT = (day, hour = 8) =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:30:00+07:00`;

const uuid = (label) => {
  const h = createHash('sha256').update(`cnscd-demo:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const villages = ['thon-1', 'thon-2', 'thon-3'];
const names = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  'Lê Văn Cường',
  'Phạm Thị Dung',
  'K’ Brơi',
  'Ka Hòa',
  'Hoàng Văn Em',
  'Vũ Thị Gấm',
];
const topicsByRound = [
  ['vneid', 'e-health-record'],
  ['online-public-services', 'digital-signature'],
  ['cashless-payment', 'e-commerce'],
  ['online-safety', 'ai-basics'],
];

/** Items for POST /v1/batch, by the organisation that sends them. */
export function demoBatches() {
  const team = [];
  const police = [];
  const bank = [];
  villages.forEach((village, v) => {
    for (let h = 1; h <= 4; h++) {
      const householdId = uuid(`${village}-household-${h}`);
      const label = `${village}-${h}`;
      team.push({
        kind: 'register-household',
        input: {
          commandId: uuid(`hh-${label}`),
          occurredAt: AT(2 + v),
          householdId,
          villageCode: village,
          code: `H-${String(h).padStart(3, '0')}`,
        },
      });
      const members = [1960 + h * 5, 1985 + v * 3 + h, 2012 - h];
      members.forEach((birthYear, m) => {
        const consent = m !== 2;
        team.push({
          kind: 'register-resident',
          input: {
            commandId: uuid(`res-${label}-${m}`),
            occurredAt: AT(2 + v, 9),
            householdId,
            villageCode: village,
            birthYear,
            consent,
            ...(consent
              ? { name: names[(h + m + v) % names.length], sex: m % 2 === 0 ? 'male' : 'female' }
              : {}),
          },
        });
      });
      team.push({
        kind: 'log-visit',
        input: {
          commandId: uuid(`${village}-visit-${h}`),
          occurredAt: AT(5 + v * 3 + h),
          villageCode: village,
          householdId,
          topics: topicsByRound[(v + h) % topicsByRound.length],
          followUp:
            h % 2 === 0
              ? { topics: ['digital-signature'], dueBy: `2026-04-${String(10 + h).padStart(2, '0')}` }
              : null,
          note: h === 1 ? 'Hộ có người cao tuổi, cần hướng dẫn lại lần sau' : null,
        },
      });
    }
  });
  return { team, police, bank };
}

/** Confirmations need the resident keys the service derived: built from the team batch's answers. */
export function demoConfirmations(residentKeys) {
  const team = [];
  const police = [];
  const bank = [];
  residentKeys.forEach((residentKey, i) => {
    const confirm = (list, indicator, stage, evidence, day) =>
      list.push({
        kind: 'confirm-adoption',
        input: {
          commandId: uuid(`conf-${residentKey}-${indicator}-${stage}`),
          occurredAt: AT(day),
          residentKey,
          indicator,
          stage,
          evidence,
        },
      });
    if (i % 3 !== 2) confirm(team, 'vneid', 'installed', 'verified-on-device', 12);
    if (i % 3 === 0) confirm(police, 'vneid', 'active', 'provider-records', 14);
    if (i % 2 === 0) confirm(team, 'e-health-record', 'active', 'verified-on-device', 15);
    if (i % 4 === 0) confirm(bank, 'payment-account', 'active', 'provider-records', 16);
    if (i % 5 === 0) confirm(team, 'online-public-services', 'guided', 'self-reported', 17);
  });
  return { team, police, bank };
}
