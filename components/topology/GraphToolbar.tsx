'use client';

import { NamespaceSelect } from '../ui/NamespaceSelect';
import { GRAPH_KINDS } from '@/lib/wire/filter';

/** The topology's controls: namespace, search, kinds, problems only, Fit, and what is drawn. */
export interface GraphToolbarProps {
  query: string;
  onQuery(q: string): void;
  /** Enter in the search box: select the first match. */
  onSearchEnter(): void;
  kinds: ReadonlySet<string>;
  onKinds(kinds: Set<string>): void;
  problemsOnly: boolean;
  onProblemsOnly(on: boolean): void;
  onFit(): void;
  summary: string;
  /** Export what is drawn: the graph's JSON (as the API answers it), SVG or PNG. */
  jsonHref: string;
  /** SVG only when drawn as SVG (large graphs are drawn on a canvas: PNG). */
  svg: boolean;
  onExport(format: 'svg' | 'png'): void;
}

export function GraphToolbar(p: GraphToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Graph controls">
      <NamespaceSelect />
      <label className="field">
        <span>Search</span>
        <input type="search" value={p.query} placeholder="name or kind" onChange={(e) => p.onQuery(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && p.onSearchEnter()} />
      </label>
      <fieldset className="kinds">
        <legend>Kinds</legend>
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
      <label className="field inline">
        <input type="checkbox" checked={p.problemsOnly} onChange={(e) => p.onProblemsOnly(e.target.checked)} />
        <span>Problems only</span>
      </label>
      <button type="button" onClick={p.onFit}>
        Fit
      </button>
      <span className="exports">
        Export:{' '}
        <a href={p.jsonHref} download="ordinal-topology.json">
          JSON
        </a>{' '}
        <button type="button" className="link" disabled={!p.svg} title={p.svg ? undefined : 'Drawn on a canvas at this size: PNG only'} onClick={() => p.onExport('svg')}>
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
