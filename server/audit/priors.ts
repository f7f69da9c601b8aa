import type { Content } from './content';

/** What the recorder knows of an object's last recorded version: the base of its next entry. */
export interface Prior {
  rv: string;
  /** Its content's text (as stored), and the same as a value once known (the next patch's base). */
  content?: string;
  parsed?: Content;
  core: string;
  deleted: boolean;
  sinceKeyframe: number;
  /** Its counted problem after that version, STARTING, or null (problems.ts). */
  problem: string | null;
}

/**
 * Values kept per batch: an object changed again in the same batch is diffed against the value of
 * its last version, not its text parsed again — while it is among the last this many.
 */
export const PARSED_KEPT = 500;

/**
 * The versions a batch has written so far, per uid. Each keeps its text; only the last PARSED_KEPT
 * keep their value too: a batch of 5,000 first-list objects held as values was the recorder
 * thread's largest heap (a pod's value takes 1.4 times its text), and an object met again further
 * on is parsed from its text then.
 */
export class BatchPriors implements Iterable<[string, Prior]> {
  private readonly byUid = new Map<string, Prior>();
  /** Uids whose prior holds its value, oldest first. */
  private readonly valued = new Set<string>();

  constructor(private readonly keep = PARSED_KEPT) {}

  get(uid: string): Prior | undefined {
    return this.byUid.get(uid);
  }

  set(uid: string, prior: Prior): void {
    this.byUid.set(uid, prior);
    this.valued.delete(uid);
    if (!prior.parsed) return;
    this.valued.add(uid);
    if (this.valued.size <= this.keep) return;
    const [oldest] = this.valued;
    this.valued.delete(oldest);
    const p = this.byUid.get(oldest);
    if (p) this.byUid.set(oldest, { ...p, parsed: undefined });
  }

  [Symbol.iterator](): Iterator<[string, Prior]> {
    return this.byUid[Symbol.iterator]();
  }
}
