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
