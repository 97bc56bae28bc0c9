import { assertNever, conflict, reject, type Decider, type Rejection } from '@cnscd/decider';
import {
  emptyVillageRegister,
  withVillageEvent,
  type VillageEvent,
  type VillageRecord,
  type VillageRegister,
  type VillageRegisteredData,
  type VillageRenamedData,
  type VillageRetiredData,
  PROGRAMME_OFFICES,
  type Actor,
} from '@cnscd/contracts';

export type VillageRegisterCommand =
  | ({ type: 'RegisterVillage'; by: Pick<Actor, 'organisationKind'> } & VillageRegisteredData)
  | ({ type: 'RenameVillage'; by: Pick<Actor, 'organisationKind'> } & VillageRenamedData)
  | ({ type: 'RetireVillage'; by: Pick<Actor, 'organisationKind'> } & VillageRetiredData);

type Refusal =
  | 'NotPermitted'
  | 'VillageRegisteredDifferently'
  | 'UnknownVillage'
  | 'VillageRetired'
  | 'BeforeVillageExisted'
  | 'UnknownSuccessor';

const notOpen = (code: string) =>
  reject(
    'VillageRetired',
    { vi: `Thôn ${code} đã giải thể hoặc sáp nhập.`, en: `Village ${code} no longer exists.` },
    'villageCode',
  );

type Decision = VillageEvent[] | Rejection<Refusal>;
type Command<T extends VillageRegisterCommand['type']> = Extract<VillageRegisterCommand, { type: T }>;

/** A new code, or the same registration again; another name or day under a taken code is a conflict. */
function registerVillage(
  { by: _by, type: _type, ...data }: Command<'RegisterVillage'>,
  known?: VillageRecord,
): Decision {
  if (!known) return [{ type: 'VillageRegistered', data }];
  if (known.names[0]!.name === data.name && known.since === data.effectiveDate) return [];
  return conflict(
    'VillageRegisteredDifferently',
    {
      vi: `Mã thôn ${data.villageCode} đã được đăng ký khác; muốn đổi tên thì dùng đổi tên.`,
      en: `Village code ${data.villageCode} is registered otherwise; rename it instead.`,
    },
    { villageCode: known.code, name: known.names[0]!.name, effectiveDate: known.since },
  );
}

/** What a rename or a retirement needs first: a village that exists, from before the change's day. */
function changeable(
  command: Command<'RenameVillage' | 'RetireVillage'>,
  known?: VillageRecord,
): Rejection<Refusal> | null {
  const code = command.villageCode;
  if (!known)
    return reject(
      'UnknownVillage',
      { vi: `Xã chưa đăng ký thôn ${code}.`, en: `The commune has not registered village ${code}.` },
      'villageCode',
    );
  if (known.retiredOn !== null) return notOpen(code);
  if (command.effectiveDate < known.since)
    return reject(
      'BeforeVillageExisted',
      { vi: `Thôn ${code} chỉ có từ ${known.since}.`, en: `Village ${code} exists from ${known.since}.` },
      'effectiveDate',
    );
  return null;
}

/** Merged into, or split among, villages that exist (a new one is registered first); never itself. */
function retireVillage(
  { by: _by, type: _type, ...data }: Command<'RetireVillage'>,
  register: VillageRegister,
): Decision {
  const bad = data.successors.findIndex((code) => {
    const successor = register.get(code);
    return code === data.villageCode || !successor || successor.retiredOn !== null;
  });
  if (bad < 0) return [{ type: 'VillageRetired', data }];
  return reject(
    'UnknownSuccessor',
    {
      vi: `Thôn nhận sáp nhập ${data.successors[bad]} phải là một thôn khác đang tồn tại (đăng ký thôn mới trước).`,
      en: `Successor ${data.successors[bad]} must be another existing village (register a new one first).`,
    },
    `successors.${bad}`,
  );
}

/**
 * A commune's villages (thôn, bon, tổ dân phố): one aggregate per commune, so codes are unique in it
 * and a merger's successors are checked against the same list. Renames, mergers and splits take
 * effect on a day; nothing is ever deleted, so history keeps its village names.
 */
export const villageRegisterDecider: Decider<VillageRegisterCommand, VillageRegister, VillageEvent> = {
  initialState: emptyVillageRegister,
  evolve: withVillageEvent,
  decide: (command, register): Decision => {
    if (!PROGRAMME_OFFICES.includes(command.by.organisationKind))
      return reject('NotPermitted', {
        vi: 'Chỉ UBND xã hoặc Phòng Văn hóa – Xã hội quản lý danh mục thôn.',
        en: 'Only the People’s Committee or the Culture–Society Office keeps the list of villages.',
      });
    const known = register.get(command.villageCode);
    switch (command.type) {
      case 'RegisterVillage':
        return registerVillage(command, known);
      case 'RenameVillage': {
        const { by: _by, type: _type, ...data } = command;
        const same = known?.names.some((n) => n.name === data.name && n.from === data.effectiveDate);
        return changeable(command, known) ?? (same ? [] : [{ type: 'VillageRenamed', data }]);
      }
      case 'RetireVillage':
        return changeable(command, known) ?? retireVillage(command, register);
      default:
        return assertNever(command);
    }
  },
};
