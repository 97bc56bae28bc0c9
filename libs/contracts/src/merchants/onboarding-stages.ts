// No zod here: the web app imports this file.

/** Contacted → account opened → QR issued → QR posted and verified → active; a withdrawal starts over. */
export const ONBOARDING_STAGES = [
  'contacted',
  'account-opened',
  'qr-issued',
  'qr-verified',
  'active',
] as const;
export type OnboardingStage = (typeof ONBOARDING_STAGES)[number];

/** The stage each onboarding event leaves an onboarding at: the decider, the merchants' views and the indicators read it. */
export const ONBOARDING_STAGE_OF = {
  MerchantContacted: 'contacted',
  PaymentAccountOpened: 'account-opened',
  QrCodeIssued: 'qr-issued',
  QrCodeVerified: 'qr-verified',
  QrPaymentsActive: 'active',
  QrCodeWithdrawn: 'withdrawn',
} as const satisfies Record<string, OnboardingStage | 'withdrawn'>;
export type OnboardingEventType = keyof typeof ONBOARDING_STAGE_OF;

/** How far along a stage is (0 = contacted … 4 = active); −1 for none, a withdrawal or anything else. */
export const onboardingRank = (stage: string | null): number =>
  stage === null ? -1 : ONBOARDING_STAGES.indexOf(stage as OnboardingStage);
