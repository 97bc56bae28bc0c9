import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type { OrganisationKind, OrganisationRegisteredData } from '@cnscd/contracts';

export type OrganisationEvent = DomainEvent<'OrganisationRegistered', OrganisationRegisteredData>;
export type OrganisationCommand = { type: 'RegisterOrganisation' } & OrganisationRegisteredData;
export type OrganisationState = { readonly kind: OrganisationKind | null };

/** An organisation is registered once; its kind never changes (it decides what its people may do). */
export function decide(
  command: OrganisationCommand,
  state: OrganisationState,
): OrganisationEvent[] | Rejection<'OrganisationKindDiffers' | 'VillageOfAVillageTeamOnly'> {
  const { organisationId, kind, name, villageCode } = command;
  if (villageCode !== undefined && kind !== 'village-team')
    return reject(
      'VillageOfAVillageTeamOnly',
      {
        vi: 'Chỉ tổ CNSCĐ thôn mới gắn với một thôn.',
        en: 'Only a village digital team belongs to one village.',
      },
      'villageCode',
    );
  if (state.kind === null)
    return [
      {
        type: 'OrganisationRegistered',
        data: { organisationId, kind, name, ...(villageCode ? { villageCode } : {}) },
      },
    ];
  if (state.kind === kind) return [];
  return reject(
    'OrganisationKindDiffers',
    {
      vi: 'Đơn vị này đã được đăng ký với loại khác.',
      en: 'This organisation is already registered with another kind.',
    },
    'kind',
  );
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationState, OrganisationEvent> = {
  initialState: () => ({ kind: null }),
  evolve: (_state, event) => ({ kind: event.data.kind }),
  decide,
};
