import { COMMUNE_OFFICES, type OrganisationKind } from '@cnscd/contracts';

/** Who may check that a QR code is posted, besides the provider itself. The offices verify any. */
export const QR_VERIFIERS: readonly OrganisationKind[] = [...COMMUNE_OFFICES, 'village-team'];
export const PAYMENT_PROVIDERS: readonly OrganisationKind[] = ['bank', 'payment-provider'];
