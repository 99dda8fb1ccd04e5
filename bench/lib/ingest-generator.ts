/**
 * Realistic metric traffic for POST /api/v1/channels/metrics, as a collector sends it: every
 * request carries snapshots of recent posts, each what the post gained since the collector's
 * previous look (fast in a post's first hours, then slower: the same curve as the seed,
 * 1 − e^(−h/36) of its reach), with likes and forwards a few per cent of the views, and now and
 * then each channel's audience. Deterministic for a seed; every snapshot has its own moment, so
 * no two requests repeat a snapshot unless asked to (`replay`).
 */

export interface KnownPost {
  id: string;
  channelId: string;
  publishedAt: string;
  /** Views so far (its reach grows from there). */
  views: number;
}

export interface GeneratedBatch {
  posts: { postId: string; capturedAt: string; views: number; likes: number; forwards: number }[];
  channels: { channelId: string; capturedAt: string; subscribers: number }[];
}

/** A small fast PRNG (mulberry32), so that a run can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface KnownChannel {
  id: string;
  subscribers: number;
}

export class IngestGenerator {
  private readonly next: () => number;
  private requests = 0;
  /** The last moment sent per post: a post's snapshots are a millisecond apart at least. */
  private readonly lastMoment = new Map<string, number>();
  private readonly subscribers: Map<string, number>;
  private last: GeneratedBatch | null = null;

  constructor(
    private readonly posts: readonly KnownPost[],
    channels: readonly KnownChannel[],
    private readonly options: { snapshotsPerRequest: number; seed?: number; audienceEvery?: number } = { snapshotsPerRequest: 200 },
  ) {
    if (posts.length === 0) throw new Error('the ingestion generator needs posts to send metrics for');
    this.next = random(options.seed ?? 2002);
    this.subscribers = new Map(channels.map((c) => [c.id, c.subscribers]));
  }

  /** The next request's body. `replay`: the previous body again (a client retrying). */
  batch(now = Date.now(), replay = false): GeneratedBatch {
    if (replay && this.last) return this.last;
    const count = Math.min(this.options.snapshotsPerRequest, 1_000);
    const posts: GeneratedBatch['posts'] = [];
    for (let i = 0; i < count; i++) {
      const post = this.posts[Math.floor(this.next() * this.posts.length)]!;
      const ageHours = Math.max(0.1, (now - Date.parse(post.publishedAt)) / 3_600_000);
      const reach = Math.max(200, post.views * 1.2);
      // What the post gained over the last few minutes at its age, with some luck either way.
      const views = Math.max(0, Math.round(reach * (Math.exp(-ageHours / 36) / 36) * (5 / 60) * (0.5 + this.next())));
      const moment = Math.max(now, (this.lastMoment.get(post.id) ?? 0) + 1);
      this.lastMoment.set(post.id, moment);
      posts.push({ postId: post.id, capturedAt: new Date(moment).toISOString(), views, likes: Math.round(views * (0.02 + this.next() * 0.04)), forwards: Math.round(views * (0.003 + this.next() * 0.015)) });
    }
    const channels: GeneratedBatch['channels'] = [];
    if (this.requests++ % (this.options.audienceEvery ?? 10) === 0) {
      for (const [channelId, current] of this.subscribers) {
        const next = Math.max(0, current + Math.round((this.next() - 0.4) * 20));
        this.subscribers.set(channelId, next);
        channels.push({ channelId, capturedAt: new Date(now).toISOString(), subscribers: next });
      }
    }
    this.last = { posts, channels: channels.slice(0, Math.max(0, 1_000 - posts.length)) };
    return this.last;
  }
}
