import { CommuneCode } from '@cnscd/contracts';
import { COMMAND_FIELDS } from '@cnscd/service-kit';
import { FactsStore } from '../queries/facts/facts-store';
import { quarterlyReportDecider } from './quarterly-report.decider';

export const report = {
  aggregateType: 'quarterly-report',
  aggregateId: (i: { reportId: string }) => i.reportId,
  decider: quarterlyReportDecider,
  projection: FactsStore,
} as const;

/** The commune whose filed report the province decides on. */
export const OF_COMMUNE = { ...COMMAND_FIELDS, commune: CommuneCode };

/** The province's decision goes to the commune's own stream, beside the versions it decides on. */
export const provinceDecision = {
  ...report,
  scope: 'indicators:review',
  commune: (i: { commune: string }) => i.commune,
  // What the audit trail of a refusal names: the commune's report.
  target: (i: unknown) => {
    const { commune, reportId } = i as { commune?: unknown; reportId?: unknown };
    return `${String(commune)}/${String(reportId)}`;
  },
  result: (i: { commune: string; reportId: string; version: number }) => ({
    commune: i.commune,
    reportId: i.reportId,
    version: i.version,
  }),
} as const;
