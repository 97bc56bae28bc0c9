// Long: one real deployment (nats-server, PostgreSQL, the service as its own process) serves every
// scenario of this file; splitting it would start them again for each part and slow the suite.
import { randomUUID } from 'node:crypto';
import { type ServiceUnderTest, describeRedelivery } from '@cnscd/service-testing';
import { post, startTraining, type Json } from './testing/training-harness';

let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startTraining();
});
afterAll(() => h?.stop());

const get = async (path: string, key = 'office'): Promise<Json> =>
  (await h.call('GET', path, h.keys[key])).json();

async function team(villageCode: string, villageName: string) {
  const res = await post(h, '/v1/teams', 'office', { villageCode, villageName, communeName: 'xã Di Linh' });
  expect(res.status).toBe(201);
  return res.body.teamId as string;
}
async function member(teamId: string, joinedOn = '2025-09-01') {
  const memberId = randomUUID();
  expect(
    (
      await post(h, '/v1/teams/members', 'office', {
        teamId,
        memberId,
        displayName: `Thành viên ${memberId.slice(0, 4)}`,
        affiliation: 'youth-union',
        joinedOn,
        consent: true,
      })
    ).status,
  ).toBe(201);
  return memberId;
}
/** A visit as the outreach service records it: the training service reads it from the event stream. */
async function outreachVisit(villageCode: string, occurredAt: string) {
  const visitId = randomUUID();
  await h.store.append(
    { commune: '99001', context: 'outreach', aggregateType: 'visit', aggregateId: visitId },
    0,
    [
      {
        type: 'VisitLogged',
        data: {
          visitId,
          villageCode,
          householdId: randomUUID(),
          organisationId: 'to-cnscd',
          teamMemberId: null,
          topics: ['vneid'],
          residentsGuided: [],
          followUp: null,
          note: null,
        },
      },
    ],
    {
      commandId: randomUUID(),
      commandHash: 'h',
      actor: { organisationId: 'to-cnscd', userId: 'u' },
      correlationId: 'c',
      causationId: 'c',
      occurredAt,
    },
  );
}

describe('village teams', () => {
  it('keeps the roster: members with consent, a leader who changes, a member who leaves and rejoins', async () => {
    const teamId = await team('thon-r', 'Thôn Hàng Làng');
    const [lan, hung] = [await member(teamId), await member(teamId)];
    await post(h, '/v1/teams/leaders', 'office', { teamId, memberId: lan, since: '2025-09-01' });
    await post(h, '/v1/teams/leaders', 'office', { teamId, memberId: hung, since: '2026-01-10' });
    await post(h, '/v1/teams/members/departures', 'office', { teamId, memberId: lan, leftOn: '2026-02-01' });
    expect(
      await post(h, '/v1/teams/members', 'office', {
        teamId,
        memberId: randomUUID(),
        displayName: 'Không đồng ý',
        affiliation: 'school',
        joinedOn: '2026-02-01',
        consent: false,
      }),
    ).toMatchObject({
      status: 422,
      body: { code: 'ConsentRequired' },
    });
    expect(
      (
        await post(h, '/v1/teams/members', 'office', {
          teamId,
          memberId: lan,
          displayName: 'Chị Lan',
          affiliation: 'women-union',
          joinedOn: '2026-04-01',
          consent: true,
        })
      ).status,
    ).toBe(201);

    const view = await get(`/v1/teams/${teamId}`);
    expect(view.leader).toMatchObject({ memberId: hung, since: '2026-01-10' });
    expect(view.members.find((m: Json) => m.memberId === lan)).toMatchObject({
      displayName: 'Chị Lan',
      joinedOn: '2026-04-01',
      leftOn: null,
    });
  });

  it('derives the canonical Zalo group name and flags a team that does not follow it', async () => {
    const teamId = await team('thon-z', 'Thôn  Lăng Ku');
    const flagged = await post(h, '/v1/teams/zalo-group-names', 'team', {
      teamId,
      name: 'CNSCD_Thon Lang Ku_Di Linh',
    });
    expect(flagged.status).toBe(201);
    expect((await get(`/v1/teams/${teamId}`)).zalo).toEqual({
      canonical: 'CNSCĐ_Thôn Lăng Ku_Di Linh',
      actual: 'CNSCD_Thon Lang Ku_Di Linh',
      conforms: false,
      problems: ['missing-diacritics'],
    });
    await post(h, '/v1/teams/zalo-group-names', 'team', { teamId, name: 'CNSCĐ_Thôn Lăng Ku_Di Linh' });
    expect((await get(`/v1/teams/${teamId}`)).zalo).toMatchObject({ conforms: true, problems: [] });
  });

  it('answers a resent command with the original result (offline-safe)', async () => {
    const body = {
      commandId: randomUUID(),
      occurredAt: '2026-03-02T08:30:00+07:00',
      villageCode: 'thon-o',
      villageName: 'Thôn O',
      communeName: 'Di Linh',
    };
    const first = await h.call('POST', '/v1/teams', h.keys['office'], body);
    const again = await h.call('POST', '/v1/teams', h.keys['office'], body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('activities and sessions', () => {
  it('refuses a session without any topic, by name', async () => {
    const res = await post(h, '/v1/sessions', 'team', {
      sessionId: randomUUID(),
      topics: [],
      trainerOrganisationId: 'buu-dien',
      place: 'Nhà văn hóa',
      date: '2026-03-10',
      villageCodes: ['thon-1'],
      attendance: { '18-35': { female: 5, male: 5 } },
    });
    expect(res).toMatchObject({
      status: 422,
      body: { code: 'TopicRequired', errors: [{ pointer: '#/topics' }] },
    });
  });

  it('sums activities, sessions, attendance and visits per village for a period', async () => {
    await post(h, '/v1/activities', 'team', {
      activityId: randomUUID(),
      kind: 'village-meeting',
      date: '2026-02-10',
      villageCodes: ['thon-s'],
      topics: ['vneid'],
      peopleReached: 40,
    });
    await post(h, '/v1/sessions', 'team', {
      sessionId: randomUUID(),
      topics: ['ai-basics'],
      trainerOrganisationId: 'doan-thanh-nien',
      place: 'Trường THCS',
      date: '2026-02-20',
      villageCodes: ['thon-s'],
      attendance: { '14-17': { female: 10, male: 12 } },
      coreSpreaders: true,
    });
    await outreachVisit('thon-s', '2026-02-25T09:00:00+07:00');
    await outreachVisit('thon-s', '2026-04-02T09:00:00+07:00');
    await new Promise((r) => setTimeout(r, 500));
    expect(await get('/v1/summary?from=2026-01-01&to=2026-03-31&village=thon-s')).toEqual([
      {
        villageCode: 'thon-s',
        visits: 1,
        activities: 1,
        peopleReached: 40,
        sessions: 1,
        coreSpreaderSessions: 1,
        attendance: 22,
      },
    ]);
  });
});

describe('quiet teams, over several months', () => {
  it('lists teams with no visit, activity or session in the last N days, without a leader, or too small', async () => {
    const busy = await team('thon-q1', 'Thôn Q1');
    const sleepy = await team('thon-q2', 'Thôn Q2');
    const small = await team('thon-q3', 'Thôn Q3');
    for (const t of [busy, sleepy]) {
      const leader = await member(t);
      await member(t);
      await member(t);
      await post(h, '/v1/teams/leaders', 'office', { teamId: t, memberId: leader, since: '2025-09-01' });
    }
    await member(small);
    // thon-q1 works every month; thon-q2 went quiet after January; thon-q3 is small and leaderless.
    await outreachVisit('thon-q1', '2026-01-15T09:00:00+07:00');
    await post(h, '/v1/activities', 'team', {
      activityId: randomUUID(),
      kind: 'digital-post',
      date: '2026-03-01',
      villageCodes: ['thon-q1'],
      topics: ['online-safety'],
      peopleReached: 120,
    });
    await post(h, '/v1/sessions', 'team', {
      sessionId: randomUUID(),
      topics: ['vneid'],
      trainerOrganisationId: 'cong-an-xa',
      place: 'Hội trường thôn',
      date: '2026-04-20',
      villageCodes: ['thon-q1'],
      attendance: { '36-59': { female: 8, male: 9 } },
    });
    await outreachVisit('thon-q2', '2026-01-20T09:00:00+07:00');
    await post(h, '/v1/activities', 'team', {
      activityId: randomUUID(),
      kind: 'banner-slogan',
      date: '2026-01-05',
      villageCodes: ['thon-q2'],
      topics: ['cashless-payment'],
      peopleReached: 0,
    });
    await outreachVisit('thon-q3', '2026-04-25T09:00:00+07:00');
    await new Promise((r) => setTimeout(r, 500));

    const quietIn = async (asOf: string, days = 30) => {
      const list: Json[] = await get(`/v1/teams/quiet?days=${days}&asOf=${asOf}`);
      return Object.fromEntries(
        list
          .filter((q) => ['thon-q1', 'thon-q2', 'thon-q3'].includes(q.villageCode))
          .map((q) => [q.villageCode, q.reasons]),
      );
    };
    expect(await quietIn('2026-01-31')).toEqual({
      'thon-q3': ['no-recent-work', 'no-leader', 'too-few-members'],
    });
    expect(await quietIn('2026-03-15')).toEqual({
      'thon-q2': ['no-recent-work'],
      'thon-q3': ['no-recent-work', 'no-leader', 'too-few-members'],
    });
    expect(await quietIn('2026-04-30')).toEqual({
      'thon-q2': ['no-recent-work'],
      'thon-q3': ['no-leader', 'too-few-members'],
    });
    expect(await quietIn('2026-04-30', 120)).toEqual({ 'thon-q3': ['no-leader', 'too-few-members'] });
  });
});

describe('team reports', () => {
  it('submits a period’s report with figures counted from the records and the team’s notes, once', async () => {
    const teamId = await team('thon-p', 'Thôn P');
    await post(h, '/v1/activities', 'team', {
      activityId: randomUUID(),
      kind: 'community-event',
      date: '2026-03-03',
      villageCodes: ['thon-p'],
      topics: ['e-commerce'],
      peopleReached: 60,
    });
    await outreachVisit('thon-p', '2026-03-04T09:00:00+07:00');
    await new Promise((r) => setTimeout(r, 300));
    const report = await post(h, '/v1/teams/reports', 'team', {
      teamId,
      from: '2026-01-01',
      to: '2026-03-31',
      difficulties: 'Sóng điện thoại yếu ở xóm trên',
      proposals: 'Cần thêm 2 điện thoại mẫu',
    });
    expect(report).toMatchObject({
      status: 201,
      body: { figures: { visits: 1, activities: 1, peopleReached: 60, sessions: 0, attendance: 0 } },
    });
    expect(
      await post(h, '/v1/teams/reports', 'team', {
        teamId,
        from: '2026-01-01',
        to: '2026-03-31',
        difficulties: 'khác',
        proposals: '',
      }),
    ).toMatchObject({ status: 422, body: { code: 'ReportAlreadySubmitted' } });
    expect((await get(`/v1/teams/${teamId}/reports`))[0]).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      difficulties: 'Sóng điện thoại yếu ở xóm trên',
    });
  });
});

it('publishes a complete OpenAPI document, Vietnamese first', async () => {
  const doc = await (await h.call('GET', '/openapi.json')).json();
  for (const path of [
    '/v1/teams',
    '/v1/teams/members',
    '/v1/teams/leaders',
    '/v1/teams/zalo-group-names',
    '/v1/activities',
    '/v1/sessions',
    '/v1/teams/quiet',
    '/v1/teams/reports',
    '/v1/summary',
    '/v1/batch',
  ]) {
    expect(Object.keys(doc.paths)).toContain(path);
  }
  for (const operations of Object.values(doc.paths) as Record<string, { summary: string }>[]) {
    for (const op of Object.values(operations)) expect(op.summary).toMatch(/^[^/]*[À-ỹ][^/]* \/ [A-Z]/u);
  }
});

describeRedelivery(() => h);
