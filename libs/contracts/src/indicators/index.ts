import type { z } from 'zod';
import * as e from './indicator-events';

export * from './catalog';
export * from './indicator-events';

type Data<S extends z.ZodType> = z.infer<S>;
export type CountedStageSetData = Data<typeof e.CountedStageSetV1>;
export type DenominatorEstimatedData = Data<typeof e.DenominatorEstimatedV1>;
export type TargetSetData = Data<typeof e.TargetSetV1>;
export type ReportNotesRecordedData = Data<typeof e.ReportNotesRecordedV1>;
export type QuarterlyReportSubmittedData = Data<typeof e.QuarterlyReportSubmittedV1>;

export const IndicatorsEvents = {
  CountedStageSet: { version: 1, schema: e.CountedStageSetV1 },
  DenominatorEstimated: { version: 1, schema: e.DenominatorEstimatedV1 },
  TargetSet: { version: 1, schema: e.TargetSetV1 },
  ReportNotesRecorded: { version: 1, schema: e.ReportNotesRecordedV1 },
  QuarterlyReportSubmitted: { version: 1, schema: e.QuarterlyReportSubmittedV1 },
} as const satisfies Record<string, { version: number; schema: z.ZodType }>;
