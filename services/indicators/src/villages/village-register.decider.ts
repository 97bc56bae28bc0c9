import { conflict, reject, type Decider, type Rejection } from '@cnscd/decider';
import {
  emptyVillageRegister,
  withVillageEvent,
  type VillageEvent,
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

/**
 * A commune's villages (thôn, bon, tổ dân phố): one aggregate per commune, so codes are unique in it
 * and a merger's successors are checked against the same list. Renames, mergers and splits take
 * effect on a day; nothing is ever deleted, so history keeps its village names.
 */
export const villageRegisterDecider: Decider<VillageRegisterCommand, VillageRegister, VillageEvent> = {
  initialState: emptyVillageRegister,
  evolve: withVillageEvent,
  decide: (command, register): VillageEvent[] | Rejection<Refusal> => {
    if (!PROGRAMME_OFFICES.includes(command.by.organisationKind))
      return reject('NotPermitted', {
        vi: 'Chỉ UBND xã hoặc Phòng Văn hóa – Xã hội quản lý danh mục thôn.',
        en: 'Only the People’s Committee or the Culture–Society Office keeps the list of villages.',
      });
    const { type, by: _by, ...data } = command;
    const known = register.get(command.villageCode);
    if (type === 'RegisterVillage') {
      if (!known) return [{ type: 'VillageRegistered', data: data as VillageRegisteredData }];
      const same = known.names[0]!.name === command.name && known.since === command.effectiveDate;
      return same
        ? []
        : conflict(
            'VillageRegisteredDifferently',
            {
              vi: `Mã thôn ${command.villageCode} đã được đăng ký khác; muốn đổi tên thì dùng đổi tên.`,
              en: `Village code ${command.villageCode} is registered otherwise; rename it instead.`,
            },
            { villageCode: known.code, name: known.names[0]!.name, effectiveDate: known.since },
          );
    }
    if (!known)
      return reject(
        'UnknownVillage',
        {
          vi: `Xã chưa đăng ký thôn ${command.villageCode}.`,
          en: `The commune has not registered village ${command.villageCode}.`,
        },
        'villageCode',
      );
    if (known.retiredOn !== null) return notOpen(command.villageCode);
    if (command.effectiveDate < known.since)
      return reject(
        'BeforeVillageExisted',
        {
          vi: `Thôn ${command.villageCode} chỉ có từ ${known.since}.`,
          en: `Village ${command.villageCode} exists from ${known.since}.`,
        },
        'effectiveDate',
      );
    if (type === 'RenameVillage')
      return known.names.some((n) => n.name === command.name && n.from === command.effectiveDate)
        ? []
        : [{ type: 'VillageRenamed', data: data as VillageRenamedData }];
    const bad = command.successors.findIndex((code) => {
      const successor = register.get(code);
      return code === command.villageCode || !successor || successor.retiredOn !== null;
    });
    if (bad >= 0)
      return reject(
        'UnknownSuccessor',
        {
          vi: `Thôn nhận sáp nhập ${command.successors[bad]} phải là một thôn khác đang tồn tại (đăng ký thôn mới trước).`,
          en: `Successor ${command.successors[bad]} must be another existing village (register a new one first).`,
        },
        `successors.${bad}`,
      );
    return [{ type: 'VillageRetired', data: data as VillageRetiredData }];
  },
};
