/**
 * Which `Host` names this server answers to. A DNS-rebinding page reaches the server
 * under the attacker's own name, so any other name is refused (421). Allowed: localhost
 * and `*.localhost` (browsers resolve those to loopback without asking DNS), loopback
 * addresses, the machine's own name, and `ORDINAL_ALLOWED_HOSTS` (comma-separated names,
 * `*.example.com` for subdomains, `*` for any). Ports do not matter.
 */

import { hostname } from 'node:os';
import type { HostEntry } from '../settings/parse';

export interface HostPolicy {
  exact: ReadonlySet<string>;
  suffixes: readonly string[];
  any: boolean;
}

/** The policy from ORDINAL_ALLOWED_HOSTS (parsed by the settings) and the machine's own name. */
export function hostPolicy(allowed: readonly HostEntry[] | undefined, machine: string = hostname()): HostPolicy {
  const exact = new Set(['localhost', '::1']);
  const suffixes = ['.localhost'];
  let any = false;
  const own = machine.trim().toLowerCase();
  if (own) {
    exact.add(own);
    exact.add(own.split('.')[0]);
  }
  for (const entry of allowed ?? []) {
    if ('any' in entry) any = true;
    else if ('suffix' in entry) suffixes.push(entry.suffix);
    else exact.add(entry.exact);
  }
  return { exact, suffixes, any };
}

/** The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), lower-cased; undefined when malformed. */
export function hostOf(header: string | null | undefined): string | undefined {
  if (!header || header.length > 300) return undefined;
  const h = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h);
  if (v6) return v6[1];
  const m = /^([^:[\]\s/@]+)(?::\d{1,5})?$/.exec(h);
  return m ? stripDot(m[1]) : undefined;
}

export function isAllowedHost(header: string | null | undefined, p: HostPolicy): boolean {
  const host = hostOf(header);
  if (host === undefined) return false;
  if (p.any || p.exact.has(host) || isLoopback(host)) return true;
  return p.suffixes.some((s) => host.endsWith(s) && host.length > s.length);
}

function isLoopback(host: string): boolean {
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return host.split('.').every((o) => Number(o) <= 255);
  return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function stripDot(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}
