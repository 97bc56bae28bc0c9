import { ADOPTION_STAGES, type AdoptionIndicator, type AdoptionStage } from '@cnscd/contracts';

/**
 * Which kinds of organisation may confirm which stage of which indicator (PLAN.md: VNeID activation is
 * the commune police's to confirm, payment accounts the banks'). Data, not code: a commune can load
 * its own (`ADOPTION_POLICY_FILE`). A rule for a stage lists who may confirm exactly that stage.
 */
export type AdoptionPolicy = Readonly<
  Record<AdoptionIndicator, Readonly<Record<AdoptionStage, readonly string[]>>>
>;

const FIELD = [
  'village-team',
  'commune-police',
  'post-telecom',
  'health-station',
  'school',
  'youth-union',
  'mass-organisation',
  'bank',
  'payment-provider',
  'culture-society-office',
];
const BANKS = ['bank', 'payment-provider'];

export const DEFAULT_ADOPTION_POLICY: AdoptionPolicy = {
  vneid: { guided: FIELD, installed: FIELD, active: ['commune-police'] },
  'e-health-record': { guided: FIELD, installed: FIELD, active: ['health-station', 'village-team'] },
  'digital-signature': {
    guided: FIELD,
    installed: ['village-team', 'post-telecom', 'bank'],
    active: ['village-team', 'post-telecom', 'bank'],
  },
  'online-public-services': { guided: FIELD, installed: FIELD, active: FIELD },
  'payment-account': { guided: FIELD, installed: BANKS, active: BANKS },
  'e-commerce': {
    guided: FIELD,
    installed: FIELD,
    active: ['village-team', 'post-telecom', 'economic-office'],
  },
};

/** The offices that run the programme may correct (retract) any confirmation. */
const CORRECTORS = ['culture-society-office', 'peoples-committee'];

export function mayConfirm(
  policy: AdoptionPolicy,
  organisationKind: string,
  indicator: AdoptionIndicator,
  stage: AdoptionStage,
): boolean {
  return policy[indicator][stage].includes(organisationKind);
}

export function mayRetract(
  policy: AdoptionPolicy,
  organisationKind: string,
  indicator: AdoptionIndicator,
  stage: AdoptionStage,
): boolean {
  return CORRECTORS.includes(organisationKind) || mayConfirm(policy, organisationKind, indicator, stage);
}

export const stageRank = (stage: AdoptionStage): number => ADOPTION_STAGES.indexOf(stage);

/** The highest of the stages that still have a confirmation, or null. */
export function highestStage(confirmed: readonly AdoptionStage[]): AdoptionStage | null {
  return confirmed.reduce<AdoptionStage | null>(
    (best, s) => (best === null || stageRank(s) > stageRank(best) ? s : best),
    null,
  );
}
