import { FactsStore } from '../projection/facts-store';
import { z } from 'zod';
import {
  CountedStageSetV1,
  DenominatorEstimatedV1,
  EntityId,
  OccurredAt,
  ReportNotesRecordedV1,
  TargetSetV1,
} from '@cnscd/contracts';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { vietnamDay } from '../engine/days';
import { quarterOf } from '../reports/quarters';
import { quarterlyReportDecider, settingsDecider } from './indicators.decider';

const base = { commandId: EntityId, occurredAt: OccurredAt };
const by = (p: Principal) => ({ organisationId: p.organisationId, organisationKind: p.organisationKind });
const settings = {
  aggregateType: 'settings',
  aggregateId: (_i: unknown, p: Principal) => p.commune,
  decider: settingsDecider,
  // The command answers once the facts in use have its event: a screen reloading at once sees it.
  projection: FactsStore,
} as const;

export const SetCountedStageRequest = CountedStageSetV1.extend(base)
  .strict()
  .meta({ id: 'SetCountedStageRequest' });
export const setCountedStage = deciderOperation({
  ...settings,
  kind: 'set-counted-stage',
  scope: 'indicators:configure',
  input: SetCountedStageRequest,
  command: ({ indicator, stage, reason }, p) => ({
    type: 'SetCountedStage' as const,
    indicator,
    stage,
    reason,
    by: by(p),
  }),
});

export const EstimateDenominatorRequest = DenominatorEstimatedV1.extend(base)
  .strict()
  .meta({ id: 'EstimateDenominatorRequest' });
export const estimateDenominator = deciderOperation({
  ...settings,
  kind: 'estimate-denominator',
  scope: 'indicators:denominators',
  input: EstimateDenominatorRequest,
  command: ({ villageCode, ageBand, count, source, effectiveDate }, p) => ({
    type: 'EstimateDenominator' as const,
    villageCode,
    ageBand,
    count,
    source,
    effectiveDate,
    by: by(p),
  }),
});

export const SetTargetRequest = TargetSetV1.extend(base).strict().meta({ id: 'SetTargetRequest' });
export const setTarget = deciderOperation({
  ...settings,
  kind: 'set-target',
  scope: 'indicators:configure',
  input: SetTargetRequest,
  command: ({ indicator, villageCode, year, value, reason }, p) => ({
    type: 'SetTarget' as const,
    indicator,
    villageCode,
    year,
    value,
    reason,
    by: by(p),
  }),
});

const report = {
  aggregateType: 'quarterly-report',
  aggregateId: (i: { reportId: string }) => i.reportId,
  decider: quarterlyReportDecider,
  projection: FactsStore,
} as const;

export const RecordReportNotesRequest = ReportNotesRecordedV1.extend(base)
  .strict()
  .meta({ id: 'RecordReportNotesRequest' });
export const recordReportNotes = deciderOperation({
  ...report,
  kind: 'record-report-notes',
  scope: 'indicators:reports',
  input: RecordReportNotesRequest,
  command: ({ reportId, office, difficulties, proposals }, p) => ({
    type: 'RecordReportNotes' as const,
    reportId,
    office,
    difficulties,
    proposals,
    by: by(p),
  }),
  result: (i) => ({ reportId: i.reportId }),
});

export const SubmitQuarterlyReportRequest = z
  .strictObject({ ...base, reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/) })
  .meta({ id: 'SubmitQuarterlyReportRequest' });
/**
 * Freezes the report: it will show what was known now. Its report date is the submission day, or the
 * quarter's last day for a report submitted after the quarter ended.
 */
export const submitQuarterlyReport = deciderOperation({
  ...report,
  kind: 'submit-quarterly-report',
  scope: 'indicators:reports',
  input: SubmitQuarterlyReportRequest,
  command: ({ reportId }, p, now) => {
    const today = vietnamDay(now);
    const { end } = quarterOf(reportId);
    return {
      type: 'SubmitQuarterlyReport' as const,
      reportId,
      reportDate: today < end ? today : end,
      knownAt: now.toISOString(),
      by: by(p),
    };
  },
  result: (i) => ({ reportId: i.reportId }),
});
