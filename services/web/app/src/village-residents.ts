import { get } from './api';
import { deviceDb, type CachedVillage, type VillageResident } from './device-db';

interface ResidentPage {
  readonly items: readonly (VillageResident & { readonly status: 'registered' | 'erased' })[];
  readonly next: string | null;
}

/**
 * The village's registered residents: fetched (every page) and kept on the device when there is a
 * connection, otherwise the copy kept last time (or null if the phone never had one).
 */
export async function villageResidents(village: string): Promise<CachedVillage | null> {
  const db = await deviceDb;
  try {
    const residents: VillageResident[] = [];
    for (let after: string | null = ''; after !== null;) {
      const page: ResidentPage = await get<ResidentPage>(
        `/api/outreach/v1/residents?${new URLSearchParams({ village, limit: '500', ...(after ? { after } : {}) })}`,
      );
      for (const r of page.items)
        if (r.status === 'registered')
          residents.push({
            residentKey: r.residentKey,
            householdId: r.householdId,
            householdCode: r.householdCode,
            birthYear: r.birthYear,
            sex: r.sex,
            stages: r.stages,
          });
      after = page.next;
    }
    const fresh = { village, fetchedAt: new Date().toISOString(), residents };
    await db.put('villages', fresh);
    return fresh;
  } catch {
    return (await db.get('villages', village)) ?? null;
  }
}

/** Residents grouped by household, in household-code order; residents with no household are left out. */
export function households(residents: readonly VillageResident[]) {
  const byId = new Map<string, { householdId: string; code: string | null; residents: VillageResident[] }>();
  for (const r of residents) {
    if (!r.householdId) continue;
    const h = byId.get(r.householdId) ?? { householdId: r.householdId, code: r.householdCode, residents: [] };
    h.residents.push(r);
    byId.set(r.householdId, h);
  }
  return [...byId.values()].sort((a, b) => (a.code ?? '~').localeCompare(b.code ?? '~'));
}
