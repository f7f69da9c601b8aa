import { hostname } from 'node:os';
import { type Env, SettingError } from '../settings';

/**
 * Which `Host` names this server answers to. A DNS-rebinding page reaches the server
 * under the attacker's own name, so any other name is refused (421). Allowed: localhost
 * and `*.localhost` (browsers resolve those to loopback without asking DNS), loopback
 * addresses, the machine's own name, and `ORDINAL_ALLOWED_HOSTS` (comma-separated names,
 * `*.example.com` for subdomains, `*` for any). Ports do not matter.
 */
export interface HostPolicy {
  exact: ReadonlySet<string>;
  suffixes: readonly string[];
  any: boolean;
}

const NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/;

export function hostPolicy(env: Env = process.env, machine: string = hostname()): HostPolicy {
  const exact = new Set(['localhost', '::1']);
  const suffixes = ['.localhost'];
  let any = false;
  const own = machine.trim().toLowerCase();
  if (own) {
    exact.add(own);
    exact.add(own.split('.')[0]);
  }
  for (const raw of (env.ORDINAL_ALLOWED_HOSTS ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') any = true;
    else if (NAME.test(entry)) {
      if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
      else exact.add(stripDot(entry));
    } else if (isIpLiteral(entry)) exact.add(entry.replace(/^\[|\]$/g, ''));
    else
      throw new SettingError(
        'ORDINAL_ALLOWED_HOSTS',
        `"${raw.trim().slice(0, 100)}" is not a host name, *.domain, an IP address or *`,
      );
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

function isIpLiteral(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || /^\[?[0-9a-f:.]+\]?$/.test(s);
}

function stripDot(s: string): string {
  return s.endsWith('.') ? s.slice(0, -1) : s;
}
