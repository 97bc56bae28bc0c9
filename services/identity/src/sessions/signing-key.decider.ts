import type { Decider, DomainEvent } from '@cnscd/decider';
import type { SigningKeyPublishedData } from '@cnscd/contracts';

export type SigningKeyEvent = DomainEvent<'SigningKeyPublished', SigningKeyPublishedData>;
type Command = { type: 'PublishSigningKey' } & SigningKeyPublishedData;

/** A public key is published once; restarting the service with the same key file publishes nothing. */
export const signingKeyDecider: Decider<Command, { published: boolean }, SigningKeyEvent> = {
  initialState: () => ({ published: false }),
  evolve: () => ({ published: true }),
  decide: ({ type: _t, ...data }, state) => (state.published ? [] : [{ type: 'SigningKeyPublished', data }]),
};
