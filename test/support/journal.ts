import type { NewEntry } from '../../server/audit/store';

/**
 * A churn as recorders would write it: `objects` ConfigMaps of cluster `c`, each changed in turn
 * (resourceVersion 1, 2, …), `changes` in all, every entry whole (a keyframe), a second apart.
 */
export function churn(changes: number, objects = 200, start = Date.parse('2026-12-01T10:00:00Z')): NewEntry[] {
  return Array.from({ length: changes }, (_, i) => {
    const n = i % objects;
    const rv = String(Math.floor(i / objects) + 1);
    const content = JSON.stringify({
      kind: 'ConfigMap',
      metadata: { name: `cm-${n}`, namespace: 'ns', uid: `u-${n}` },
      data: { v: rv },
    });
    return {
      time: new Date(start + i * 1000).toISOString(),
      cluster: 'c',
      type: rv === '1' ? 'ADDED' : 'MODIFIED',
      kind: 'ConfigMap',
      namespace: 'ns',
      name: `cm-${n}`,
      uid: `u-${n}`,
      resourceVersion: rv,
      observed: true,
      windowFrom: null,
      windowTo: null,
      manager: 'kubectl',
      summary: `data.v → ${rv}`,
      keyframe: true,
      content,
      state: content,
      core: content,
      sinceKeyframe: 0,
    };
  });
}
