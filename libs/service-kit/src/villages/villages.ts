import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { VillageRecord, VillageStanding } from '@cnscd/contracts';
import { Day, OccurredAt, vietnamDay } from '@cnscd/contracts';
import type { EventStore } from '@cnscd/event-store';
import { DirectoryFollower } from '../follow/directory-follower';
import type { FieldError } from '../problem-details';
import { VILLAGE_FILTER, VillageDirectory } from './village-directory';
import { villageFieldsIn } from './village-fields';

/** How long a write naming a village not yet known waits for newer village events. */
const CATCH_UP_MS = 3000;

/**
 * The villages each commune registered (the indicators service records them), followed from the
 * stream like the credentials. A write that names a village checks it here before any decision: a
 * code the commune never registered, a village that does not exist yet or no longer exists on the
 * write's day, is refused with the field named (docs/api.md, "Villages").
 */
export class Villages extends DirectoryFollower<VillageDirectory> {
  constructor(store: EventStore, db: Kysely<unknown>) {
    super('indicators.villages', VILLAGE_FILTER, () => new VillageDirectory(), store, db);
  }

  list(commune: string): VillageRecord[] {
    return this.directory.list(commune);
  }

  /**
   * What is wrong with each village a request names (the fields `schema` marks as registered villages),
   * for a write in `commune` that happened on `day`; empty when every one is open that day.
   */
  async refusals(schema: z.ZodType, raw: unknown, commune: string, day: string): Promise<FieldError[]> {
    const fields = villageFieldsIn(schema, raw);
    if (fields.length === 0) return [];
    const judge = () =>
      fields.flatMap(({ path, code, ever }) => {
        const standing = this.directory.standing(commune, code, day);
        const detail = ever && standing.status !== 'unknown' ? null : refusalOf(standing);
        return detail ? [{ pointer: `#/${path.join('/')}`, detail }] : [];
      });
    const first = judge();
    if (first.length === 0) return first;
    // Registered a moment ago (perhaps through another service's replica of the list)?
    await this.catchUp(CATCH_UP_MS).catch(() => undefined);
    return judge();
  }
}

/** Why a write may not name the village on its day, Vietnamese then English; null if it may. */
function refusalOf(standing: VillageStanding): string | null {
  switch (standing.status) {
    case 'open':
      return null;
    case 'unknown':
      return 'Xã chưa đăng ký thôn này (danh mục thôn: GET /v1/villages) / The commune has not registered this village (the list: GET /v1/villages)';
    case 'not-yet':
      return `Thôn này chỉ có từ ngày ${standing.since} / This village exists from ${standing.since}`;
    case 'retired': {
      const into = standing.successors.join(', ');
      return into
        ? `Thôn này không còn từ ngày ${standing.on}, nay thuộc: ${into} / This village ceased on ${standing.on}; it is now: ${into}`
        : `Thôn này không còn từ ngày ${standing.on} / This village ceased on ${standing.on}`;
    }
  }
}

/**
 * The day a write names its villages on: its `effectiveDate` when it has one (a move, an estimate, a
 * merger recorded ahead of the day), else the day it happened (`occurredAt`), else today. `checked`:
 * the write passed its schema, whose `effectiveDate` is a `Day` and `occurredAt` an `OccurredAt` as in
 * every command's, so they are taken as they are; else each is parsed, and a malformed one passed over.
 */
export function dayOfWrite(sent: unknown, now: Date, checked = false): string {
  const { effectiveDate, occurredAt } = (sent ?? {}) as { effectiveDate?: unknown; occurredAt?: unknown };
  // Only a field sent is parsed, and only once: zod's failure builds its issues, and most writes (every
  // visit) have no `effectiveDate` — ≈ 0.4% of outreach's CPU under the write-path benchmark. Both
  // schemas answer the text as sent.
  const valid = (schema: typeof Day | typeof OccurredAt, value: unknown): value is string =>
    typeof value === 'string' && (checked || schema.safeParse(value).success);
  if (valid(Day, effectiveDate)) return effectiveDate;
  return vietnamDay(valid(OccurredAt, occurredAt) ? occurredAt : now);
}
