import { isObject } from '../model/meta';
import type { JsonObject, KubeObject } from '../model/types';

/** Typed reads of pod fields the controllers share. */
export function podSpec(p: KubeObject): JsonObject {
  return isObject((p as JsonObject).spec) ? ((p as JsonObject).spec as JsonObject) : {};
}

export function podStatus(p: KubeObject): JsonObject {
  return isObject((p as JsonObject).status) ? ((p as JsonObject).status as JsonObject) : {};
}

export function podPhase(p: KubeObject): string {
  return String(podStatus(p).phase ?? 'Pending');
}

export function isPodReady(p: KubeObject): boolean {
  const conds = Array.isArray(podStatus(p).conditions) ? (podStatus(p).conditions as JsonObject[]) : [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function isRunningAndReady(p: KubeObject): boolean {
  return podPhase(p) === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;
}

export function claimNames(p: KubeObject): string[] {
  const vols = Array.isArray(podSpec(p).volumes) ? (podSpec(p).volumes as JsonObject[]) : [];
  return vols
    .map((v) => (isObject(v.persistentVolumeClaim) ? (v.persistentVolumeClaim as JsonObject).claimName : undefined))
    .filter((n): n is string => typeof n === 'string');
}

export function containers(p: KubeObject): JsonObject[] {
  return Array.isArray(podSpec(p).containers) ? (podSpec(p).containers as JsonObject[]) : [];
}

export const SIM_ANNOTATIONS = {
  neverReady: 'sim.ordinal.dev/never-ready',
  crashLoop: 'sim.ordinal.dev/crash-loop',
  imagePullError: 'sim.ordinal.dev/image-pull-error',
} as const;
