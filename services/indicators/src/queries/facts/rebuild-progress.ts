import { z } from 'zod';
import type { FillPhase, FillReport } from './fill-facts';

/** A rebuild's progress, as `GET /v1/admin/rebuilds/current` shows it (OpenAPI from this schema). */
export const RebuildProgress = z
  .object({
    schema: z.string().describe('Lược đồ đang dựng / The schema being filled'),
    status: z.enum(['running', 'switched', 'failed']),
    phase: z
      .enum(['reading', 'indexing', 'counting', 'switching', 'serving'] satisfies readonly (
        FillPhase | 'switching' | 'serving'
      )[])
      .describe(
        'Bước đang làm, hoặc bước bị lỗi: đọc luồng sự kiện, dựng chỉ mục, tính thay đổi số đếm của dữ kiện ghi muộn, chuyển sang, đang phục vụ / ' +
          "The step it is at, or failed at: reading the stream, building keys and indexes, counting the late facts' changes, switching over, serving",
      ),
    startedAt: z.iso.datetime(),
    target: z
      .number()
      .int()
      .describe('Vị trí luồng cần đạt trước khi chuyển / Stream position to reach before switching over'),
    done: z.number().int(),
    eventsApplied: z.number().int(),
    eventsPerSecond: z.number(),
    secondsLeft: z.number().nullable(),
    error: z.string().optional(),
  })
  .meta({ id: 'RebuildProgress' });
export type RebuildProgress = Readonly<z.output<typeof RebuildProgress>>;

/**
 * A running rebuild's progress after a fill's report, `seconds` after it started: where it is, its rate
 * so far, and the seconds left at that rate to its target.
 */
export function progressed(
  rebuild: RebuildProgress,
  { position, eventsApplied, phase }: FillReport,
  seconds: number,
): RebuildProgress {
  const rate = eventsApplied / Math.max(seconds, 0.001);
  const left = rebuild.target > position ? (rebuild.target - position) / Math.max(rate, 1) : 0;
  return {
    ...rebuild,
    phase,
    done: Math.min(position, rebuild.target),
    eventsApplied,
    eventsPerSecond: Math.round(rate),
    secondsLeft: Math.round(left),
  };
}
