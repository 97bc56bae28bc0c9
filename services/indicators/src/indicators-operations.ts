import { serviceWrites } from '@cnscd/service-kit';
import {
  estimateDenominator,
  recordReportNotes,
  setCountedStage,
  setTarget,
  submitQuarterlyReport,
} from './commands/indicator.operations';
import { registerVillage, renameVillage, retireVillage } from './villages/village.operations';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.indicators.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const INDICATORS_WRITES = serviceWrites([
  setCountedStage,
  estimateDenominator,
  setTarget,
  recordReportNotes,
  submitQuarterlyReport,
  registerVillage,
  renameVillage,
  retireVillage,
]);
export const INDICATORS_OPERATIONS = INDICATORS_WRITES.registry;
export const CommandsHttpController = INDICATORS_WRITES.controller;
