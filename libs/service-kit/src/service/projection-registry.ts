import type { StreamFilter } from '@cnscd/event-store';

/** What the registry needs of a projection runner (any read-model type). */
export interface RegisteredProjection {
  readonly name: string;
  readonly filter: StreamFilter;
  readonly checkpoint: number;
  readonly isLive: boolean;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The service's projection runners: started after bootstrap, stopped on shutdown, reported by the
 * freshness endpoint. A service that swaps runners at run time (a rebuild) registers the new one here.
 */
export class ProjectionRegistry {
  private readonly runners: RegisteredProjection[];

  constructor(initial: readonly RegisteredProjection[] = []) {
    this.runners = [...initial];
  }

  all(): readonly RegisteredProjection[] {
    return this.runners;
  }

  add(runner: RegisteredProjection): void {
    this.runners.push(runner);
  }

  remove(runner: RegisteredProjection): void {
    const i = this.runners.indexOf(runner);
    if (i >= 0) this.runners.splice(i, 1);
  }
}
