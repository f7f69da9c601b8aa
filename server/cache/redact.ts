/**
 * Literal credentials in pod specs: an `env` entry whose name looks like one (password,
 * token, api key…) keeps its name and gets a fingerprint in place of its value, and a
 * URL's password (`postgres://user:pw@db`) is cut out of any env value. Applied to every
 * pod spec an object carries (Pod, templates of StatefulSets and other workloads,
 * ControllerRevision data) and to kubectl's last-applied copy of the object, which
 * repeats the spec word for word.
 */

import { fingerprint } from './secrecy';

export const CREDENTIAL_NAME =
  /pass(word|wd|phrase)|(^|[^a-z])pwd($|[^a-z])|secret|token|api[-_]?key|credential|private[-_]?key|access[-_]?key|auth[-_]?key|signing[-_]?key|encryption[-_]?key|session[-_]?key|cookie/i;

const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:\s]*:)([^/?#@\s]+)(@)/i;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const redactedValue = (value: string): string => `<redacted: fingerprint ${fingerprint(value)}>`;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function redactEnvList(env: unknown): unknown {
  if (!Array.isArray(env)) return env;
  let changed = false;
  const out = env.map((e: unknown) => {
    if (!isObject(e) || typeof e.value !== 'string' || e.value === '') return e;
    const name = typeof e.name === 'string' ? e.name : '';
    const value = CREDENTIAL_NAME.test(name)
      ? redactedValue(e.value)
      : e.value.replace(URL_PASSWORD, (_m, a: string, pw: string, b: string) => `${a}${redactedValue(pw)}${b}`);
    if (value === e.value) return e;
    changed = true;
    return { ...e, value };
  });
  return changed ? out : env;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

function redactPodSpec(spec: unknown): unknown {
  if (!isObject(spec)) return spec;
  let out: Json | undefined;
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    const next = containers.map((c: unknown) =>
      isObject(c) && 'env' in c ? withField(c, 'env', redactEnvList(c.env)) : c,
    );
    if (next.some((c, i) => c !== containers[i])) (out ??= { ...spec })[list] = next;
  }
  return out ?? spec;
}

function withField(o: Json, key: string, value: unknown): Json {
  return o[key] === value ? o : { ...o, [key]: value };
}

/** Where pod specs sit: a Pod's spec; a workload's template; a ControllerRevision's data; a CronJob's job template. */
const POD_SPEC_PATHS: readonly (readonly string[])[] = [
  ['spec'],
  ['spec', 'template', 'spec'],
  ['data', 'spec', 'template', 'spec'],
  ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
];

function update(o: unknown, path: readonly string[], fn: (v: unknown) => unknown): unknown {
  if (path.length === 0) return fn(o);
  if (!isObject(o) || !(path[0] in o)) return o;
  return withField(o, path[0], update(o[path[0]], path.slice(1), fn));
}

function redactSpecs(o: Json): Json {
  let out: unknown = o;
  for (const path of POD_SPEC_PATHS) out = update(out, path, redactPodSpec);
  return out as Json;
}

/** The object with its literal credentials redacted; the same object when it has none. */
export function redactCredentials<T extends Json>(o: T): T {
  let out = redactSpecs(o);
  const meta = isObject(out.metadata) ? out.metadata : undefined;
  const annotations = meta && isObject(meta.annotations) ? meta.annotations : undefined;
  const applied = annotations?.[LAST_APPLIED];
  if (meta && annotations && typeof applied === 'string') {
    const redacted = redactLastApplied(applied);
    if (redacted !== applied)
      out = { ...out, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: redacted } } };
  }
  return out as T;
}

function redactLastApplied(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: it cannot be read for names, so none of its values may leave.
    return redactedValue(text);
  }
  if (!isObject(parsed)) return text;
  const out = redactSpecs(parsed);
  return out === parsed ? text : JSON.stringify(out);
}
