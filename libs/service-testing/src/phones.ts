import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { EventStore, type StreamFilter } from '@cnscd/event-store';
import { until } from '@cnscd/testing';
import type { Json } from './service-under-test';

/** How long a phone waits for an answer before it gives up on the request and sends it again. */
const ANSWER_WAIT_MS = 10_000;

/**
 * What a phone does: send, and on no answer (a timeout, a refused connection) or a 5xx send the very
 * same command again, 100 ms later, until it is answered. A 4xx is a refusal: it fails. `heard` is
 * told each attempt's outcome.
 */
export async function sendUntilAnswered(
  url: string,
  key: string,
  body: Json,
  heard: (outcome: number | 'no answer') => void = () => undefined,
  attempts = 300,
): Promise<Json> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ANSWER_WAIT_MS),
    }).catch(() => null);
    heard(res?.status ?? 'no answer');
    if (res && res.status < 500) {
      const answer = (await res.json()) as Json;
      if (res.status >= 400) throw new Error(`${url} refused (${res.status}): ${JSON.stringify(answer)}`);
      return answer;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

/** For each command id in the part of the stream the filter names: the positions of its commits. */
export async function commitsPerCommand(
  nc: NatsConnection,
  filter: StreamFilter,
): Promise<Map<string, Set<number>>> {
  const store = await EventStore.create(nc);
  const commitsOf = new Map<string, Set<number>>();
  for await (const batch of store.readAll({ filter }))
    for (const e of batch.events) {
      const positions = commitsOf.get(e.metadata.commandId) ?? new Set<number>();
      commitsOf.set(e.metadata.commandId, positions.add(e.position));
    }
  return commitsOf;
}

/** A structurally valid CCCD: Lâm Đồng (068), a man born 1985, the `serial`-th of a test. */
export const cccd = (serial: number): string => `068085${String(100_000 + serial).padStart(6, '0')}`;

/**
 * A village team's phone registering the `serial`-th resident of thon-1 and confirming their e-health
 * record, each command sent until answered (`answered` hears each as it is). Answers the two command
 * ids, in the order sent.
 */
export async function registerAndConfirm(
  outreachUrl: string,
  key: string,
  serial: number,
  answered: (commandId: string) => void = () => undefined,
): Promise<string[]> {
  const [registration, confirmation] = [randomUUID(), randomUUID()];
  const { residentKey } = await sendUntilAnswered(`${outreachUrl}/v1/residents`, key, {
    commandId: registration,
    occurredAt: new Date().toISOString(),
    citizenId: cccd(serial),
    villageCode: 'thon-1',
    consent: false,
  });
  answered(registration);
  await sendUntilAnswered(`${outreachUrl}/v1/adoptions/confirmations`, key, {
    commandId: confirmation,
    occurredAt: new Date().toISOString(),
    residentKey,
    indicator: 'e-health-record',
    stage: 'active',
    evidence: 'self-reported',
  });
  answered(confirmation);
  return [registration, confirmation];
}

/**
 * The commune's indicator values today as the live projection has them once every consumer of the
 * indicators service is caught up, and again after a rebuild from the whole stream has switched over.
 */
export async function valuesAndRebuilt(
  indicatorsUrl: string,
  key: string,
): Promise<{ projected: Json[]; rebuilt: Json[] }> {
  const call = async (path: string, init: RequestInit = {}): Promise<Json> => {
    const res = await fetch(`${indicatorsUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    });
    return res.json();
  };
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const values = async () => (await call(`/v1/values?date=${today}`)).values as Json[];
  await until('indicators caught up', async () =>
    (await call('/v1/freshness')).every((r: Json) => r.behind === 0 && r.live),
  );
  const projected = await values();
  await call('/v1/admin/rebuilds', { method: 'POST' });
  await until(
    'the rebuild switched over',
    async () => (await call('/v1/admin/rebuilds/current')).status === 'switched',
  );
  return { projected, rebuilt: await values() };
}
