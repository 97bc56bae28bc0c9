import { commandsHttpController, operationRegistry } from '@cnscd/service-kit';
import { setCashlessCriteria } from './criteria/criteria.operations';
import {
  addOcopProduct,
  closeMerchant,
  delistOcopProduct,
  listOcopProduct,
  moveMerchant,
  registerMerchant,
  reopenMerchant,
} from './merchants/merchant.operations';
import { recordOnboardingStep, verifyQrCode, withdrawQrCode } from './onboarding/onboarding.operations';
import {
  designatePlace,
  recordFeeCollection,
  registerMarket,
  registerStreet,
  revokeDesignation,
} from './places/place.operations';

/** Every write of the merchants service, by kind (batch items, NATS subjects `cnscd.merchants.cmd.<kind>`). */
export const MERCHANTS_OPERATIONS = operationRegistry(
  registerMerchant,
  moveMerchant,
  closeMerchant,
  reopenMerchant,
  addOcopProduct,
  listOcopProduct,
  delistOcopProduct,
  recordOnboardingStep,
  verifyQrCode,
  withdrawQrCode,
  registerStreet,
  registerMarket,
  recordFeeCollection,
  designatePlace,
  revokeDesignation,
  setCashlessCriteria,
);

export const COMMAND_ROUTES = [
  {
    path: 'merchants',
    operation: registerMerchant,
    location: (r: Record<string, unknown>) => `/v1/merchants/${r['merchantId']}`,
  },
  { path: 'merchants/moves', operation: moveMerchant },
  { path: 'merchants/closures', operation: closeMerchant },
  { path: 'merchants/reopenings', operation: reopenMerchant },
  { path: 'ocop/products', operation: addOcopProduct },
  { path: 'ocop/listings', operation: listOcopProduct },
  { path: 'ocop/delistings', operation: delistOcopProduct },
  { path: 'onboarding/steps', operation: recordOnboardingStep },
  { path: 'onboarding/verifications', operation: verifyQrCode },
  { path: 'onboarding/withdrawals', operation: withdrawQrCode },
  { path: 'streets', operation: registerStreet },
  { path: 'markets', operation: registerMarket },
  { path: 'markets/fee-collection', operation: recordFeeCollection },
  { path: 'designations', operation: designatePlace },
  { path: 'designations/revocations', operation: revokeDesignation },
  { path: 'cashless-criteria', operation: setCashlessCriteria },
] as const;

export const CommandsHttpController = commandsHttpController(COMMAND_ROUTES as never);
