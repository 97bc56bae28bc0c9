import type { z } from 'zod';
import * as e from './training-events';

export * from './training-events';

type Data<S extends z.ZodType> = z.infer<S>;
export type TeamRegisteredData = Data<typeof e.TeamRegisteredV1>;
export type MemberJoinedData = Data<typeof e.MemberJoinedV1>;
export type MemberLeftData = Data<typeof e.MemberLeftV1>;
export type LeaderAppointedData = Data<typeof e.LeaderAppointedV1>;
export type ZaloGroupNameRecordedData = Data<typeof e.ZaloGroupNameRecordedV1>;
export type ActivityRecordedData = Data<typeof e.ActivityRecordedV1>;
export type SessionRecordedData = Data<typeof e.SessionRecordedV1>;
export type TeamReportSubmittedData = Data<typeof e.TeamReportSubmittedV1>;

/**
 * Training events for the indicators service and the quarterly report: activities, sessions,
 * attendance and people reached per village per period; teams and their reports.
 */
export const TrainingEvents = {
  TeamRegistered: { version: 1, schema: e.TeamRegisteredV1 },
  MemberJoined: { version: 1, schema: e.MemberJoinedV1 },
  MemberLeft: { version: 1, schema: e.MemberLeftV1 },
  LeaderAppointed: { version: 1, schema: e.LeaderAppointedV1 },
  ZaloGroupNameRecorded: { version: 1, schema: e.ZaloGroupNameRecordedV1 },
  ActivityRecorded: { version: 1, schema: e.ActivityRecordedV1 },
  SessionRecorded: { version: 1, schema: e.SessionRecordedV1 },
  TeamReportSubmitted: { version: 1, schema: e.TeamReportSubmittedV1 },
} as const satisfies Record<string, { version: number; schema: z.ZodType }>;
