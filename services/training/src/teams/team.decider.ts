import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type {
  LeaderAppointedData,
  MemberJoinedData,
  MemberLeftData,
  TeamRegisteredData,
  ZaloGroupNameRecordedData,
} from '@cnscd/contracts';
import { canonicalZaloName, checkZaloName } from './zalo-group-name';

export type TeamEvent =
  | DomainEvent<'TeamRegistered', TeamRegisteredData>
  | DomainEvent<'MemberJoined', MemberJoinedData>
  | DomainEvent<'MemberLeft', MemberLeftData>
  | DomainEvent<'LeaderAppointed', LeaderAppointedData>
  | DomainEvent<'ZaloGroupNameRecorded', ZaloGroupNameRecordedData>;

export type TeamCommand =
  | ({ type: 'RegisterTeam' } & TeamRegisteredData)
  | ({ type: 'AddMember' } & Omit<MemberJoinedData, 'consent'> & { consent: boolean })
  | ({ type: 'RemoveMember' } & MemberLeftData)
  | ({ type: 'AppointLeader' } & LeaderAppointedData)
  | { type: 'RecordZaloGroupName'; teamId: string; name: string };

export type TeamState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'registered';
      readonly canonicalZaloName: string;
      /** Current members, by id, with the day they (last) joined. */
      readonly members: Readonly<Record<string, string>>;
      readonly leader: string | null;
      readonly zaloName: string | null;
    };

export function evolve(state: TeamState, event: TeamEvent): TeamState {
  if (event.type === 'TeamRegistered') {
    return {
      status: 'registered',
      canonicalZaloName: canonicalZaloName(event.data.villageName, event.data.communeName),
      members: {},
      leader: null,
      zaloName: null,
    };
  }
  if (state.status === 'unknown') return state;
  switch (event.type) {
    case 'MemberJoined':
      return { ...state, members: { ...state.members, [event.data.memberId]: event.data.joinedOn } };
    case 'MemberLeft': {
      const { [event.data.memberId]: _gone, ...members } = state.members;
      return { ...state, members, leader: state.leader === event.data.memberId ? null : state.leader };
    }
    case 'LeaderAppointed':
      return { ...state, leader: event.data.memberId };
    case 'ZaloGroupNameRecorded':
      return { ...state, zaloName: event.data.name };
  }
}

export type TeamRejection = Rejection<
  'TeamNotRegistered' | 'ConsentRequired' | 'NotAMember' | 'LeftBeforeJoining'
>;
const notAMember = (field = 'memberId') =>
  reject(
    'NotAMember',
    { vi: 'Người này không phải thành viên hiện tại của tổ.', en: 'Not a current member of the team.' },
    field,
  );

export function decide(command: TeamCommand, state: TeamState): TeamEvent[] | TeamRejection {
  if (command.type === 'RegisterTeam') {
    const { teamId, villageCode, villageName, communeName } = command;
    return state.status === 'registered'
      ? []
      : [{ type: 'TeamRegistered', data: { teamId, villageCode, villageName, communeName } }];
  }
  if (state.status === 'unknown')
    return reject(
      'TeamNotRegistered',
      { vi: 'Thôn này chưa có Tổ CNSCĐ.', en: 'This village has no team yet.' },
      'teamId',
    );
  switch (command.type) {
    case 'AddMember':
      return addMember(command, state);
    case 'RemoveMember':
      return removeMember(command, state);
    case 'AppointLeader':
      if (!(command.memberId in state.members)) return notAMember();
      if (state.leader === command.memberId) return [];
      return [
        {
          type: 'LeaderAppointed',
          data: { teamId: command.teamId, memberId: command.memberId, since: command.since },
        },
      ];
    case 'RecordZaloGroupName': {
      if (state.zaloName === command.name) return [];
      const { conforms, problems } = checkZaloName(command.name, state.canonicalZaloName);
      const { teamId, name } = command;
      const data = { teamId, name, canonical: state.canonicalZaloName, conforms, problems };
      return [{ type: 'ZaloGroupNameRecorded', data }];
    }
  }
}

type Registered = Extract<TeamState, { status: 'registered' }>;
type CommandOf<T extends TeamCommand['type']> = Extract<TeamCommand, { type: T }>;

/** Volunteers: their name and role are kept only with their consent. */
function addMember(command: CommandOf<'AddMember'>, state: Registered): TeamEvent[] | TeamRejection {
  if (!command.consent)
    return reject(
      'ConsentRequired',
      { vi: 'Cần sự đồng ý của thành viên.', en: 'The member’s consent is required.' },
      'consent',
    );
  if (command.memberId in state.members) return [];
  const { teamId, memberId, displayName, affiliation, joinedOn } = command;
  return [
    { type: 'MemberJoined', data: { teamId, memberId, displayName, affiliation, joinedOn, consent: true } },
  ];
}

function removeMember(command: CommandOf<'RemoveMember'>, state: Registered): TeamEvent[] | TeamRejection {
  const joinedOn = state.members[command.memberId];
  if (joinedOn === undefined) return notAMember();
  if (command.leftOn < joinedOn)
    return reject(
      'LeftBeforeJoining',
      { vi: 'Ngày rời tổ sớm hơn ngày tham gia.', en: 'Left before joining.' },
      'leftOn',
    );
  const { teamId, memberId, leftOn } = command;
  return [{ type: 'MemberLeft', data: { teamId, memberId, leftOn } }];
}

export const teamDecider: Decider<TeamCommand, TeamState, TeamEvent> = {
  initialState: () => ({ status: 'unknown' }),
  evolve,
  decide,
};
