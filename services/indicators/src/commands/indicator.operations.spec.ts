import { FactsStore } from '../projection/facts-store';
import {
  estimateDenominator,
  recordReportNotes,
  setCountedStage,
  setTarget,
  submitQuarterlyReport,
} from './indicator.operations';

describe('the indicators service’s writes', () => {
  it.each([setCountedStage, estimateDenominator, setTarget, recordReportNotes, submitQuarterlyReport])(
    '$kind answers only once the facts in use include it, so a screen reloading at once sees it',
    (operation) => {
      expect(operation.definition.projection).toBe(FactsStore);
    },
  );
});
