import { getAll } from './api';
import { deviceDb, type CachedVillage, type VillageResident } from './device-db';

/**
 * The village's registered residents: fetched (every page) and kept on the device when there is a
 * connection, otherwise the copy kept last time (or null if the phone never had one).
 */
export async function villageResidents(village: string): Promise<CachedVillage | null> {
  const db = await deviceDb;
  try {
    const residents = (
      await getAll<VillageResident & { readonly status: 'registered' | 'erased' }>(
        '/api/outreach/v1/residents',
        {
          village,
        },
      )
    )
      .filter((r) => r.status === 'registered')
      .map((r) => ({
        residentKey: r.residentKey,
        householdId: r.householdId,
        householdCode: r.householdCode,
        birthYear: r.birthYear,
        sex: r.sex,
        stages: r.stages,
      }));
    const fresh = { village, fetchedAt: new Date().toISOString(), residents };
    await db.put('villages', fresh);
    return fresh;
  } catch {
    return (await db.get('villages', village)) ?? null;
  }
}

/** The residents who belong to no household yet (a visit to them registers one). */
export const withoutHousehold = (residents: readonly VillageResident[]) =>
  residents.filter((r) => !r.householdId);

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
