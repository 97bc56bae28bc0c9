import { serviceWrites } from '@cnscd/service-kit';
import { setCashlessCriteria } from './criteria/set-cashless-criteria/set-cashless-criteria.operation';
import { addOcopProduct } from './merchants/add-ocop-product/add-ocop-product.operation';
import { closeMerchant } from './merchants/close-merchant/close-merchant.operation';
import { delistOcopProduct } from './merchants/delist-ocop-product/delist-ocop-product.operation';
import { listOcopProduct } from './merchants/list-ocop-product/list-ocop-product.operation';
import { moveMerchant } from './merchants/move-merchant/move-merchant.operation';
import { registerMerchant } from './merchants/register-merchant/register-merchant.operation';
import { reopenMerchant } from './merchants/reopen-merchant/reopen-merchant.operation';
import { recordOnboardingStep } from './onboarding/record-onboarding-step/record-onboarding-step.operation';
import { verifyQrCode } from './onboarding/verify-qr-code/verify-qr-code.operation';
import { withdrawQrCode } from './onboarding/withdraw-qr-code/withdraw-qr-code.operation';
import { designatePlace } from './places/designate-place/designate-place.operation';
import { recordFeeCollection } from './places/record-fee-collection/record-fee-collection.operation';
import { registerMarket } from './places/register-market/register-market.operation';
import { registerStreet } from './places/register-street/register-street.operation';
import { revokeDesignation } from './places/revoke-designation/revoke-designation.operation';

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
