import type { useTranslations } from 'next-intl';
import { elapsed } from '@/lib/duration';
import { durationParts, findingValues } from '@/lib/i18n/values';
import { isListed, type Finding, type FindingCode, type FindingParams } from '@/lib/wire/findings';
import type { Problem } from '@/lib/wire/problems';
import type { NodeKind } from '@/lib/wire/kinds';

/** The kinds a problem's `affected<Kind>` counts name, in the order the title lists them. */
const AFFECTED_ORDER: NodeKind[] = [
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Pod',
  'StatefulSet',
  'Service',
  'EndpointSlice',
];

type T = ReturnType<typeof useTranslations<never>>;

/**
 * Every sentence the browser shows about the cluster, in the reader's language, made from codes and
 * parameters (never by translating the server's English): findings, problem titles, durations,
 * relative and absolute times, counts. One place, like server/topology/wording.ts for the English.
 */
export class Words {
  private readonly unitFormats = new Map<string, Intl.NumberFormat>();
  private readonly list: Intl.ListFormat;
  private readonly unitList: Intl.ListFormat;
  private readonly relative: Intl.RelativeTimeFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly numbers: Intl.NumberFormat;
  private readonly times: Intl.DateTimeFormat;

  /** `now`: the clock durations since a finding's `since` are read against (useWords ticks it). */
  constructor(
    readonly t: T,
    readonly locale: string,
    readonly now: number = Date.now(),
  ) {
    this.list = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
    this.unitList = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
    this.relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'narrow' });
    this.dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    this.numbers = new Intl.NumberFormat(locale);
    this.times = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  /** `2h10m` (lib/duration.ts) as the locale writes it: "2h 10m", "2小时10分钟". */
  duration(d: string): string {
    const parts = durationParts(d);
    if (!parts) return this.t('time.unknownDuration');
    return this.unitList.format(parts.map((p) => this.unit(p.unit).format(p.value)));
  }

  private unit(unit: string): Intl.NumberFormat {
    let f = this.unitFormats.get(unit);
    if (!f)
      this.unitFormats.set(
        unit,
        (f = new Intl.NumberFormat(this.locale, { style: 'unit', unit, unitDisplay: 'narrow' })),
      );
    return f;
  }

  /** How long ago, on the diagnoses' rounding: one unit through Intl.RelativeTimeFormat, two through the catalog. */
  ago(iso: string | null | undefined, now: number): string {
    const d = elapsed(iso, now);
    const parts = d === undefined ? undefined : durationParts(d);
    if (!d || !parts) return this.t('time.unknown');
    if (parts.length === 1) return this.relative.format(-parts[0].value, parts[0].unit);
    return this.t('time.ago', { duration: this.duration(d) });
  }

  /** An RFC 3339 time in the reader's calendar and clock (their time zone). */
  dateTime(iso: string | null | undefined): string {
    const t = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(t) ? (iso ?? '') : this.dates.format(t);
  }

  /** The time of day of an RFC 3339 time, to the second, on the reader's clock. */
  clock(iso: string): string {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? iso : this.times.format(t);
  }

  /** A list of words joined as the locale joins them ("a, b and c", "a、b和c"). */
  join(items: string[]): string {
    return this.list.format(items);
  }

  kind(k: NodeKind): string {
    return this.t(`kinds.${k}.one`);
  }

  finding(f: Pick<Finding, 'code' | 'params'>): string {
    return this.findingText(f.code, f.params);
  }

  findingText(code: FindingCode, params: FindingParams): string {
    return this.t(
      `findings.${code}`,
      findingValues(code, params, (iso) => this.since(iso)),
    );
  }

  /** How long since an RFC 3339 time, on the diagnoses' rounding: "5m", "2小时10分钟". */
  since(iso: string): string {
    return this.duration(elapsed(iso, this.now) ?? '');
  }

  /** What a node's `reason` says (its first finding), in the reader's language. */
  reason(n: { reason?: string; findings?: Finding[] }): string | undefined {
    const f = n.findings?.[0];
    return f ? this.finding(f) : n.reason;
  }

  /** A diagnosis: the listed findings (the summaries of counts left out), each a sentence. */
  diagnosis(findings: readonly Finding[]): string[] {
    return findings.filter(isListed).map((f) => this.finding(f));
  }

  /**
   * A recorded change's summary (lib/wire/history.ts): its paths and values are the object's own
   * (YAML paths read the same in any language); `created`, `deleted` and the `(+N more)` are words.
   */
  changeSummary(e: { type: string; summary: string }): string {
    if (e.type === 'ADDED' && e.summary === 'created') return this.t('history.summaryCreated');
    if (e.type === 'DELETED' && e.summary === 'deleted') return this.t('history.summaryDeleted');
    const more = / \(\+(\d+) more\)$/.exec(e.summary);
    return more
      ? this.t('history.summaryMore', { paths: e.summary.slice(0, more.index), count: Number(more[1]) })
      : e.summary;
  }

  /** A problem's one line: its cause and what it breaks, from `code`, `params` and `causeFinding`. */
  problemTitle(p: Problem): string {
    const q = p.params;
    const name = q.namespace ? `${q.namespace}/${q.name}` : String(q.name);
    const head =
      p.code === 'rollout.stuck'
        ? this.t('problems.rolloutStuck', {
            name,
            ordinal: String(q.ordinal),
            since: typeof q.since === 'string' ? this.since(q.since) : 'absent',
            why: typeof q.why === 'string' && q.why ? q.why : 'absent',
          })
        : p.code === 'scale.retainedClaims'
          ? this.t('problems.retainedClaims', { name, claims: String(q.claims) })
          : this.t('problems.cause', {
              // The Kubernetes kind, as practitioners say it in any language (lib/i18n/glossary.ts).
              kind: String(q.kind),
              name,
              cause: p.causeFinding ? this.findingText(p.causeFinding.code, p.causeFinding.params) : p.title,
            });
    const parts = AFFECTED_ORDER.flatMap((k) => {
      const n = Number(q[`affected${k}`] ?? 0);
      return n ? [this.t(`kinds.${k}.count`, { count: n })] : [];
    });
    return parts.length && p.code !== 'scale.retainedClaims'
      ? this.t('problems.affects', { head, affected: this.join(parts) })
      : head;
  }
}
