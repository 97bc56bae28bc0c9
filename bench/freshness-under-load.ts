import { randomUUID } from 'node:crypto';
import type { Answer } from './http-client';
import { percentile } from './timing';

export interface FreshnessUnderLoad {
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** How long after its answer the first read of /v1/values is sent, and how often it is sent again. */
const FIRST_READ_MS = 40;
const READ_AGAIN_MS = 5;

/**
 * Issue 16's freshness under issue 17's load: while `load` runs, a village team registers a resident
 * (a fresh citizen ID from `citizenId`) and confirms a stage of theirs, over and over, and each time
 * the indicators' `/v1/values` is read until it counts the confirmation — the time from the
 * confirmation's answer to that read's. The reads start `FIRST_READ_MS` after the answer, so that they
 * add little load of their own (a fresh count takes a few tens of ms).
 */
export async function freshnessUnderLoad(
  post: (path: string, body: string) => Promise<Answer>,
  confirmed: () => Promise<number>,
  citizenId: (i: number) => string,
  load: Promise<unknown>,
): Promise<FreshnessUnderLoad> {
  let loading = true;
  const stop = () => void (loading = false);
  load.then(stop, stop); // its failure is reported where it is awaited, below
  const ms: number[] = [];
  for (let i = 0; loading; i++) {
    const registered = await post(
      '/v1/residents',
      JSON.stringify({
        commandId: randomUUID(),
        occurredAt: new Date().toISOString(),
        citizenId: citizenId(i),
        villageCode: 'thon-1',
        consent: false,
      }),
    );
    const { residentKey } = registered.json as { residentKey: string };
    const before = await confirmed();
    const answer = await post(
      '/v1/adoptions/confirmations',
      JSON.stringify({
        commandId: randomUUID(),
        occurredAt: new Date().toISOString(),
        residentKey,
        indicator: 'e-health-record',
        stage: 'active',
        evidence: 'self-reported',
      }),
    );
    if (answer.status !== 201) throw new Error(`confirmation refused: HTTP ${answer.status}`);
    const answered = performance.now();
    await new Promise((r) => setTimeout(r, FIRST_READ_MS));
    while ((await confirmed()) <= before) await new Promise((r) => setTimeout(r, READ_AGAIN_MS));
    ms.push(performance.now() - answered);
  }
  await load;
  return { samples: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), max: Math.max(...ms) };
}
