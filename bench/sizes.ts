/**
 * Bench presets: the sim's scale scenario at a size, as `npm run sim` options. 20k is the
 * issue's reference cluster: 1,000 StatefulSets × 20 replicas (20k pods, claims and volumes),
 * 5k ConfigMaps, a headless Service per StatefulSet; the controllers' own Events come on top.
 */
export interface Size {
  name: string;
  namespaces: number;
  statefulSets: number;
  replicas: number;
  configMaps: number;
  services: number;
  nodes: number;
}

export const SIZES: Record<string, Size> = {
  '2k': { name: '2k', namespaces: 4, statefulSets: 25, replicas: 20, configMaps: 125, services: 25, nodes: 20 },
  '20k': { name: '20k', namespaces: 20, statefulSets: 50, replicas: 20, configMaps: 250, services: 50, nodes: 100 },
  '100k': { name: '100k', namespaces: 100, statefulSets: 50, replicas: 20, configMaps: 250, services: 50, nodes: 500 },
};

export function pods(s: Size): number {
  return s.namespaces * s.statefulSets * s.replicas;
}

export function simArgs(s: Size): string[] {
  return [
    '--scenario',
    'scale',
    '--namespaces',
    String(s.namespaces),
    '--statefulsets',
    String(s.statefulSets),
    '--replicas',
    String(s.replicas),
    '--configmaps',
    String(s.configMaps),
    '--services',
    String(s.services),
    '--nodes',
    String(s.nodes),
  ];
}
