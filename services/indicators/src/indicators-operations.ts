import { commandsHttpController, operationRegistry } from '@cnscd/service-kit';
import {
  estimateDenominator,
  recordReportNotes,
  setCountedStage,
  setTarget,
  submitQuarterlyReport,
} from './commands/indicator.operations';
import { registerVillage, renameVillage, retireVillage } from './villages/village.operations';

/** Every write of the indicators service, by kind (batch items, NATS subjects `cnscd.indicators.cmd.<kind>`). */
export const INDICATORS_OPERATIONS = operationRegistry(
  setCountedStage,
  estimateDenominator,
  setTarget,
  recordReportNotes,
  submitQuarterlyReport,
  registerVillage,
  renameVillage,
  retireVillage,
);

export const CommandsHttpController = commandsHttpController([
  { path: 'config/counted-stages', operation: setCountedStage },
  { path: 'denominators', operation: estimateDenominator },
  { path: 'targets', operation: setTarget },
  { path: 'reports/notes', operation: recordReportNotes },
  { path: 'reports/submissions', operation: submitQuarterlyReport },
  { path: 'villages', operation: registerVillage },
  { path: 'villages/renames', operation: renameVillage },
  { path: 'villages/retirements', operation: retireVillage },
] as never);
