import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import {
  type EvaluationData,
  type MarketFeeCollectionRecordedData,
  type MarketRegisteredData,
  type PlaceDesignatedData,
  type PlaceDesignationRevokedData,
  type PlaceQualifiedData,
  type StreetRegisteredData,
  COMMUNE_OFFICES,
  type Actor,
} from '@cnscd/contracts';

/** A street or a market: registered, continuously judged against the criteria, formally designated. */
export type PlaceEvent =
  | DomainEvent<'StreetRegistered', StreetRegisteredData>
  | DomainEvent<'MarketRegistered', MarketRegisteredData>
  | DomainEvent<'MarketFeeCollectionRecorded', MarketFeeCollectionRecordedData>
  | DomainEvent<'PlaceQualified', PlaceQualifiedData>
  | DomainEvent<'PlaceStoppedQualifying', PlaceQualifiedData>
  | DomainEvent<'PlaceDesignated', PlaceDesignatedData>
  | DomainEvent<'PlaceDesignationRevoked', PlaceDesignationRevokedData>;

export type PlaceCommand =
  | ({ type: 'RegisterStreet' } & StreetRegisteredData)
  | ({ type: 'RegisterMarket' } & MarketRegisteredData)
  | ({ type: 'RecordFeeCollection'; by: Actor } & MarketFeeCollectionRecordedData)
  /** From the evaluator: the outcome of judging the place now. Emits only a change of outcome. */
  | { type: 'RecordEvaluation'; placeId: string; qualifies: boolean; evaluation: EvaluationData }
  | ({ type: 'DesignatePlace'; by: Actor } & PlaceDesignatedData)
  | ({ type: 'RevokeDesignation'; by: Actor } & PlaceDesignationRevokedData);

export type PlaceState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'registered';
      readonly kind: 'street' | 'market';
      readonly qualified: boolean;
      readonly designation: string | null;
    };

export function evolve(state: PlaceState, event: PlaceEvent): PlaceState {
  if (event.type === 'StreetRegistered' || event.type === 'MarketRegistered') {
    return {
      status: 'registered',
      kind: event.type === 'StreetRegistered' ? 'street' : 'market',
      qualified: false,
      designation: null,
    };
  }
  if (state.status === 'unknown') return state;
  switch (event.type) {
    case 'MarketFeeCollectionRecorded':
      return state;
    case 'PlaceQualified':
      return { ...state, qualified: true };
    case 'PlaceStoppedQualifying':
      return { ...state, qualified: false };
    case 'PlaceDesignated':
      return { ...state, designation: event.data.decisionNumber };
    case 'PlaceDesignationRevoked':
      return { ...state, designation: null };
  }
}

export type PlaceRejection = Rejection<
  'PlaceNotRegistered' | 'NotAMarket' | 'NotPermitted' | 'AlreadyDesignated' | 'NotDesignated'
>;

const notPermitted = () =>
  reject('NotPermitted', {
    vi: 'Chỉ UBND xã và các phòng của xã được làm việc này.',
    en: 'Only the commune People’s Committee and its offices may do this.',
  });

export function decide(command: PlaceCommand, state: PlaceState): PlaceEvent[] | PlaceRejection {
  if (command.type === 'RegisterStreet' || command.type === 'RegisterMarket') {
    if (state.status === 'registered') return [];
    const { type, ...data } = command;
    return type === 'RegisterStreet'
      ? [{ type: 'StreetRegistered', data: data as StreetRegisteredData }]
      : [{ type: 'MarketRegistered', data: data as MarketRegisteredData }];
  }
  if (state.status === 'unknown')
    return reject(
      'PlaceNotRegistered',
      { vi: 'Chưa có tuyến đường hoặc chợ này.', en: 'No such street or market.' },
      'placeId',
    );
  switch (command.type) {
    case 'RecordFeeCollection': {
      if (state.kind !== 'market')
        return reject(
          'NotAMarket',
          { vi: 'Đây không phải là chợ.', en: 'This is not a market.' },
          'marketId',
        );
      if (!COMMUNE_OFFICES.includes(command.by.organisationKind)) return notPermitted();
      const { marketId, cashless, effectiveDate } = command;
      return [{ type: 'MarketFeeCollectionRecorded', data: { marketId, cashless, effectiveDate } }];
    }
    case 'RecordEvaluation':
      if (command.qualifies === state.qualified) return [];
      return [
        {
          type: command.qualifies ? 'PlaceQualified' : 'PlaceStoppedQualifying',
          data: { placeId: command.placeId, evaluation: command.evaluation },
        },
      ];
    case 'DesignatePlace':
      return designate(command, state);
    case 'RevokeDesignation': {
      if (!COMMUNE_OFFICES.includes(command.by.organisationKind)) return notPermitted();
      if (state.designation !== command.decisionNumber)
        return reject(
          'NotDesignated',
          { vi: 'Không có quyết định công nhận này.', en: 'No such designation.' },
          'decisionNumber',
        );
      const { placeId, decisionNumber, revokedOn } = command;
      return [{ type: 'PlaceDesignationRevoked', data: { placeId, decisionNumber, revokedOn } }];
    }
  }
}

/** The commune's formal decision: one at a time; the same decision again changes nothing. */
function designate(
  command: Extract<PlaceCommand, { type: 'DesignatePlace' }>,
  state: Extract<PlaceState, { status: 'registered' }>,
): PlaceEvent[] | PlaceRejection {
  if (!COMMUNE_OFFICES.includes(command.by.organisationKind)) return notPermitted();
  if (state.designation === command.decisionNumber) return [];
  if (state.designation !== null)
    return reject(
      'AlreadyDesignated',
      { vi: 'Đã được công nhận theo một quyết định khác.', en: 'Already designated by another decision.' },
      'decisionNumber',
    );
  const { placeId, decisionNumber, decisionDate } = command;
  return [{ type: 'PlaceDesignated', data: { placeId, decisionNumber, decisionDate } }];
}

export const placeDecider: Decider<PlaceCommand, PlaceState, PlaceEvent> = {
  initialState: () => ({ status: 'unknown' }),
  evolve,
  decide,
};
