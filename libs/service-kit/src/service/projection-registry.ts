import type { StreamFilter } from '@cnscd/event-store';
import type { ConsumerStatus, ParkedEvent, ReplayResult } from '@cnscd/read-model';

/**
 * What operators and health checks need of a consumer of the event stream — a projection runner (any
 * read-model type) or a follower such as the credentials: where it is, what it parked, and the
 * operator's two ways out of a parked event.
 */
export interface StreamConsumer {
  readonly name: string;
  readonly filter: StreamFilter;
  /** For a consumer of another stream than the events (the audit trail): its subjects and its end. */
  readonly subjects?: string;
  lastPosition?(): Promise<number>;
  readonly checkpoint: number;
  readonly isLive: boolean;
  status(): ConsumerStatus;
  parked(limit?: number): Promise<ParkedEvent[]>;
  replayParked(): Promise<ReplayResult>;
  dismissParked(position: number, eventIndex?: number): Promise<number>;
}

/** A projection runner: started after bootstrap, stopped on shutdown. */
export interface RegisteredProjection extends StreamConsumer {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The service's consumers of the stream: projection runners (started after bootstrap, stopped on
 * shutdown) and followers started on their own (the credentials). Reported by the freshness, parked
 * and health endpoints. A service that swaps runners at run time (a rebuild) registers the new one here.
 */
export class ProjectionRegistry {
  private readonly consumers: StreamConsumer[];

  constructor(initial: readonly StreamConsumer[] = []) {
    this.consumers = [...initial];
  }

  all(): readonly StreamConsumer[] {
    return this.consumers;
  }

  /** The projection runners among them. */
  runners(): readonly RegisteredProjection[] {
    return this.consumers.filter((c): c is RegisteredProjection => 'start' in c && 'stop' in c);
  }

  find(name: string): StreamConsumer | undefined {
    return this.consumers.find((c) => c.name === name);
  }

  add(consumer: StreamConsumer): void {
    this.consumers.push(consumer);
  }

  remove(consumer: StreamConsumer): void {
    const i = this.consumers.indexOf(consumer);
    if (i >= 0) this.consumers.splice(i, 1);
  }
}
