import { z } from 'zod';

/**
 * The answers every service shares, as its API document describes them: health, freshness, parked
 * events, a batch's results, an exported event, an import's report. The code's own types are beside
 * the handlers (libs/service-kit: health.controller.ts, consumer-health.ts, parking.ts,
 * batch.http.controller.ts); the services' tests check real answers against these.
 */
export const Liveness = z.object({ status: z.literal('up') }).meta({ id: 'Liveness' });

const ConsumerStateName = z.enum(['live', 'catching-up', 'behind', 'stalled', 'parked']);
export const Readiness = z
  .object({
    status: z.enum(['up', 'degraded', 'down']),
    checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), reason: z.string().optional() })),
    projections: z.record(
      z.string(),
      z.object({
        state: ConsumerStateName,
        checkpoint: z.number().int(),
        behind: z.number().int(),
        parked: z.number().int(),
        reasons: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Readiness' });

export const ConsumerHealthSchema = z
  .object({
    projection: z.string(),
    filter: z.string().describe('Các chủ đề nó đọc / The subjects it reads'),
    checkpoint: z.number().int(),
    streamPosition: z.number().int(),
    behind: z.number().int().describe('Số commit chưa áp dụng / Commits not yet applied'),
    live: z.boolean(),
    parked: z.number().int(),
    state: ConsumerStateName,
    reasons: z.array(z.string()),
  })
  .meta({ id: 'ConsumerHealth' });

export const ParkedEventSchema = z
  .object({
    projection: z.string(),
    position: z.number().int(),
    eventIndex: z
      .number()
      .int()
      .describe('-1: cả commit không đọc được / -1: the whole commit was unreadable'),
    eventId: z.string().nullable(),
    type: z.string().nullable(),
    subject: z.string(),
    reason: z.string(),
    recordedAt: z.string().nullable(),
    parkedAt: z.string(),
  })
  .meta({ id: 'ParkedEvent' });

export const ReplayAnswer = z
  .object({
    results: z.array(
      z.object({ projection: z.string(), replayed: z.number().int(), stillParked: z.number().int() }),
    ),
  })
  .meta({ id: 'ReplayAnswer' });

export const DismissAnswer = z.object({ dismissed: z.number().int() }).meta({ id: 'DismissAnswer' });

const ItemProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});
/** A batch's answer (`207`): each item's own status and result or problem, and their counts. */
export const BatchAnswer = z
  .object({
    summary: z.object({
      total: z.number().int(),
      applied: z.number().int(),
      alreadyApplied: z.number().int(),
      failed: z.number().int(),
    }),
    results: z.array(
      z.object({
        index: z.number().int(),
        kind: z.string(),
        status: z.number().int(),
        result: z.record(z.string(), z.unknown()).optional(),
        problem: ItemProblem.optional(),
      }),
    ),
  })
  .meta({ id: 'BatchAnswer' });

/** One event as `GET /v1/events` exports it: its envelope, and its data as its contract (docs/events.md) says. */
export const ExportedEventSchema = z
  .object({
    position: z.number().int(),
    eventId: z.string(),
    type: z.string(),
    schemaVersion: z.number().int(),
    stream: z.object({
      commune: z.string(),
      context: z.string(),
      aggregateType: z.string(),
      aggregateId: z.string(),
    }),
    occurredAt: z.string(),
    recordedAt: z.string(),
    data: z.record(z.string(), z.unknown()),
    metadata: z
      .record(z.string(), z.unknown())
      .describe('Ai, lệnh nào, tương quan / Who, which command, correlation (docs/events.md)'),
  })
  .meta({ id: 'ExportedEvent' });

/** A CSV import's report: a dry run's rows at fault, or what applying the valid rows came to. */
export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    valid: z.number().int(),
    ignoredColumns: z.array(z.string()),
    applied: z.number().int().optional(),
    alreadyApplied: z.number().int().optional(),
    failed: z.number().int().optional(),
    results: z.array(z.object({ line: z.number().int(), status: z.number().int() })).optional(),
    errors: z.array(
      z.object({
        line: z.number().int().describe('1 là dòng tiêu đề / 1 is the header'),
        column: z.string(),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'ImportReport' });
