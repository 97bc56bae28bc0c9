import {
  VILLAGE_EVENT_TYPES,
  VILLAGE_REGISTER,
  emptyVillageRegister,
  villageStandingOn,
  withVillageEvent,
  type VillageEvent,
  type VillageRecord,
  type VillageRegister,
  type VillageStanding,
} from '@cnscd/contracts';
import type { RecordedEvent, StreamFilter } from '@cnscd/event-store';

export const VILLAGE_FILTER: StreamFilter = VILLAGE_REGISTER;

/** Every commune's villages, folded from the village register events. */
export class VillageDirectory {
  position = 0;
  private readonly communes = new Map<string, VillageRegister>();

  apply(event: RecordedEvent): void {
    if (VILLAGE_EVENT_TYPES.includes(event.type)) {
      const { commune } = event.stream;
      const register = this.communes.get(commune) ?? emptyVillageRegister();
      this.communes.set(commune, withVillageEvent(register, event as unknown as VillageEvent));
    }
    this.position = Math.max(this.position, event.position);
  }

  standing(commune: string, code: string, day: string): VillageStanding {
    return villageStandingOn(this.communes.get(commune)?.get(code), day);
  }

  /** The commune's villages, by code. */
  list(commune: string): VillageRecord[] {
    return [...(this.communes.get(commune)?.values() ?? [])].sort((a, b) => a.code.localeCompare(b.code));
  }
}
