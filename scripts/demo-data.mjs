// A little demo data for `npm start`: door-to-door visits in three villages of a demo commune.
// Command ids are fixed, so starting again resends them and the service logs each visit once.
import { createHash } from 'node:crypto';

export const DEMO_COMMUNE = '99001';

const uuid = (label) => {
  const h = createHash('sha256').update(`cnscd-demo:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const resident = (label) => createHash('sha256').update(`cnscd-demo-resident:${label}`).digest('hex');

const villages = ['thon-1', 'thon-2', 'thon-3'];
const topicsByRound = [
  ['vneid', 'e-health-record'],
  ['online-public-services', 'digital-signature'],
  ['cashless-payment', 'e-commerce'],
  ['online-safety', 'ai-basics'],
];

export function demoVisits() {
  const visits = [];
  villages.forEach((village, v) => {
    for (let h = 1; h <= 4; h++) {
      const round = (v + h) % topicsByRound.length;
      visits.push({
        commandId: uuid(`${village}-visit-${h}`),
        villageCode: village,
        householdId: uuid(`${village}-household-${h}`),
        occurredAt: `2026-0${1 + (h % 3)}-${String(5 + v * 3 + h).padStart(2, '0')}T0${8 + (h % 2)}:30:00+07:00`,
        topics: topicsByRound[round],
        residentsGuided: Array.from({ length: 1 + (h % 3) }, (_, r) => resident(`${village}-${h}-${r}`)),
        followUp:
          h % 2 === 0
            ? { topics: ['digital-signature'], dueBy: `2026-04-${String(10 + h).padStart(2, '0')}` }
            : null,
        note: h === 1 ? 'Hộ có người cao tuổi, cần hướng dẫn lại lần sau' : null,
      });
    }
  });
  return visits;
}
