/**
 * Injected faults, set through /sim/v1/faults/*. They apply to Kubernetes API
 * requests only; the /sim endpoints themselves are never faulted.
 */
export class Faults {
  private forbidden = new Set<string>();
  latencyMs = 0;
  errorRate = 0;

  forbid(resource: string): void {
    this.forbidden.add(resource);
  }

  /** Forbidden by name: a plural, or `plural.group`, as `faults/forbid?resource=` names it. */
  isForbiddenName(resource: string, group = ''): boolean {
    return this.forbidden.has(resource) || this.forbidden.has(group ? `${resource}.${group}` : resource);
  }

  /** Whether this request should fail with a 500, drawn against the error rate. */
  drawError(): boolean {
    return this.errorRate > 0 && Math.random() < this.errorRate;
  }

  clear(): void {
    this.forbidden.clear();
    this.latencyMs = 0;
    this.errorRate = 0;
  }

  describe(): { forbidden: string[]; latencyMs: number; errorRate: number } {
    return { forbidden: [...this.forbidden], latencyMs: this.latencyMs, errorRate: this.errorRate };
  }
}

export interface RequestRecord {
  time: string;
  verb: string;
  path: string;
  userAgent: string;
  status: number;
  /** Who asked, as authentication said (absent: refused before it said). */
  user?: string;
}

/** Every request the sim received, oldest first, capped so a long demo cannot grow it without bound. */
export class RequestLog {
  private records: RequestRecord[] = [];
  dropped = 0;

  constructor(private readonly capacity = 200_000) {}

  add(r: RequestRecord): RequestRecord {
    this.records.push(r);
    if (this.records.length > this.capacity) {
      const cut = Math.floor(this.capacity / 10);
      this.records = this.records.slice(cut);
      this.dropped += cut;
    }
    return r;
  }

  all(): RequestRecord[] {
    return this.records;
  }
}
