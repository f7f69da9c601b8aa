'use client';

import { useTranslations } from 'next-intl';
import { Legend } from '../ui/StatusBadge';

/** Health colours, the two edge styles, and how to move around the graph. */
export function GraphLegend() {
  const t = useTranslations('topology');
  return (
    <footer className="graph-legend">
      <Legend />
      <ul className="legend edges-legend" aria-label={t('legendEdges')}>
        <li>
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" className="edge" />
          </svg>
          {t('relation')}
        </li>
        <li>
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" className="edge edge-drift" />
          </svg>
          {t('staleEdge')}
        </li>
      </ul>
      <span className="muted">{t('howTo')}</span>
    </footer>
  );
}
