import { TEAMS } from '../../api-tags';
import { z } from 'zod';
import { VillageCode } from '@cnscd/contracts';
import { deterministicUuid } from '@cnscd/event-store';
import { COMMAND_FIELDS, deciderOperation, type Principal } from '@cnscd/service-kit';
import { Name, common } from '../team-write-parts';

/** One team per village: the team id is derived from the commune and village code. */
export const teamIdOf = (principal: Principal, villageCode: string) =>
  deterministicUuid('team', principal.commune, villageCode);

export const RegisterTeamRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    villageCode: VillageCode,
    /** The village's official name with diacritics (`Thôn 1`, `Hàng Làng`): it goes into the Zalo group name. */
    villageName: Name,
    /** The commune's official name (`Di Linh`; a leading "xã" is dropped). */
    communeName: Name,
  })
  .meta({ id: 'RegisterTeamRequest' });

export const registerTeam = deciderOperation({
  ...common,
  kind: 'register-team',
  scope: 'training:teams',
  input: RegisterTeamRequest,
  http: {
    path: 'teams',
    tag: TEAMS,
    summary: 'Thành lập Tổ CNSCĐ của một thôn / Register a village team',
    description:
      'Mỗi thôn một tổ; mã tổ suy ra từ mã thôn. One team per village; its id is derived from the village code. Its Zalo group name must be `CNSCĐ_<Thôn>_<Tên xã>`.',
    location: (r: Record<string, unknown>) => `/v1/teams/${r['teamId']}`,
  },
  aggregateId: (i, p) => teamIdOf(p, i.villageCode),
  command: (i, p) => ({
    type: 'RegisterTeam' as const,
    teamId: teamIdOf(p, i.villageCode),
    villageCode: i.villageCode,
    villageName: i.villageName,
    communeName: i.communeName,
  }),
  result: (_i, teamId) => ({ teamId }),
});
