import { FactsStore } from '../queries/facts/facts-store';
import { quarterlyReportDecider } from './quarterly-report.decider';

export const report = {
  aggregateType: 'quarterly-report',
  aggregateId: (i: { reportId: string }) => i.reportId,
  decider: quarterlyReportDecider,
  projection: FactsStore,
} as const;
