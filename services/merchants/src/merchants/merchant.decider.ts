import { conflict, reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type {
  MerchantClosedData,
  MerchantMovedData,
  MerchantRegisteredData,
  MerchantReopenedData,
  OcopProductAddedData,
  OcopProductDelistedData,
  OcopProductListedData,
} from '@cnscd/contracts';

export type MerchantEvent =
  | DomainEvent<'MerchantRegistered', MerchantRegisteredData>
  | DomainEvent<'MerchantMoved', MerchantMovedData>
  | DomainEvent<'MerchantClosed', MerchantClosedData>
  | DomainEvent<'MerchantReopened', MerchantReopenedData>
  | DomainEvent<'OcopProductAdded', OcopProductAddedData>
  | DomainEvent<'OcopProductListed', OcopProductListedData>
  | DomainEvent<'OcopProductDelisted', OcopProductDelistedData>;

type Place = Pick<MerchantMovedData, 'villageCode' | 'streetId' | 'marketId' | 'stall'>;
export type MerchantCommand =
  | ({ type: 'RegisterMerchant' } & MerchantRegisteredData)
  | ({ type: 'MoveMerchant' } & MerchantMovedData)
  | ({ type: 'CloseMerchant' } & MerchantClosedData)
  | ({ type: 'ReopenMerchant' } & MerchantReopenedData)
  | ({ type: 'AddOcopProduct' } & OcopProductAddedData)
  | ({ type: 'ListOcopProduct' } & OcopProductListedData)
  | ({ type: 'DelistOcopProduct' } & OcopProductDelistedData);

export type MerchantState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'open' | 'closed';
      readonly place: Place;
      readonly since: string;
      /** OCOP product → the platforms it is listed on now. */
      readonly products: Readonly<Record<string, readonly string[]>>;
      /** What the registration recorded: a registration sent again must say the same. */
      readonly registered: MerchantRegisteredData;
    };

export const initialState = (): MerchantState => ({ status: 'unknown' });

export function evolve(state: MerchantState, event: MerchantEvent): MerchantState {
  if (event.type === 'MerchantRegistered') {
    const { villageCode, streetId, marketId, stall, openedOn } = event.data;
    return {
      status: 'open',
      place: { villageCode, streetId, marketId, stall },
      since: openedOn,
      products: {},
      registered: event.data,
    };
  }
  if (state.status === 'unknown') return state;
  switch (event.type) {
    case 'MerchantMoved':
      return {
        ...state,
        place: {
          villageCode: event.data.villageCode,
          streetId: event.data.streetId,
          marketId: event.data.marketId,
          stall: event.data.stall,
        },
      };
    case 'MerchantClosed':
      return { ...state, status: 'closed', since: event.data.closedOn };
    case 'MerchantReopened':
      return { ...state, status: 'open', since: event.data.reopenedOn };
    case 'OcopProductAdded':
      return { ...state, products: { ...state.products, [event.data.productId]: [] } };
    case 'OcopProductListed':
      return {
        ...state,
        products: {
          ...state.products,
          [event.data.productId]: [...(state.products[event.data.productId] ?? []), event.data.platform],
        },
      };
    case 'OcopProductDelisted': {
      const { productId, platform } = event.data;
      return {
        ...state,
        products: {
          ...state.products,
          [productId]: (state.products[productId] ?? []).filter((p) => p !== platform),
        },
      };
    }
  }
}

export type MerchantRejection = Rejection<
  | 'MerchantNotRegistered'
  | 'MerchantClosed'
  | 'MerchantAlreadyOpen'
  | 'DateBeforeCurrentState'
  | 'UnknownProduct'
  | 'NotListed'
  | 'MerchantRegisteredDifferently'
>;
type Decision = MerchantEvent[] | MerchantRejection;

const notRegistered = () =>
  reject('MerchantNotRegistered', { vi: 'Chưa có cơ sở kinh doanh này.', en: 'No such merchant.' });
const closed = () => reject('MerchantClosed', { vi: 'Cơ sở đã đóng cửa.', en: 'The merchant is closed.' });
const beforeSince = (field: string) =>
  reject(
    'DateBeforeCurrentState',
    { vi: 'Ngày này sớm hơn lần thay đổi trước.', en: 'This date is before the last change.' },
    field,
  );

/** Field by field, ignoring fields absent on one side and null on the other. */
const sameContent = (a: object, b: object) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const value = (o: object, k: string) => (o as Record<string, unknown>)[k] ?? null;
  return [...keys].every((k) => JSON.stringify(value(a, k)) === JSON.stringify(value(b, k)));
};

export function decide(command: MerchantCommand, state: MerchantState): Decision {
  const { type, ...data } = command;
  if (type === 'RegisterMerchant') {
    if (state.status === 'unknown')
      return [{ type: 'MerchantRegistered', data: data as MerchantRegisteredData }];
    // The same registration again changes nothing; another one for the same merchant is a conflict.
    return sameContent(state.registered, data)
      ? []
      : conflict(
          'MerchantRegisteredDifferently',
          {
            vi: 'Cơ sở này đã được đăng ký với nội dung khác; xem nội dung đã ghi.',
            en: 'This merchant was registered with other details; see what is recorded.',
          },
          state.registered,
        );
  }
  if (state.status === 'unknown') return notRegistered();
  switch (command.type) {
    case 'MoveMerchant':
      if (state.status === 'closed') return closed();
      if (command.effectiveDate < state.since) return beforeSince('effectiveDate');
      return [{ type: 'MerchantMoved', data: data as MerchantMovedData }];
    case 'CloseMerchant':
      if (state.status === 'closed') return [];
      if (command.closedOn < state.since) return beforeSince('closedOn');
      return [{ type: 'MerchantClosed', data: data as MerchantClosedData }];
    case 'ReopenMerchant':
      if (state.status === 'open')
        return reject('MerchantAlreadyOpen', { vi: 'Cơ sở đang hoạt động.', en: 'The merchant is open.' });
      if (command.reopenedOn < state.since) return beforeSince('reopenedOn');
      return [{ type: 'MerchantReopened', data: data as MerchantReopenedData }];
    case 'AddOcopProduct':
      return command.productId in state.products
        ? []
        : [{ type: 'OcopProductAdded', data: data as OcopProductAddedData }];
    case 'ListOcopProduct': {
      const listed = state.products[command.productId];
      if (!listed)
        return reject(
          'UnknownProduct',
          { vi: 'Chưa có sản phẩm OCOP này.', en: 'No such OCOP product.' },
          'productId',
        );
      return listed.includes(command.platform)
        ? []
        : [{ type: 'OcopProductListed', data: data as OcopProductListedData }];
    }
    case 'DelistOcopProduct':
      if (!(state.products[command.productId] ?? []).includes(command.platform)) {
        return reject(
          'NotListed',
          { vi: 'Sản phẩm không có trên sàn này.', en: 'The product is not listed on this platform.' },
          'platform',
        );
      }
      return [{ type: 'OcopProductDelisted', data: data as OcopProductDelistedData }];
  }
}

export const merchantDecider: Decider<MerchantCommand, MerchantState, MerchantEvent> = {
  initialState,
  evolve,
  decide,
};
