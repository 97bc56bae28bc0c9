import { createHmac } from 'node:crypto';

/**
 * The resident key (docs/mission/ARCHITECTURE.md §7): HMAC-SHA-256 with the commune's secret. From a citizen ID, the
 * same person always gets the same key, whoever records them; without one, the key is tied to the
 * household and the command that registered the person, so a resend finds the same resident.
 */
export function residentKeyFromCitizenId(secret: Buffer, digits: string): string {
  return createHmac('sha256', secret).update(`cccd:v1:${digits}`).digest('hex');
}

export function generatedResidentKey(secret: Buffer, householdId: string, commandId: string): string {
  return createHmac('sha256', secret).update(`household:v1:${householdId}:${commandId}`).digest('hex');
}
