import { serviceWrites } from '@cnscd/service-kit';
import { estimateDenominator } from './settings/estimate-denominator/estimate-denominator.operation';
import { recordReportNotes } from './quarterly-reports/record-report-notes/record-report-notes.operation';
import { setCountedStage } from './settings/set-counted-stage/set-counted-stage.operation';
import { setTarget } from './settings/set-target/set-target.operation';
import { acceptQuarterlyReport } from './quarterly-reports/accept-quarterly-report/accept-quarterly-report.operation';
import { returnQuarterlyReport } from './quarterly-reports/return-quarterly-report/return-quarterly-report.operation';
import { submitQuarterlyReport } from './quarterly-reports/submit-quarterly-report/submit-quarterly-report.operation';
import { registerVillage } from './villages/register-village/register-village.operation';
import { renameVillage } from './villages/rename-village/rename-village.operation';
import { retireVillage } from './villages/retire-village/retire-village.operation';

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
  returnQuarterlyReport,
  acceptQuarterlyReport,
  registerVillage,
  renameVillage,
  retireVillage,
]);
export const INDICATORS_OPERATIONS = INDICATORS_WRITES.registry;
export const CommandsHttpController = INDICATORS_WRITES.controller;
