/**
 * `GET /api/v1/pods/{ns}/{name}`: one pod, one level deeper than its card — each container's state
 * and history, its probes as configured and the last failure the kubelet reported, where it runs,
 * what it mounts, its events, and, for a StatefulSet's pod in a rollout, what changed between the
 * revisions. Every string came from the cluster: render as text.
 */

import type { Finding } from './findings';
import type { EventSummary, Health } from './topology';

export interface ContainerState {
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  reason?: string;
  message?: string;
  /** RFC 3339: running or terminated since. */
  since?: string;
  exitCode?: number;
}

export interface Probe {
  kind: 'readiness' | 'liveness' | 'startup';
  /** httpGet, tcpSocket, exec or grpc, and what it checks (`GET :8080/healthz`, `tcp :9092`, `exec pg_isready`). */
  type: string;
  target: string;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  initialDelaySeconds: number;
}

export interface ContainerDetail {
  name: string;
  init: boolean;
  image: string;
  /** The digest the node resolved the image to (`sha256:…`), when it reported one. */
  digest?: string;
  ready: boolean;
  restarts: number;
  state: ContainerState;
  lastTermination?: ContainerState;
  probes: Probe[];
  requests: Record<string, string>;
  limits: Record<string, string>;
}

export interface ProbeFailure {
  message: string;
  count: number;
  lastSeen: string | null;
}

export interface RevisionChange {
  /** Where in the pod template (`containers[kafka].image`). */
  path: string;
  from?: string;
  to?: string;
}

export interface PodDetail {
  name: string;
  namespace: string;
  status: Health;
  reason?: string;
  findings: Finding[];
  phase: string;
  node?: string;
  podIP?: string;
  qos?: string;
  createdAt?: string;
  startedAt?: string;
  owner?: { kind: string; name: string };
  ordinal?: number;
  revision?: string;
  containers: ContainerDetail[];
  lastProbeFailure?: ProbeFailure;
  claims: Array<{ name: string; phase: string; volume?: string; storageClass?: string; status: Health }>;
  config: Array<{ source: string; mode: string; stale: boolean }>;
  events: EventSummary[];
  /** The owner's rollout, when its revisions differ: which one this pod runs, and the template diff. */
  rollout?: { currentRevision: string; updateRevision: string; changes: RevisionChange[] };
  /** Read-only kubectl commands that show the same things. */
  kubectl: string[];
}
