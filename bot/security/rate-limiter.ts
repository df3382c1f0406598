// Token buckets keyed by caller: each key may spend `capacity` tokens at once and regains
// `perSecond`. Memory stays bounded: idle (full) buckets are dropped first, then the oldest.

export interface RateLimit {
  readonly capacity: number;
  readonly perSecond: number;
}

export type Admission =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const DEFAULT_MAX_KEYS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** Spends one token of `key`, or says how long to wait for one. */
  take(key: string): Admission {
    const admission = this.peek(key);
    if (admission.allowed) this.bucket(key).tokens -= 1;
    return admission;
  }

  /** Whether `key` has a token left, without spending it. */
  peek(key: string): Admission {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return { allowed: true };
    this.refill(bucket);
    if (bucket.tokens >= 1) return { allowed: true };
    const seconds = (1 - bucket.tokens) / this.limit.perSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxKeys) this.evict();
      bucket = { tokens: this.limit.capacity, at: this.now() };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private refill(bucket: Bucket): void {
    const now = this.now();
    const earned = ((now - bucket.at) / 1000) * this.limit.perSecond;
    bucket.tokens = Math.min(this.limit.capacity, bucket.tokens + earned);
    bucket.at = now;
  }

  /** A full bucket carries no information; when none is full, the oldest key goes. */
  private evict(): void {
    for (const [key, bucket] of this.buckets) {
      this.refill(bucket);
      if (bucket.tokens >= this.limit.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size < this.maxKeys) return;
    const oldest = this.buckets.keys().next();
    if (oldest.done !== true) this.buckets.delete(oldest.value);
  }
}
