import { z } from 'zod';

/** The answers of the report routes, as the API document describes them (the code's types are in quarterly-report.ts). */
const Status = z
  .enum(['draft', 'late', 'submitted', 'returned', 'accepted'])
  .describe(
    'nháp, trễ hạn, đã nộp (chờ Sở), bị trả lại, đã chấp nhận (khóa) / draft, late, filed, returned, accepted (locked)',
  );
const Review = z.object({
  decision: z.enum(['returned', 'accepted']),
  comment: z.string().nullable(),
  at: z.iso.datetime(),
});
const Version = z.object({
  version: z.number().int(),
  reportDate: z.iso.date(),
  submittedAt: z.iso.datetime(),
  review: Review.nullable(),
});
const Share = z.number().nullable();

export const SubmittedReports = z
  .object({
    items: z.array(
      z.object({
        reportId: z.string(),
        reportDate: z.iso.date(),
        submittedAt: z.iso.datetime(),
        version: z.number().int(),
        status: Status,
        comment: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SubmittedReports' });

export const QuarterlyReportAnswer = z
  .object({
    reportId: z.string(),
    commune: z.string(),
    communeName: z.string().nullable(),
    quarter: z.object({
      id: z.string(),
      year: z.number().int(),
      quarter: z.number().int(),
      start: z.iso.date(),
      end: z.iso.date(),
      deadline: z.iso.date(),
      cutoff: z.iso.date(),
    }),
    status: Status,
    version: z.number().int().nullable(),
    versions: z.array(Version),
    review: Review.nullable(),
    reportDate: z.iso.date(),
    knownAt: z.iso.datetime(),
    document: z.object({
      number: z.string().nullable(),
      issuedOn: z.iso.date().nullable(),
      signer: z.object({ authority: z.string(), position: z.string(), name: z.string() }).nullable(),
      recipients: z.array(z.string()),
    }),
    rows: z.array(
      z.object({
        indicator: z.string(),
        no: z.string(),
        name: z.string(),
        village: z.string().describe('`*`: cả xã / the whole commune'),
        villageName: z.string().nullable(),
        numerator: z.number(),
        denominator: z.number().nullable(),
        value: Share,
        valueAtStart: Share,
        change: Share,
        target: z.number(),
        gap: Share,
        targets: z.object({ 2025: z.number(), 2030: z.number() }),
        met: z.object({ 2025: z.boolean().nullable(), 2030: z.boolean().nullable() }),
        missing: z.literal('estimate').nullable(),
        villagesWithoutEstimate: z.array(z.string()).optional(),
      }),
    ),
    work: z.array(
      z.object({
        village: z.string(),
        villageName: z.string().nullable(),
        visits: z.number().int(),
        activities: z.number().int(),
        peopleReached: z.number().int(),
        sessions: z.number().int(),
        coreSpreaderSessions: z.number().int(),
        attendance: z.number().int(),
        teams: z.number().int(),
        members: z.number().int(),
      }),
    ),
    notes: z.array(z.object({ office: z.string(), difficulties: z.string(), proposals: z.string() })),
  })
  .meta({ id: 'QuarterlyReport' });

export const ProvinceReports = z
  .object({
    items: z.array(
      z.object({
        commune: z.string(),
        communeName: z.string().nullable(),
        reportId: z.string(),
        status: Status,
        version: z.number().int().nullable(),
        reportDate: z.iso.date().nullable(),
        submittedAt: z.iso.datetime().nullable(),
        documentNumber: z.string().nullable(),
        comment: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ProvinceReports' });
