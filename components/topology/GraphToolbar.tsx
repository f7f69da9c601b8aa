'use client';

import { useTranslations } from 'next-intl';
import { NamespaceSelect } from '../ui/NamespaceSelect';
import { useWords } from '../i18n/useWords';
import { GRAPH_KINDS } from '@/lib/wire/filter';
import type { Problem } from '@/lib/wire/problems';
import { STATUS_SYMBOL } from '../ui/StatusBadge';
import { SEVERITY_HEALTH } from '@/lib/wire/findings';

/** What the graph shows: everything, every object not ok (and its neighbours), or one problem's cause and what it affects. */
export type Show = { what: 'all' } | { what: 'unhealthy' } | { what: 'problem'; id: string };

/** The topology's controls: namespace, search, kinds, Show, Fit, and what is drawn. */
export interface GraphToolbarProps {
  query: string;
  onQuery(q: string): void;
  /** Enter in the search box: select the first match. */
  onSearchEnter(): void;
  kinds: ReadonlySet<string>;
  onKinds(kinds: Set<string>): void;
  show: Show;
  onShow(show: Show): void;
  /** The problems by root cause, ranked (none in the past: they are live). */
  problems: Problem[] | undefined;
  onFit(): void;
  summary: string;
  /** Export what is drawn: the graph's JSON (as the API answers it), SVG or PNG. */
  jsonHref: string;
  /** SVG only when drawn as SVG (large graphs are drawn on a canvas: PNG). */
  svg: boolean;
  onExport(format: 'svg' | 'png'): void;
}

export function GraphToolbar(p: GraphToolbarProps) {
  const t = useTranslations('topology');
  return (
    <div className="toolbar" role="toolbar" aria-label={t('controls')}>
      <NamespaceSelect />
      <label className="field">
        <span>{t('search')}</span>
        <input
          type="search"
          value={p.query}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && p.onSearchEnter()}
        />
      </label>
      <fieldset className="kinds">
        <legend>{t('kinds')}</legend>
        {GRAPH_KINDS.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={p.kinds.has(k)}
              onChange={(e) => {
                const next = new Set(p.kinds);
                if (e.target.checked) next.add(k);
                else next.delete(k);
                p.onKinds(next);
              }}
            />
            {k}
          </label>
        ))}
      </fieldset>
      <ShowSelect show={p.show} onShow={p.onShow} problems={p.problems} />
      <button type="button" onClick={p.onFit}>
        {t('fit')}
      </button>
      <span className="exports">
        {t('export')}{' '}
        <a href={p.jsonHref} download="ordinal-topology.json">
          JSON
        </a>{' '}
        <button
          type="button"
          className="link"
          disabled={!p.svg}
          title={p.svg ? undefined : t('canvasOnly')}
          onClick={() => p.onExport('svg')}
        >
          SVG
        </button>{' '}
        <button type="button" className="link" onClick={() => p.onExport('png')}>
          PNG
        </button>
      </span>
      <span className="muted" role="status">
        {p.summary}
      </span>
    </div>
  );
}

const showValue = (s: Show) => (s.what === 'problem' ? `problem:${s.id}` : s.what);

function ShowSelect({ show, onShow, problems }: Pick<GraphToolbarProps, 'show' | 'onShow' | 'problems'>) {
  const chosen = show.what === 'problem' ? show.id : undefined;
  const gone = chosen !== undefined && problems !== undefined && !problems.some((x) => x.id === chosen);
  const t = useTranslations('topology');
  const words = useWords();
  return (
    <label className="field show">
      <span>{t('show')}</span>
      <select
        value={showValue(show)}
        onChange={(e) => {
          const v = e.target.value;
          onShow(
            v.startsWith('problem:')
              ? { what: 'problem', id: v.slice('problem:'.length) }
              : v === 'unhealthy'
                ? { what: 'unhealthy' }
                : { what: 'all' },
          );
        }}
      >
        <option value="all">{t('showAll')}</option>
        <option value="unhealthy">{t('showUnhealthy')}</option>
        {problems && problems.length > 0 && (
          <optgroup label={t('oneProblem')}>
            {problems.map((x) => (
              <option key={x.id} value={`problem:${x.id}`}>
                {t('problemOption', {
                  symbol: STATUS_SYMBOL[SEVERITY_HEALTH[x.severity]],
                  title: words.problemTitle(x),
                  count: x.affected.length + 1,
                })}
              </option>
            ))}
          </optgroup>
        )}
        {gone && (
          <option value={`problem:${chosen}`}>{t('gone', { id: chosen.slice(chosen.indexOf(':') + 1) })}</option>
        )}
      </select>
    </label>
  );
}
