/**
 * Sign-in attempts per client address: a token bucket that holds `perMinute` attempts and refills at
 * that rate. Guessing passwords across many accounts from one place is slowed, whatever the accounts'
 * own lock-outs. Kept in memory: one identity service instance holds its own buckets.
 */
export class SignInThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes one attempt for the client; answers the seconds to wait when it has none left, else 0. */
  take(client: string, now: number): number {
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute);
    bucket.tokens -= 1;
    return 0;
  }

  /** Buckets full again are the same as none. */
  private forgetFull(now: number): void {
    for (const [client, b] of this.buckets)
      if (b.tokens + ((now - b.at) / 60_000) * this.perMinute >= this.perMinute) this.buckets.delete(client);
  }
}
