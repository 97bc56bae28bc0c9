import { deciderSpec } from '@cnscd/testing';
import { teamDecider, type TeamCommand, type TeamEvent } from './team.decider';

const spec = deciderSpec(teamDecider);
const TEAM = '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c11';
const LAN = '0b6f8f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b';
const HUNG = '1c7a9f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b';
const registered: TeamEvent = {
  type: 'TeamRegistered',
  data: { teamId: TEAM, villageCode: 'thon-1', villageName: 'Thôn 1', communeName: 'Di Linh' },
};
const joined = (memberId: string, joinedOn = '2025-09-01'): TeamEvent => ({
  type: 'MemberJoined',
  data: {
    teamId: TEAM,
    memberId,
    displayName: memberId === LAN ? 'Chị Lan' : 'Anh Hùng',
    affiliation: 'youth-union',
    joinedOn,
    consent: true,
  },
});
const add = (memberId: string, joinedOn = '2025-09-01', consent = true): TeamCommand => ({
  type: 'AddMember',
  teamId: TEAM,
  memberId,
  displayName: memberId === LAN ? 'Chị Lan' : 'Anh Hùng',
  affiliation: 'youth-union',
  joinedOn,
  consent,
});
const left = (memberId: string, leftOn: string): TeamEvent => ({
  type: 'MemberLeft',
  data: { teamId: TEAM, memberId, leftOn },
});
const leader = (memberId: string, since: string): TeamEvent => ({
  type: 'LeaderAppointed',
  data: { teamId: TEAM, memberId, since },
});

describe('a village team', () => {
  it('changes leader: the new leader must be a member, the old one stays a member', () => {
    const history = [registered, joined(LAN), joined(HUNG), leader(LAN, '2025-09-01')];
    spec
      .given(history)
      .when({ type: 'AppointLeader', teamId: TEAM, memberId: HUNG, since: '2026-01-15' })
      .then([leader(HUNG, '2026-01-15')]);
    spec
      .given(history)
      .when({ type: 'AppointLeader', teamId: TEAM, memberId: LAN, since: '2026-01-15' })
      .then([]);
    spec
      .given([registered, joined(LAN)])
      .when({ type: 'AppointLeader', teamId: TEAM, memberId: HUNG, since: '2026-01-15' })
      .thenRejects('NotAMember', 'memberId');
  });

  it('lets a member leave and rejoin later', () => {
    const history = [registered, joined(HUNG), left(HUNG, '2026-02-01')];
    spec
      .given(history)
      .when(add(HUNG, '2026-05-01'))
      .then([joined(HUNG, '2026-05-01')]);
    spec
      .given([registered, joined(HUNG)])
      .when(add(HUNG, '2026-05-01'))
      .then([]);
    spec
      .given(history)
      .when({ type: 'RemoveMember', teamId: TEAM, memberId: HUNG, leftOn: '2026-03-01' })
      .thenRejects('NotAMember');
  });

  it('is left without a leader when the leader leaves: appointed again after rejoining, it is news', () => {
    const history = [registered, joined(LAN), leader(LAN, '2025-09-01'), left(LAN, '2026-02-01')];
    spec
      .given(history)
      .when({ type: 'AppointLeader', teamId: TEAM, memberId: LAN, since: '2026-03-01' })
      .thenRejects('NotAMember');
    // Were the leader kept after leaving, this appointment would be taken for one already made.
    spec
      .given([...history, joined(LAN, '2026-03-01')])
      .when({ type: 'AppointLeader', teamId: TEAM, memberId: LAN, since: '2026-03-15' })
      .then([leader(LAN, '2026-03-15')]);
  });

  it('keeps a volunteer only with their consent', () => {
    spec
      .given([registered])
      .when(add(LAN, '2025-09-01', false))
      .thenRejects('ConsentRequired', 'consent');
  });

  it('judges the Zalo group name it is told against the rule', () => {
    spec
      .given([registered])
      .when({ type: 'RecordZaloGroupName', teamId: TEAM, name: 'CNSCD_Thon 1_Di Linh' })
      .then([
        {
          type: 'ZaloGroupNameRecorded',
          data: {
            teamId: TEAM,
            name: 'CNSCD_Thon 1_Di Linh',
            canonical: 'CNSCĐ_Thôn 1_Di Linh',
            conforms: false,
            problems: ['missing-diacritics'],
          },
        },
      ]);
  });
});
