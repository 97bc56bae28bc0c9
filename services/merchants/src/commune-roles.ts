/** The commune's own offices: they verify any QR code, set the cashless criteria and designate places. */
export const COMMUNE_OFFICES: readonly string[] = [
  'peoples-committee',
  'economic-office',
  'culture-society-office',
];
/** Who may check that a QR code is posted, besides the provider itself. */
export const QR_VERIFIERS: readonly string[] = [...COMMUNE_OFFICES, 'village-team'];
export const PAYMENT_PROVIDERS: readonly string[] = ['bank', 'payment-provider'];

export interface Actor {
  readonly organisationId: string;
  readonly organisationKind: string;
}
