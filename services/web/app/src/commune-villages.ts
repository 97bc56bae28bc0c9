import { get } from './api';
import { useLoad } from './use-api';

/** A village of the commune as the indicators service registers it (GET /v1/villages). */
export interface CommuneVillage {
  readonly villageCode: string;
  readonly name: string;
  readonly retiredOn: string | null;
  readonly successors: readonly string[];
}

const KEPT = 'cnscd.villages';

/**
 * The commune's villages: fetched when there is a connection and kept on the device, so the field
 * log offers them (by name) in a dead zone too; the copy kept last time otherwise (empty if none).
 */
export async function communeVillages(): Promise<CommuneVillage[]> {
  try {
    const { villages } = await get<{ villages: CommuneVillage[] }>('/api/indicators/v1/villages');
    localStorage.setItem(KEPT, JSON.stringify(villages));
    return villages;
  } catch {
    return JSON.parse(localStorage.getItem(KEPT) ?? '[]') as CommuneVillage[];
  }
}

export const useCommuneVillages = () => useLoad('villages', communeVillages).data ?? [];

/** The villages a write may name today: not merged, split or dissolved. */
export const openVillages = (villages: readonly CommuneVillage[]) =>
  villages.filter((v) => v.retiredOn === null);

/** A village's name for the screen: its registered name, or its code when the list does not have it. */
export const villageLabel = (villages: readonly CommuneVillage[], code: string) =>
  villages.find((v) => v.villageCode === code)?.name ?? code;
