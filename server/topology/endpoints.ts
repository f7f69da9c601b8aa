import { worstHealth } from '@/lib/wire/health';
import { findingHealth, isListed, type Finding } from '@/lib/wire/findings';
import type { Endpoint, Health, ServiceDetail, ServicePort } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { EndpointSlice, Pod, Service } from '../cache/types';
import { isReady, podState, podStuck } from './pods';
import { selectorHints } from './selector';
import { finding } from './wording';

/**
 * Service → EndpointSlices → endpoints → Pods: what the Service actually routes to,
 * per-pod DNS names behind a headless Service, and why traffic may have nowhere to go.
 */
export function isHeadless(svc: Service): boolean {
  return svc.spec.clusterIP === 'None';
}

export function selectedPods(svc: Service, s: Stores): Pod[] {
  const sel = svc.spec.selector;
  const entries = Object.entries(sel ?? {});
  if (entries.length === 0) return [];
  const [k, v] = entries[0];
  return s.Pod.byIndex('label', `${svc.metadata.namespace}/${k}=${v}`).filter((p) =>
    entries.every(([kk, vv]) => p.metadata.labels?.[kk] === vv),
  );
}

export function slicesOf(svc: Service, s: Stores): EndpointSlice[] {
  return s.EndpointSlice.byIndex('service', `${svc.metadata.namespace}/${svc.metadata.name}`);
}

export function endpointsOf(svc: Service, s: Stores): Endpoint[] {
  const ns = svc.metadata.namespace;
  const out: Endpoint[] = [];
  for (const slice of slicesOf(svc, s)) {
    for (const e of slice.endpoints ?? []) {
      const ready = e.conditions?.ready ?? true;
      const ref =
        e.targetRef?.kind === 'Pod' && e.targetRef.name
          ? `${e.targetRef.namespace ?? ns}/${e.targetRef.name}`
          : undefined;
      out.push({
        address: e.addresses[0] ?? '',
        ready,
        serving: e.conditions?.serving ?? ready,
        terminating: e.conditions?.terminating ?? false,
        ...(ref ? { pod: ref } : {}),
        ...(e.hostname ? { hostname: e.hostname } : {}),
        ...(isHeadless(svc) && e.hostname ? { dns: `${e.hostname}.${svc.metadata.name}.${ns}.svc.cluster.local` } : {}),
      });
    }
  }
  return out.sort((a, b) => (a.pod ?? a.address).localeCompare(b.pod ?? b.address));
}

function selectorText(sel: Record<string, string>): string {
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function serviceFindings(svc: Service, s: Stores, endpoints: Endpoint[], now: number): Finding[] {
  const out: Finding[] = [];
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) {
    if (svc.spec.type !== 'ExternalName') out.push(finding('service.noSelector', 'info'));
    if (endpoints.length === 0) out.push(finding('service.noEndpoints', 'warning'));
    return out;
  }
  // The viewer may not list pods here: what they select is unknown, not nothing.
  if (s.Pod.hidden(svc.metadata.namespace)) return out;
  const pods = selectedPods(svc, s);
  if (pods.length === 0) return [finding('service.selectorMatchesNothing', 'warning', { selector: selectorText(sel) })];
  const notReady = pods.filter((p) => !isReady(p));
  const list = notReady.map((p) => `${p.metadata.name} (${podState(p)})`).join(', ');
  const readyEndpoints = endpoints.filter((e) => e.ready).length;
  if (notReady.length === pods.length)
    out.push(
      finding('service.noPodReady', endpoints.length && !readyEndpoints ? 'error' : 'warning', {
        pods: pods.length,
        notReady: list,
      }),
    );
  // Some pods not Ready: a warning when one of them is stuck (its own health says so), as it is everywhere else.
  else if (notReady.length)
    out.push(
      finding('service.somePodsNotReady', notReady.some((p) => podStuck(p, s, now)) ? 'warning' : 'info', {
        count: notReady.length,
        pods: pods.length,
        notReady: list,
      }),
    );
  if (svc.spec.publishNotReadyAddresses && notReady.length) out.push(finding('service.publishNotReady', 'info'));
  const terminating = endpoints.filter((e) => e.terminating);
  if (terminating.length)
    out.push(
      finding('service.endpointsTerminating', 'info', {
        count: terminating.length,
        endpoints: terminating.map((e) => e.pod ?? e.address).join(', '),
      }),
    );
  if (isHeadless(svc) && endpoints.length && !endpoints.some((e) => e.hostname))
    out.push(finding('service.headlessWithoutHostnames', 'warning'));
  return out;
}

/**
 * The Service's findings plus, when none of them explains it, a summary of its endpoint
 * counts (none ready yet, some not ready); its health follows from them.
 */
export function assessService(
  svc: Service,
  s: Stores,
  endpoints: Endpoint[],
  now: number,
): { status: Health; findings: Finding[] } {
  const found = serviceFindings(svc, s, endpoints, now);
  const explained = worstHealth(found.map(findingHealth));
  const ready = endpoints.filter((e) => e.ready).length;
  const selects = Object.keys(svc.spec.selector ?? {}).length > 0;
  const counts = { notReady: endpoints.length - ready, endpoints: endpoints.length };
  let summary: Finding | undefined;
  if (explained === 'ok' && selects && ready === 0)
    summary = finding('service.endpointsNotReady', endpoints.length ? 'error' : 'warning', counts);
  else if (explained === 'ok' && endpoints.length > ready)
    summary = finding('service.endpointsNotReady', 'info', counts);
  const findings = summary ? [...found, summary] : found;
  return { status: worstHealth(findings.map(findingHealth)), findings };
}

/** The spec's ports, protocol defaulted as the apiserver does. */
export function servicePorts(svc: Service): ServicePort[] {
  return (svc.spec.ports ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
    protocol: p.protocol ?? 'TCP',
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
  }));
}

export function serviceDetail(svc: Service, s: Stores, now: number): ServiceDetail {
  const endpoints = endpointsOf(svc, s);
  const { findings } = assessService(svc, s, endpoints, now);
  const sel = svc.spec.selector;
  const matchesNothing = findings.some((f) => f.code === 'service.selectorMatchesNothing');
  return {
    name: svc.metadata.name,
    namespace: svc.metadata.namespace ?? '',
    headless: isHeadless(svc),
    type: svc.spec.type ?? 'ClusterIP',
    selector: sel && Object.keys(sel).length ? { ...sel } : null,
    ports: servicePorts(svc),
    endpoints,
    ...(matchesNothing ? { selectorHints: selectorHints(svc, s) } : {}),
    diagnosis: findings.filter(isListed).map((f) => f.message),
    findings,
  };
}
