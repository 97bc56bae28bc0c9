import { openDB, type DBSchema } from 'idb';
import { send } from './api';

/** A command kept on the device until the service has it: sent with its original command id, so never counted twice. */
export interface OutboxEntry {
  readonly commandId: string;
  readonly service: 'outreach';
  readonly kind: 'log-visit';
  readonly input: Record<string, unknown>;
  readonly recordedAt: string;
  /** `pending` until sent; `refused` when the service said no (shown to the user, never dropped). */
  readonly status: 'pending' | 'refused';
  readonly problem?: { code: string; title: string };
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { recordedAt: string } };
}

const db = openDB<OutboxDb>('cnscd', 1, {
  upgrade(d) {
    d.createObjectStore('outbox', { keyPath: 'commandId' }).createIndex('recordedAt', 'recordedAt');
  },
});

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());
export const onOutboxChange = (listener: () => void) => (
  listeners.add(listener),
  () => listeners.delete(listener)
);

let sentSoFar = 0;
/** How many commands this page has delivered since it was opened. */
export const sentThisSession = () => sentSoFar;

export const outboxEntries = async () => (await db).getAllFromIndex('outbox', 'recordedAt');

/** Keeps the command on the device first, then tries to send everything waiting. */
export async function record(entry: Omit<OutboxEntry, 'status' | 'recordedAt'>): Promise<void> {
  await (await db).put('outbox', { ...entry, status: 'pending', recordedAt: new Date().toISOString() });
  changed();
  void sync();
}

let syncing: Promise<number> | null = null;
/**
 * Sends what is pending as one offline batch per service (`POST /v1/batch`). A recorded item (201, or
 * 200 for one the service already had) leaves the outbox; a refused one stays, marked, for the user to
 * see; if the network fails, everything stays pending for the next try. Answers how many were sent.
 */
export function sync(): Promise<number> {
  syncing ??= (async () => {
    try {
      const pending = (await outboxEntries()).filter((e) => e.status === 'pending');
      if (pending.length === 0 || !navigator.onLine) return 0;
      const answer = await send<{
        results: { index: number; status: number; problem?: { code: string; title: string } }[];
      }>('/api/outreach/v1/batch', {
        items: pending.map((e) => ({ kind: e.kind, input: { ...e.input, commandId: e.commandId } })),
      }).catch(() => null);
      if (!answer) return 0;
      const store = (await db).transaction('outbox', 'readwrite').store;
      let sent = 0;
      for (const r of answer.results) {
        const entry = pending[r.index]!;
        if (r.status < 300) {
          await store.delete(entry.commandId);
          sent++;
          sentSoFar++;
        } else if (r.status < 500) {
          await store.put({ ...entry, status: 'refused', ...(r.problem ? { problem: r.problem } : {}) });
        } // a 5xx item stays pending: the service could not take it now, not a refusal
      }
      changed();
      return sent;
    } finally {
      syncing = null;
    }
  })();
  return syncing;
}

/** Sends again whenever the connection comes back. */
export function syncWhenOnline() {
  window.addEventListener('online', () => void sync());
  void sync();
}
