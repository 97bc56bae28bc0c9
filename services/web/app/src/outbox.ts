import { loadSession, send } from './api';
import { deviceDb as db } from './device-db';

/** A command kept on the device until the service has it: sent with its original command id, so never counted twice. */
export interface OutboxEntry {
  readonly commandId: string;
  readonly service: 'outreach';
  readonly kind: 'register-household' | 'log-visit' | 'confirm-adoption';
  readonly input: Record<string, unknown>;
  readonly recordedAt: string;
  /** Who recorded it: only sent with that user's sign-in, so the work is theirs in every event. */
  readonly userId?: string;
  /** `pending` until sent; `refused` when the service said no (shown to the user, never dropped). */
  readonly status: 'pending' | 'refused';
  readonly problem?: {
    code: string;
    title: string;
    /** The fields at fault (a village the commune has not registered, a note with a phone number, …). */
    errors?: readonly { pointer: string; detail: string }[];
  };
}

/**
 * Whether an entry belongs to the signed-in user: only theirs are sent with their sign-in. Entries
 * kept before users were recorded go with whoever signs in next.
 */
export const isMine = (entry: OutboxEntry) => {
  const me = loadSession()?.user.userId;
  return me !== undefined && (entry.userId ?? me) === me;
};

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());
export const onOutboxChange = (listener: () => void) => (
  listeners.add(listener),
  () => listeners.delete(listener)
);

let sentSoFar = 0;
/** How many visits this page has delivered since it was opened (their registrations and confirmations ride along). */
export const sentThisSession = () => sentSoFar;

export const outboxEntries = async () => (await db).getAllFromIndex('outbox', 'recordedAt');

/**
 * Keeps the commands on the device first (all or none: one visit and the confirmations made during
 * it), then tries to send everything waiting. They are sent in the order given.
 */
export async function record(
  ...entries: Omit<OutboxEntry, 'status' | 'recordedAt' | 'userId'>[]
): Promise<void> {
  const userId = loadSession()?.user.userId;
  if (!userId) throw new Error('not signed in');
  const tx = (await db).transaction('outbox', 'readwrite');
  const at = Date.now();
  // One millisecond apart, so the recordedAt index keeps the order they were made in.
  entries.forEach((entry, i) =>
    tx.store.put({ ...entry, userId, status: 'pending', recordedAt: new Date(at + i).toISOString() }),
  );
  await tx.done;
  changed();
  void sync();
}

/** The user has read why an entry was refused and lets it go (only refused entries can be dropped). */
export async function dismiss(commandId: string): Promise<void> {
  const store = (await db).transaction('outbox', 'readwrite').store;
  const entry = await store.get(commandId);
  if (entry?.status === 'refused') await store.delete(commandId);
  changed();
}

let syncing: Promise<number> | null = null;
/** The most items the services take in one offline batch (`POST /v1/batch`). */
const BATCH_LIMIT = 200;
type BatchAnswer = {
  results: { index: number; status: number; problem?: OutboxEntry['problem'] }[];
};

/**
 * Sends what the signed-in user has pending (another user's entries wait for their sign-in) as
 * offline batches of at most 200, in the order recorded (`POST /v1/batch`): a day offline can hold
 * more than one batch. A recorded item (201, or 200 for one the service already had) leaves the
 * outbox; a refused one stays, marked, for the user to see; a 5xx item, or everything from a batch
 * the network lost on, stays pending for the next try. Answers how many were sent.
 */
export function sync(): Promise<number> {
  syncing ??= (async () => {
    let sent = 0;
    try {
      const pending = (await outboxEntries()).filter((e) => e.status === 'pending' && isMine(e));
      for (let from = 0; from < pending.length && navigator.onLine; from += BATCH_LIMIT) {
        const batch = pending.slice(from, from + BATCH_LIMIT);
        const answer = await send<BatchAnswer>('/api/outreach/v1/batch', {
          items: batch.map((e) => ({ kind: e.kind, input: { ...e.input, commandId: e.commandId } })),
        }).catch(() => null);
        if (!answer) break;
        sent += await settle(batch, answer);
        changed();
      }
      return sent;
    } finally {
      syncing = null;
    }
  })();
  return syncing;
}

/** Takes one batch's answers into the outbox; answers how many items the service recorded. */
async function settle(batch: readonly OutboxEntry[], answer: BatchAnswer): Promise<number> {
  const store = (await db).transaction('outbox', 'readwrite').store;
  let recorded = 0;
  for (const r of answer.results) {
    const entry = batch[r.index]!;
    if (r.status < 300) {
      await store.delete(entry.commandId);
      recorded++;
      if (entry.kind === 'log-visit') sentSoFar++;
    } else if (r.status < 500) {
      await store.put({ ...entry, status: 'refused', ...(r.problem ? { problem: r.problem } : {}) });
    } // a 5xx item stays pending: the service could not take it now, not a refusal
  }
  return recorded;
}

/** Sends again whenever the connection comes back. */
export function syncWhenOnline() {
  window.addEventListener('online', () => void sync());
  void sync();
}
