// Demo data for the training service: a team per demo village with members and a leader, Zalo group
// names (one wrong), communication activities and training sessions. Fixed command ids.
import { createHash } from 'node:crypto';

const uuid = (label) => {
  const h = createHash('sha256').update(`cnscd-demo-training:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const cmd = (kind, label, input, day = '2026-01-05') => ({
  kind,
  input: { commandId: uuid(`cmd-${label}`), occurredAt: `${day}T09:00:00+07:00`, ...input },
});

const VILLAGES = [
  { code: 'thon-1', name: 'Thôn 1', zalo: 'CNSCĐ_Thôn 1_Di Linh' },
  { code: 'thon-2', name: 'Thôn 2', zalo: 'CNSCD_Thon 2_Di Linh' },
  { code: 'thon-3', name: 'Thôn 3', zalo: null },
];
const PEOPLE = ['Nguyễn Văn Tâm', 'Trần Thị Hoa', 'K’ Brơi', 'Lê Minh Đức', 'Phạm Thu Trang'];
const AFFILIATIONS = ['youth-union', 'women-union', 'village-residents', 'post-office', 'school'];

/** The team ids are derived from the village, as the service does; they come back in the answers. */
export function trainingDemo() {
  const office = [];
  const team = [];
  VILLAGES.forEach((v, vi) =>
    office.push(
      cmd('register-team', `team-${v.code}`, {
        villageCode: v.code,
        villageName: v.name,
        communeName: 'Di Linh',
      }),
    ),
  );
  return {
    office,
    /** Items that need the team ids: members, leaders, Zalo names, activities, sessions. */
    afterTeams(teamIds) {
      const items = [];
      VILLAGES.forEach((v, vi) => {
        const teamId = teamIds[vi];
        // The third village's team has two members and no leader: it shows in the quiet-teams list.
        const size = vi === 2 ? 2 : 5;
        for (let m = 0; m < size; m++) {
          const memberId = uuid(`member-${v.code}-${m}`);
          items.push(
            cmd('add-member', `add-${v.code}-${m}`, {
              teamId,
              memberId,
              displayName: PEOPLE[(m + vi) % PEOPLE.length],
              affiliation: AFFILIATIONS[m],
              joinedOn: '2025-09-01',
              consent: true,
            }),
          );
          if (m === 0 && vi !== 2)
            items.push(cmd('appoint-leader', `lead-${v.code}`, { teamId, memberId, since: '2025-09-01' }));
        }
        if (v.zalo) items.push(cmd('record-zalo-group-name', `zalo-${v.code}`, { teamId, name: v.zalo }));
      });
      items.push(
        cmd(
          'record-activity',
          'act-1',
          {
            activityId: uuid('act-1'),
            kind: 'village-meeting',
            date: '2026-03-02',
            villageCodes: ['thon-1'],
            topics: ['vneid', 'online-public-services'],
            organisations: ['cong-an-xa'],
            peopleReached: 65,
          },
          '2026-03-02',
        ),
      );
      items.push(
        cmd(
          'record-activity',
          'act-2',
          {
            activityId: uuid('act-2'),
            kind: 'themed-workshop',
            date: '2026-09-02',
            villageCodes: ['thon-1', 'thon-2'],
            topics: ['online-safety', 'ai-basics'],
            organisations: ['doan-thanh-nien'],
            peopleReached: 120,
            anniversary: 'Quốc khánh 2/9',
          },
          '2026-09-02',
        ),
      );
      items.push(
        cmd(
          'record-activity',
          'act-3',
          {
            activityId: uuid('act-3'),
            kind: 'digital-post',
            date: '2026-10-15',
            villageCodes: ['thon-2'],
            topics: ['cashless-payment'],
            organisations: [],
            peopleReached: 300,
          },
          '2026-10-15',
        ),
      );
      items.push(
        cmd(
          'record-session',
          'ses-1',
          {
            sessionId: uuid('ses-1'),
            topics: ['vneid', 'e-health-record'],
            trainerOrganisationId: 'buu-dien-di-linh',
            place: 'Nhà văn hóa thôn 1',
            date: '2026-03-20',
            villageCodes: ['thon-1'],
            attendance: { '14-17': { female: 6, male: 5 }, '18-35': { female: 9, male: 7 } },
            coreSpreaders: true,
          },
          '2026-03-20',
        ),
      );
      items.push(
        cmd(
          'record-session',
          'ses-2',
          {
            sessionId: uuid('ses-2'),
            topics: ['e-commerce'],
            trainerOrganisationId: 'phong-kinh-te',
            place: 'Hội trường xã',
            date: '2026-11-10',
            villageCodes: ['thon-1', 'thon-2'],
            attendance: { '36-59': { female: 14, male: 10 }, '60-plus': { female: 3, male: 2 } },
          },
          '2026-11-10',
        ),
      );
      return items;
    },
  };
}
