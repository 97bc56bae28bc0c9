import type { z } from 'zod';
import * as e from './indicator-events';
import * as v from './village-events';

export * from './catalog';
export * from './indicator-events';
export * from './village-events';

type Data<S extends z.ZodType> = z.infer<S>;
export type CountedStageSetData = Data<typeof e.CountedStageSetV1>;
export type DenominatorEstimatedData = Data<typeof e.DenominatorEstimatedV1>;
export type TargetSetData = Data<typeof e.TargetSetV1>;
export type ReportNotesRecordedData = Data<typeof e.ReportNotesRecordedV1>;
export type QuarterlyReportSubmittedData = Data<typeof e.QuarterlyReportSubmittedV1>;
export type QuarterlyReportReturnedData = Data<typeof e.QuarterlyReportReturnedV1>;
export type QuarterlyReportAcceptedData = Data<typeof e.QuarterlyReportAcceptedV1>;
export type VillageRegisteredData = Data<typeof v.VillageRegisteredV1>;
export type VillageRenamedData = Data<typeof v.VillageRenamedV1>;
export type VillageRetiredData = Data<typeof v.VillageRetiredV1>;

export const IndicatorsEvents = {
  CountedStageSet: { version: 1, schema: e.CountedStageSetV1 },
  DenominatorEstimated: { version: 1, schema: e.DenominatorEstimatedV1 },
  TargetSet: { version: 1, schema: e.TargetSetV1 },
  ReportNotesRecorded: { version: 1, schema: e.ReportNotesRecordedV1 },
  QuarterlyReportSubmitted: { version: 1, schema: e.QuarterlyReportSubmittedV1 },
  QuarterlyReportReturned: { version: 1, schema: e.QuarterlyReportReturnedV1 },
  QuarterlyReportAccepted: { version: 1, schema: e.QuarterlyReportAcceptedV1 },
  VillageRegistered: { version: 1, schema: v.VillageRegisteredV1 },
  VillageRenamed: { version: 1, schema: v.VillageRenamedV1 },
  VillageRetired: { version: 1, schema: v.VillageRetiredV1 },
} as const satisfies Record<string, { version: number; schema: z.ZodType }>;
export * from './village-register';
