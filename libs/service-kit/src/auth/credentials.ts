import type { Kysely } from 'kysely';
import type { EventStore } from '@cnscd/event-store';
import { DirectoryFollower } from '../follow/directory-follower';
import { CredentialDirectory, IDENTITY_FILTER } from './credential-directory';
import type { Principal } from './principal';

/** How long a request with an unknown credential waits for newer identity events. */
const CATCH_UP_MS = 3000;

/**
 * The credentials a service accepts: a CredentialDirectory followed from the identity events. A
 * credential not yet known is retried once the directory has caught up with the stream, so a key
 * issued a moment ago works on its first use, and a key revoked after a malformed identity message is
 * refused (the message is parked under `identity.credentials`).
 */
export class Credentials extends DirectoryFollower<CredentialDirectory> {
  constructor(
    store: EventStore,
    private readonly clock: { now(): Date },
    db: Kysely<unknown>,
  ) {
    super('identity.credentials', IDENTITY_FILTER, () => new CredentialDirectory(), store, db);
  }

  async authenticate(credential: string | undefined): Promise<Principal> {
    try {
      return await this.directory.authenticate(credential, this.clock.now());
    } catch (err) {
      if (!CredentialDirectory.mayBeNewer(err)) throw err;
      await this.catchUp(CATCH_UP_MS).catch(() => undefined);
      return this.directory.authenticate(credential, this.clock.now());
    }
  }
}
