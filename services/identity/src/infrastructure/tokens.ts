/** Injection tokens of the identity service. */
export const IDENTITY_PROJECTION = Symbol('IDENTITY_PROJECTION');
export const AUDIT_PROJECTION = Symbol('AUDIT_PROJECTION');
