import type { Endpoint, ServiceDetail } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { EndpointSlice, Pod, Service } from '../cache/types';
import { isReady, podState } from './pods';

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
  return s.Pod.byIndex('label', `${svc.metadata.namespace}/${k}=${v}`).filter((p) => entries.every(([kk, vv]) => p.metadata.labels?.[kk] === vv));
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
      const ref = e.targetRef?.kind === 'Pod' && e.targetRef.name ? `${e.targetRef.namespace ?? ns}/${e.targetRef.name}` : undefined;
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
  return Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
}

export function serviceDiagnosis(svc: Service, s: Stores, endpoints: Endpoint[]): string[] {
  const out: string[] = [];
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) {
    if (svc.spec.type !== 'ExternalName') out.push('no selector: endpoints are managed by hand (or by another controller)');
    if (endpoints.length === 0) out.push('no endpoints: traffic to this Service goes nowhere');
    return out;
  }
  const pods = selectedPods(svc, s);
  if (pods.length === 0) {
    out.push(`selector ${selectorText(sel)} matches no pods: traffic to this Service goes nowhere`);
    return out;
  }
  const notReady = pods.filter((p) => !isReady(p));
  if (notReady.length === pods.length) out.push(`all ${pods.length} selected pods are not Ready: ${notReady.map((p) => `${p.metadata.name} (${podState(p)})`).join(', ')}`);
  else if (notReady.length) out.push(`${notReady.length} of ${pods.length} selected pods not Ready: ${notReady.map((p) => `${p.metadata.name} (${podState(p)})`).join(', ')}`);
  if (svc.spec.publishNotReadyAddresses && notReady.length) out.push('publishNotReadyAddresses: not-Ready pods still receive traffic and DNS records');
  const terminating = endpoints.filter((e) => e.terminating);
  if (terminating.length) out.push(`${terminating.length} endpoint(s) terminating: ${terminating.map((e) => e.pod ?? e.address).join(', ')}`);
  if (isHeadless(svc) && endpoints.length && !endpoints.some((e) => e.hostname)) {
    out.push('headless, but no endpoint has a hostname: pods do not set subdomain to this Service, so per-pod DNS names do not exist');
  }
  return out;
}

export function serviceDetail(svc: Service, s: Stores): ServiceDetail {
  const endpoints = endpointsOf(svc, s);
  const sel = svc.spec.selector;
  return {
    name: svc.metadata.name,
    namespace: svc.metadata.namespace ?? '',
    headless: isHeadless(svc),
    selector: sel && Object.keys(sel).length ? { ...sel } : null,
    endpoints,
    diagnosis: serviceDiagnosis(svc, s, endpoints),
  };
}
