import { NODE_KINDS, parseNodeId, type NodeKind, type NodeRef } from './wire/kinds';

/**
 * "Copy as kubectl": the read-only commands that show what a view shows, for people who paste
 * them into a terminal. Only get, describe, logs, events and rollout status/history: never a
 * write. Names come from the cluster, so every word is quoted for a POSIX shell unless plain.
 */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._:/=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One command line of plain or quoted words. */
export function words(...parts: string[]): string {
  return parts.map(shellWord).join(' ');
}

/** `<resource> <name> [-n <namespace>]` as every command of one object starts. */
function target(ref: NodeRef): string[] {
  return [NODE_KINDS[ref.kind].resource, ref.name, ...(ref.namespace ? ['-n', ref.namespace] : [])];
}

/** A pod's logs: of one container (the default one when omitted), or of its previous instance. */
export interface LogsOf {
  container?: string;
  previous?: boolean;
}

export function logsCommand(r: NodeRef, o: LogsOf = {}): string {
  const at = [r.name, '-n', r.namespace ?? ''];
  return words(
    'kubectl',
    'logs',
    ...at,
    ...(o.container ? ['-c', o.container] : []),
    o.previous ? '--previous' : '--tail=200',
  );
}

const eventsOf = (ref: NodeRef) =>
  ref.namespace
    ? [words('kubectl', 'get', 'events', '-n', ref.namespace, '--field-selector', `involvedObject.name=${ref.name}`)]
    : [];

/** What each kind adds to describe and get -o yaml (Secrets: describe only, which shows key names and sizes). */
const EXTRA: { [K in NodeKind]?: (ref: NodeRef, logs: readonly LogsOf[]) => string[] } = {
  StatefulSet: (r) => [
    words('kubectl', 'rollout', 'status', `statefulset/${r.name}`, '-n', r.namespace ?? '', '--watch=false'),
    words('kubectl', 'rollout', 'history', `statefulset/${r.name}`, '-n', r.namespace ?? ''),
    ...eventsOf(r),
  ],
  Service: (r) => [
    words('kubectl', 'get', 'endpointslices', '-n', r.namespace ?? '', '-l', `kubernetes.io/service-name=${r.name}`),
    ...eventsOf(r),
  ],
  Pod: (r, logs) => [...(logs.length ? logs : [{}]).map((o) => logsCommand(r, o)), ...eventsOf(r)],
  PersistentVolumeClaim: eventsOf,
  PersistentVolume: (r) => [
    words('kubectl', 'get', 'events', '-A', '--field-selector', `involvedObject.name=${r.name}`),
  ],
};

/** An object's commands; a pod's logs as `logs` names them (default: its default container's). */
export function kubectlFor(ref: NodeRef, logs: readonly LogsOf[] = []): string[] {
  const t = target(ref);
  const show = ref.kind === 'Secret' ? [] : [words('kubectl', 'get', ...t, '-o', 'yaml')];
  return [words('kubectl', 'describe', ...t), ...show, ...(EXTRA[ref.kind]?.(ref, logs) ?? [])];
}

/** The commands of a node id; none for an id that is not one. */
export function kubectlForId(id: string): string[] {
  const ref = parseNodeId(id);
  return ref ? kubectlFor(ref) : [];
}

/** A problem's: its cause's commands, then describe for the first few pods it affects. */
export function kubectlForProblem(p: { cause: string; affected: readonly string[] }): string[] {
  const pods = p.affected
    .map(parseNodeId)
    .filter((r): r is NodeRef => r?.kind === 'Pod')
    .slice(0, 3);
  return [...kubectlForId(p.cause), ...pods.map((r) => words('kubectl', 'describe', ...target(r)))];
}
