import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CashlessCriteria, eventVersionIn, onboardingRank } from '@cnscd/contracts';
import { EventStore, handleCommand } from '@cnscd/event-store';
import type { ProjectionRunner, ReadModelDatabase } from '@cnscd/read-model';
import { CLOCK, READ_MODEL, SERVICE_CONFIG, type Clock } from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';
import { MERCHANTS_PROJECTION } from '../infrastructure/tokens';
import { DEFAULT_CRITERIA, assessPlace, countPlace } from '../places/cashless-evaluation';
import { placeDecider } from '../places/place.decider';

/** The current criteria of a commune (its own, or the defaults) and the position they were set at. */
export async function criteriaOf(
  db: Kysely<MerchantsDatabase>,
  commune: string,
): Promise<{ criteria: CashlessCriteria; position: number }> {
  const row = await db
    .selectFrom('cashless_criteria')
    .selectAll()
    .where('commune', '=', commune)
    .executeTakeFirst();
  return row
    ? { criteria: CashlessCriteria.parse(JSON.parse(row.criteria)), position: Number(row.position) }
    : { criteria: DEFAULT_CRITERIA, position: 0 };
}

/** Each open or closed merchant of a place with the best stage any provider's onboarding reached. */
export async function merchantsOnPlace(
  db: Kysely<MerchantsDatabase>,
  commune: string,
  kind: 'street' | 'market',
  placeId: string,
) {
  const merchants = await db
    .selectFrom('merchants')
    .select(['merchant_id', 'status'])
    .where('commune', '=', commune)
    .where(kind === 'street' ? 'street_id' : 'market_id', '=', placeId)
    .execute();
  if (merchants.length === 0) return [];
  const onboardings = await db
    .selectFrom('onboardings')
    .select(['merchant_id', 'stage'])
    .where('commune', '=', commune)
    .where(
      'merchant_id',
      'in',
      merchants.map((m) => m.merchant_id),
    )
    .execute();
  const rank = onboardingRank;
  return merchants.map((m) => {
    const best = onboardings
      .filter((o) => o.merchant_id === m.merchant_id && rank(o.stage) >= 0)
      .sort((a, b) => rank(b.stage) - rank(a.stage))[0];
    return { open: m.status === 'open', bestStage: best?.stage ?? null };
  });
}

/** Marked places read at once by `drain`. */
const PAGE = 100;

/** The merchants service's own settings (main.ts, `loadServiceConfig`). */
export interface MerchantsEnv {
  /**
   * How often the evaluator looks at the marks with nothing having woken it: those a crash left, or a
   * failed evaluation's. Until 2026-12-07 every 200 ms, whatever happened: five queries a second in an
   * idle service.
   */
  readonly PLACES_LOOK_EVERY_MS: number;
}

/**
 * Judges every street and market whose figures changed (the projection marks them in the same
 * transaction as the figures) and records a qualified / stopped-qualifying event when the outcome
 * changes. It looks at the marks each time the projection has written a batch, and every
 * `PLACES_LOOK_EVERY_MS` besides. Marks survive a crash; a place marked again while being judged
 * is judged again.
 */
@Injectable()
export class PlaceEvaluator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PlaceEvaluator');
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();
  /** A look is queued behind the one running: more wake-ups meanwhile need no other. */
  private queued = false;
  /** Set at shutdown: a drain stops after the place it is judging; the marks left wait for the next start. */
  private stopping = false;

  constructor(
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<MerchantsDatabase>,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MERCHANTS_PROJECTION) private readonly projection: ProjectionRunner<unknown>,
    @Inject(SERVICE_CONFIG) private readonly config: { readonly env: MerchantsEnv },
  ) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.projection.onAdvance(() => this.look());
    this.timer = setInterval(() => this.look(), this.config.env.PLACES_LOOK_EVERY_MS);
    this.look();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.stopListening?.();
    clearInterval(this.timer);
    await this.running;
  }

  /** Drains the marks once the look under way, if any, is done. */
  private look(): void {
    if (this.queued) return;
    this.queued = true;
    this.running = this.running
      .then(() => {
        this.queued = false;
        return this.drain();
      })
      .catch((err: Error) => this.logger.error(`Evaluation failed, will retry: ${err.message}`));
  }

  /**
   * Judges marked places, a page at a time, until none is left: one wake-up may mark every place of a
   * commune (a change of its criteria), and a judgement that changes nothing records no event that
   * would wake the evaluator again. A shutdown ends it between two places, not after thousands: the
   * marks stay in the table for the next start.
   */
  async drain(): Promise<void> {
    const db = this.rm.db;
    for (;;) {
      const marked = await db.selectFrom('places_to_evaluate').selectAll().limit(PAGE).execute();
      for (const m of marked) {
        if (this.stopping) return;
        await this.evaluate(m.commune, m.place_id);
        await db
          .deleteFrom('places_to_evaluate')
          .where('commune', '=', m.commune)
          .where('place_id', '=', m.place_id)
          .where('mark', '=', m.mark)
          .execute();
      }
      if (marked.length < PAGE) return;
    }
  }

  private async evaluate(commune: string, placeId: string): Promise<void> {
    const db = this.rm.db;
    const place = await db
      .selectFrom('places')
      .selectAll()
      .where('commune', '=', commune)
      .where('place_id', '=', placeId)
      .executeTakeFirst();
    if (!place) return; // a merchant named a place not registered yet: judged when it is
    const { criteria, position } = await criteriaOf(db, commune);
    const counts = countPlace(
      await merchantsOnPlace(db, commune, place.kind, placeId),
      criteria.countedStage,
    );
    const { qualifies } = assessPlace(place.kind, counts, place.cashless_fees, criteria);
    const commandId = randomUUID();
    await handleCommand(this.store, {
      stream: { commune, context: 'merchants', aggregateType: place.kind, aggregateId: placeId },
      decider: placeDecider,
      commandType: 'RecordEvaluation',
      command: {
        type: 'RecordEvaluation',
        placeId,
        qualifies,
        evaluation: { ...counts, cashlessFees: place.cashless_fees, criteriaPosition: position },
      },
      context: {
        commandId,
        actor: { organisationId: 'cnscd-merchants', userId: 'place-evaluator' },
        correlationId: commandId,
        causationId: commandId,
        occurredAt: this.clock.now().toISOString(),
      },
      schemaVersionOf: eventVersionIn('merchants'),
    });
  }
}
