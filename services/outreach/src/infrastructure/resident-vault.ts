import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PersonalDetails, type SealedDetails } from '@cnscd/contracts';
import type { OutreachDatabase } from './read-model';

/**
 * Per-resident data keys for crypto-shredding (docs/mission/ARCHITECTURE.md §7). Each resident's personal details are
 * sealed with their own key (AES-256-GCM); the key is stored wrapped by the master key. Destroying
 * the key makes every sealed copy, in every event, unreadable.
 *
 * The keys live in the service's database but are NOT a projection: they cannot be rebuilt from the
 * events (that is the point), so a read-model rebuild must keep the `resident_data_keys` table.
 */
export class ResidentVault {
  constructor(private readonly masterKey: Buffer) {}

  async seal(
    db: Kysely<OutreachDatabase>,
    commune: string,
    residentKey: string,
    details: PersonalDetails,
  ): Promise<SealedDetails> {
    const key = await this.keyFor(db, commune, residentKey, true);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key!, iv);
    cipher.setAAD(Buffer.from(residentKey));
    const data = Buffer.concat([
      cipher.update(JSON.stringify(details), 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return { v: 1, iv: iv.toString('base64url'), data: data.toString('base64url') };
  }

  /** The details, or null when the resident's key has been destroyed (erased, consent withdrawn). */
  async open(
    db: Kysely<OutreachDatabase>,
    commune: string,
    residentKey: string,
    sealed: SealedDetails,
  ): Promise<PersonalDetails | null> {
    const key = await this.keyFor(db, commune, residentKey, false);
    if (!key) return null;
    try {
      const raw = Buffer.from(sealed.data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
      decipher.setAAD(Buffer.from(residentKey));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const plain = Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]);
      return PersonalDetails.parse(JSON.parse(plain.toString('utf8')));
    } catch {
      return null; // sealed under a key since destroyed and replaced (consent withdrawn, then given again)
    }
  }

  async destroy(db: Kysely<OutreachDatabase>, commune: string, residentKey: string): Promise<void> {
    await db
      .deleteFrom('resident_data_keys')
      .where('commune', '=', commune)
      .where('resident_key', '=', residentKey)
      .execute();
  }

  private async keyFor(
    db: Kysely<OutreachDatabase>,
    commune: string,
    residentKey: string,
    create: boolean,
  ): Promise<Buffer | null> {
    if (create) {
      const dek = randomBytes(32);
      await db
        .insertInto('resident_data_keys')
        .values({ commune, resident_key: residentKey, wrapped_key: this.wrap(dek, commune, residentKey) })
        .onConflict((oc) => oc.columns(['commune', 'resident_key']).doNothing())
        .execute();
    }
    const row = await db
      .selectFrom('resident_data_keys')
      .select('wrapped_key')
      .where('commune', '=', commune)
      .where('resident_key', '=', residentKey)
      .executeTakeFirst();
    return row ? this.unwrap(row.wrapped_key, commune, residentKey) : null;
  }

  private wrap(dek: Buffer, commune: string, residentKey: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(`${commune}:${residentKey}`));
    return Buffer.concat([iv, cipher.update(dek), cipher.final(), cipher.getAuthTag()]).toString('base64');
  }

  private unwrap(wrapped: string, commune: string, residentKey: string): Buffer {
    const raw = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${commune}:${residentKey}`));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
  }
}
