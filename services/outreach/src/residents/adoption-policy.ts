import {
  ADOPTION_STAGES,
  type AdoptionIndicator,
  type AdoptionStage,
  type OrganisationKind,
  PROGRAMME_OFFICES,
} from '@cnscd/contracts';

/**
 * Which kinds of organisation may confirm which stage of which indicator (docs/mission/PLAN.md: VNeID activation is
 * the commune police's to confirm, payment accounts the banks'). Data, not code: one table the shell
 * passes to the decider with each command, so a commune's own rules would change the table, not the
 * decider. A rule for a stage lists who may confirm exactly that stage.
 */
export type AdoptionPolicy = Readonly<
  Record<AdoptionIndicator, Readonly<Record<AdoptionStage, readonly OrganisationKind[]>>>
>;

const FIELD: readonly OrganisationKind[] = [
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
const BANKS: readonly OrganisationKind[] = ['bank', 'payment-provider'];

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
const CORRECTORS = PROGRAMME_OFFICES;

export function mayConfirm(
  policy: AdoptionPolicy,
  organisationKind: OrganisationKind,
  indicator: AdoptionIndicator,
  stage: AdoptionStage,
): boolean {
  return policy[indicator][stage].includes(organisationKind);
}

export function mayRetract(
  policy: AdoptionPolicy,
  organisationKind: OrganisationKind,
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
