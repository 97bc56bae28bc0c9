import {
  ADOPTION_STAGES,
  ORGANISATION_KIND_LABELS,
  type AdoptionIndicator,
  type AdoptionStage,
  type OrganisationKind,
} from '@cnscd/contracts/src/adoption';
import { get } from './api';
import { inUserLanguage } from './i18n';
import { useLoad } from './use-api';

/** `GET /api/outreach/v1/adoption-policy`: who may confirm what, and what the caller's organisation may. */
export interface AdoptionPolicy {
  readonly policy: Record<AdoptionIndicator, Record<AdoptionStage, readonly OrganisationKind[]>>;
  readonly yours: Record<AdoptionIndicator, readonly AdoptionStage[]>;
}

const KEPT = 'cnscd.adoption-policy';

/** The policy, fetched when there is a connection and kept on the phone for a dead zone (null: never fetched). */
async function adoptionPolicy(): Promise<AdoptionPolicy | null> {
  try {
    const policy = await get<AdoptionPolicy>('/api/outreach/v1/adoption-policy');
    localStorage.setItem(KEPT, JSON.stringify(policy));
    return policy;
  } catch {
    const kept = localStorage.getItem(KEPT);
    return kept ? (JSON.parse(kept) as AdoptionPolicy) : null;
  }
}

export const useAdoptionPolicy = () => useLoad('adoption-policy', adoptionPolicy).data ?? null;

/**
 * The stages a volunteer may record for a resident in this visit: those their organisation may
 * confirm for every indicator the visit's topics move (all stages while the policy is unknown: the
 * service still decides, and a refusal is shown and kept).
 */
export function stagesOffered(
  policy: AdoptionPolicy | null,
  indicators: readonly AdoptionIndicator[],
): AdoptionStage[] {
  return ADOPTION_STAGES.filter((stage) =>
    indicators.every((i) => policy?.yours[i]?.includes(stage) ?? true),
  );
}

/** For each stage of these indicators the caller may not confirm: who may (`VNeID — Đã kích hoạt: Công an xã`). */
export function confirmedByOthers(policy: AdoptionPolicy | null, indicators: readonly AdoptionIndicator[]) {
  if (!policy) return [];
  return indicators.flatMap((indicator) =>
    ADOPTION_STAGES.filter((stage) => !policy.yours[indicator]?.includes(stage)).map((stage) => ({
      indicator,
      stage,
      by: (policy.policy[indicator]?.[stage] ?? []).map((k) => inUserLanguage(ORGANISATION_KIND_LABELS[k])),
    })),
  );
}
