import { Legend } from '../ui/StatusBadge';

/** Health colours, the two edge styles, and how to move around the graph. */
export function GraphLegend() {
  return (
    <footer className="graph-legend">
      <Legend />
      <ul className="legend edges-legend" aria-label="Edge legend">
        <li>
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" className="edge" />
          </svg>
          relation
        </li>
        <li>
          <svg width="28" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="28" y2="4" className="edge edge-drift" />
          </svg>
          stale config (drift)
        </li>
      </ul>
      <span className="muted">Drag to pan, scroll to zoom, Tab to move between nodes, Enter to select, Esc to clear.</span>
    </footer>
  );
}
