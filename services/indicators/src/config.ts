import { z } from 'zod';
import { loadServiceConfig } from '@cnscd/service-kit';
import { rebuildWorkersDefault } from './queries/facts/fill-in-parallel';

/**
 * The indicators service's own setting, besides the common ones: `INDICATORS_REBUILD_WORKERS`, the
 * worker threads a rebuild reads with on PostgreSQL (decision 0014; default one per core, at most four;
 * 0 reads in the service's own thread, as it always does on PGlite).
 */
export function loadIndicatorsConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadServiceConfig(
    'indicators',
    3004,
    { INDICATORS_REBUILD_WORKERS: z.coerce.number().int().min(0).max(16).optional() },
    env,
  );
  const rebuild: RebuildSettings = {
    url: config.database.url,
    workers: config.env.INDICATORS_REBUILD_WORKERS ?? rebuildWorkersDefault(),
  };
  return { ...config, rebuild };
}

/** How a rebuild reads the stream (decision 0014). */
export interface RebuildSettings {
  /** The PostgreSQL the workers write to; none on PGlite, which reads in one thread. */
  readonly url: string | undefined;
  readonly workers: number;
}
export const REBUILD_SETTINGS = Symbol('REBUILD_SETTINGS');
