import { openDB, type DBSchema } from 'idb';
import type { OutboxEntry } from './outbox';

/** A village's residents as last fetched, so the field log can name them with no connection. */
export interface CachedVillage {
  readonly village: string;
  readonly fetchedAt: string;
  readonly residents: readonly VillageResident[];
}
/** What the phone keeps of a resident: the pseudonymous key, never a name or an ID number. */
export interface VillageResident {
  readonly residentKey: string;
  readonly householdId: string | null;
  readonly householdCode: string | null;
  readonly birthYear: number;
  readonly sex: 'female' | 'male' | null;
  readonly stages: Readonly<Record<string, 'guided' | 'installed' | 'active' | null>>;
}

/** A read's last answer, kept so the screen can show it with no connection (`useKeptApi`). */
export interface KeptAnswer {
  readonly path: string;
  readonly fetchedAt: string;
  readonly data: unknown;
}

interface DeviceDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { recordedAt: string } };
  villages: { key: string; value: CachedVillage };
  kept: { key: string; value: KeptAnswer };
}

/** The app's one IndexedDB database on the device: the outbox, the cached village lists, kept answers. */
export const deviceDb = openDB<DeviceDb>('cnscd', 3, {
  upgrade(d, oldVersion) {
    if (oldVersion < 1)
      d.createObjectStore('outbox', { keyPath: 'commandId' }).createIndex('recordedAt', 'recordedAt');
    if (oldVersion < 2) d.createObjectStore('villages', { keyPath: 'village' });
    if (oldVersion < 3) d.createObjectStore('kept', { keyPath: 'path' });
  },
});
