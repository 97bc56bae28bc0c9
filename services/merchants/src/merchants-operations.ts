import { serviceWrites } from '@cnscd/service-kit';
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

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.merchants.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const MERCHANTS_WRITES = serviceWrites([
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
]);
export const MERCHANTS_OPERATIONS = MERCHANTS_WRITES.registry;
export const CommandsHttpController = MERCHANTS_WRITES.controller;
