import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import {
  indicatorById,
  type CountedStageSetData,
  type DenominatorEstimatedData,
  type TargetSetData,
  PROGRAMME_OFFICES,
  type Actor,
  type OrganisationKind,
} from '@cnscd/contracts';

/** Population estimates come from the offices or the commune police, who hold the population data. */
const POPULATION: readonly OrganisationKind[] = [...PROGRAMME_OFFICES, 'commune-police'];

const notPermitted = () =>
  reject('NotPermitted', {
    vi: 'Tổ chức của bạn không được làm việc này.',
    en: 'Your organisation may not do this.',
  });

export type SettingsEvent =
  | DomainEvent<'CountedStageSet', CountedStageSetData>
  | DomainEvent<'DenominatorEstimated', DenominatorEstimatedData>
  | DomainEvent<'TargetSet', TargetSetData>;
export type SettingsCommand =
  | ({ type: 'SetCountedStage'; by: Actor } & CountedStageSetData)
  | ({ type: 'EstimateDenominator'; by: Actor } & DenominatorEstimatedData)
  | ({ type: 'SetTarget'; by: Actor } & TargetSetData);

/** What the commune counts and aims for: one aggregate per commune. Every change is an event with who (the envelope's actor) and why (`reason`, `source`). */
export const settingsDecider: Decider<SettingsCommand, { counted: Record<string, string> }, SettingsEvent> = {
  initialState: () => ({ counted: {} }),
  evolve: (state, e) =>
    e.type === 'CountedStageSet'
      ? { counted: { ...state.counted, [e.data.indicator]: e.data.stage } }
      : state,
  decide: (command, state): SettingsEvent[] | Rejection<'NotPermitted' | 'UnknownStage' | 'NotAShare'> => {
    const { type, by, ...data } = command;
    if (type === 'EstimateDenominator') {
      return POPULATION.includes(by.organisationKind)
        ? [{ type: 'DenominatorEstimated', data: data as DenominatorEstimatedData }]
        : notPermitted();
    }
    if (!PROGRAMME_OFFICES.includes(by.organisationKind)) return notPermitted();
    const def = indicatorById(command.indicator)!;
    if (command.type === 'SetCountedStage') {
      if (!(def.stages ?? []).includes(command.stage)) {
        return reject(
          'UnknownStage',
          { vi: 'Chỉ tiêu này không có giai đoạn đó.', en: 'This indicator has no such stage.' },
          'stage',
        );
      }
      return state.counted[command.indicator] === command.stage
        ? []
        : [{ type: 'CountedStageSet', data: data as CountedStageSetData }];
    }
    if (def.kind !== 'count' && command.value > 1)
      return reject(
        'NotAShare',
        { vi: 'Mục tiêu là tỉ lệ từ 0 đến 1.', en: 'The target is a share from 0 to 1.' },
        'value',
      );
    return [{ type: 'TargetSet', data: data as TargetSetData }];
  },
};
