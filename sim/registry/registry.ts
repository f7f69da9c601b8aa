import { clone, deepEqual, isObject, newUid, nowTime, omit } from '../model/meta';
import { apiVersionOf, qualifiedName, type ResourceType } from '../model/resources';
import type { JsonObject, JsonValue, KubeObject } from '../model/types';
import { jsonPatch, PatchError } from '../patch/jsonpatch';
import { mergePatch } from '../patch/merge';
import { strategicMergePatch } from '../patch/strategic';
import { matchesFields, parseFieldSelector } from '../query/fields';
import { matchesRequirements, parseLabelSelector, SelectorError } from '../query/labels';
import type { Store } from '../store/store';
import { applyDefaults } from './defaults';
import { alreadyExists, badRequest, conflict, invalid, notFound, StatusError } from './errors';
import { recordManager } from './managed';
import { resources } from './lookup';
import { validateCreate, validateUpdate } from './validate';

/** The apiserver's NamespaceLifecycle admission refuses to delete these. */
const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export interface WriteOptions {
  manager?: string;
  subresource?: 'status';
  dryRun?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ListOptions {
  labelSelector?: string | null;
  fieldSelector?: string | null;
}

export type PatchType = 'merge' | 'json' | 'strategic';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
};

/**
 * The apiserver's registry layer: defaulting, validation, optimistic concurrency,
 * status subresource separation, generation, managedFields and deletion semantics
 * (finalizers, graceful pod deletion, propagation policies). HTTP handlers and the
 * sim's controllers both write through it, as clients of a real apiserver do.
 */
export class Registry {
  private nextClusterIP = 10;
  /** Graceful pod deletion needs a kubelet to finish it; without controllers pods go at once. */
  gracefulPods: boolean;
  /** Foreground/Orphan propagation needs the garbage collector. */
  garbageCollector: boolean;

  constructor(
    readonly store: Store,
    opts: { controllers: boolean },
  ) {
    this.gracefulPods = opts.controllers;
    this.garbageCollector = opts.controllers;
  }

  get(r: ResourceType, ns: string | undefined, name: string): KubeObject {
    const o = this.store.get(r, ns, name);
    if (!o) throw notFound(qualifiedName(r), name, r.group, r.resource);
    return o;
  }

  find(r: ResourceType, ns: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(r, ns, name);
  }

  list(r: ResourceType, ns: string | undefined, opts: ListOptions = {}): KubeObject[] {
    const filter = compileFilter(opts);
    return this.store.list(r, ns).filter(filter);
  }

  create(r: ResourceType, ns: string | undefined, body: unknown, opts: WriteOptions = {}): KubeObject {
    const o = this.prepareNew(r, ns, body);
    if (this.store.get(r, o.metadata.namespace, o.metadata.name)) {
      throw alreadyExists(qualifiedName(r), o.metadata.name, r.group, r.resource);
    }
    applyDefaults(o, this.defaultContext);
    const causes = validateCreate(o);
    if (causes.length) throw invalid(r.kind, o.metadata.name, r.group, causes);
    // prepareNew cleared any client-sent generation; objects with a spec (and every grouped kind) start at 1.
    if (r.group !== '' || (r.resource !== 'events' && isObject((o as JsonObject).spec))) o.metadata.generation = 1;
    recordManager(undefined, o, opts.manager ?? 'unknown', 'Update', undefined);
    return opts.dryRun ? o : this.store.put(r, o);
  }

  /** Writes an object as given (the --load path): keeps uid, timestamps, status and managedFields. */
  restore(r: ResourceType, body: KubeObject): KubeObject {
    const o = clone(body);
    o.apiVersion = apiVersionOf(r);
    o.kind = r.kind;
    if (!r.namespaced) delete o.metadata.namespace;
    else o.metadata.namespace ??= 'default';
    o.metadata.uid ??= newUid();
    o.metadata.creationTimestamp ??= nowTime();
    delete o.metadata.resourceVersion;
    delete o.metadata.selfLink;
    if (!o.metadata.name)
      throw invalid(r.kind, '', r.group, [
        { field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value' },
      ]);
    return this.store.put(r, o);
  }

  update(r: ResourceType, ns: string | undefined, name: string, body: unknown, opts: WriteOptions = {}): KubeObject {
    const cur = this.get(r, ns, name);
    if (!isObject(body) || !isObject(body.metadata)) throw badRequest('the body of the request was not a valid object');
    const next = clone(body) as unknown as KubeObject;
    if (next.metadata.name && next.metadata.name !== name)
      throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
    const wantRv = next.metadata.resourceVersion;
    if (wantRv && wantRv !== cur.metadata.resourceVersion) throw conflict(qualifiedName(r), name, r.group, r.resource);
    return this.write(r, cur, next, opts);
  }

  patch(
    r: ResourceType,
    ns: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions = {},
  ): KubeObject {
    const cur = this.get(r, ns, name);
    const next = applyPatch(cur as unknown as JsonValue, type, patch) as unknown as KubeObject;
    if (!isObject(next) || !isObject(next.metadata)) throw badRequest('patch produced an invalid object');
    const wantRv = next.metadata.resourceVersion;
    if (wantRv && wantRv !== cur.metadata.resourceVersion) throw conflict(qualifiedName(r), name, r.group, r.resource);
    return this.write(r, cur, next, opts);
  }

  /** Read-modify-write for controllers: `mutate` edits a private copy; no-ops are not written. */
  mutate(r: ResourceType, cur: KubeObject, mutate: (o: KubeObject) => void, opts: WriteOptions): KubeObject {
    const latest = this.store.get(r, cur.metadata.namespace, cur.metadata.name);
    if (!latest) throw notFound(qualifiedName(r), cur.metadata.name, r.group, r.resource);
    if (latest.metadata.resourceVersion !== cur.metadata.resourceVersion)
      throw conflict(qualifiedName(r), cur.metadata.name, r.group, r.resource);
    // A status write keeps nothing but the status (write): only it is copied for the edit.
    const next =
      opts.subresource === 'status'
        ? ({ ...cur, metadata: { ...cur.metadata }, status: clone((cur as JsonObject).status) } as KubeObject)
        : (clone(cur) as KubeObject);
    mutate(next);
    return this.write(r, cur, next, opts);
  }

  private write(r: ResourceType, cur: KubeObject, next: KubeObject, opts: WriteOptions): KubeObject {
    next.apiVersion = cur.apiVersion;
    next.kind = cur.kind;
    const m = cur.metadata;
    next.metadata = {
      ...next.metadata,
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      creationTimestamp: m.creationTimestamp,
      deletionTimestamp: m.deletionTimestamp,
      deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
      generation: m.generation,
      resourceVersion: m.resourceVersion,
      managedFields: m.managedFields,
    };
    if (next.metadata.namespace === undefined) delete next.metadata.namespace;
    for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields'] as const) {
      if (next.metadata[k] === undefined) delete next.metadata[k];
    }
    const hasStatus = r.subresources.includes('status');
    if (opts.subresource === 'status') {
      // The rest is the stored object's own (frozen, so shared, not copied); the status is the writer's.
      const status = (next as JsonObject).status;
      Object.assign(next, { ...cur, status }, { metadata: next.metadata });
    } else if (hasStatus) {
      (next as JsonObject).status = clone((cur as JsonObject).status);
      if ((next as JsonObject).status === undefined) delete (next as JsonObject).status;
    }
    if (opts.subresource !== 'status') applyDefaults(next, this.defaultContext, false);
    const causes = opts.subresource === 'status' ? [] : validateUpdate(cur, next);
    if (causes.length) throw invalid(r.kind, m.name, r.group, causes);
    if (m.generation !== undefined && !deepEqual(specOf(cur), specOf(next)))
      next.metadata.generation = m.generation + 1;
    if (sameContent(cur, next)) return cur;
    recordManager(cur, next, opts.manager ?? 'unknown', 'Update', opts.subresource);
    if (opts.dryRun) return next;
    // Removing the last finalizer completes a deletion; a graceful (pod) deletion is completed by its kubelet.
    if (
      next.metadata.deletionTimestamp &&
      (next.metadata.finalizers ?? []).length === 0 &&
      !next.metadata.deletionGracePeriodSeconds
    ) {
      return this.store.remove(r, m.namespace, m.name) ?? next;
    }
    return this.store.put(r, next);
  }

  delete(r: ResourceType, ns: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const cur = this.get(r, ns, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== cur.metadata.uid)
      throw new StatusError(
        409,
        'Conflict',
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid}`,
      );
    if (pre?.resourceVersion && pre.resourceVersion !== cur.metadata.resourceVersion)
      throw conflict(qualifiedName(r), name, r.group, r.resource);
    if (opts.dryRun) return cur;
    if (r.resource === 'namespaces' && UNDELETABLE_NAMESPACES.has(name)) {
      throw new StatusError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    if (r.resource === 'namespaces') return this.terminateNamespace(r, cur);
    if (r.resource === 'pods' && this.gracefulPods) {
      const graceful = this.gracefulPodDelete(r, cur, opts.gracePeriodSeconds);
      if (graceful) return graceful;
    }
    if (cur.metadata.deletionTimestamp) return cur;
    const finalizers = [...(cur.metadata.finalizers ?? [])];
    const policy = this.garbageCollector ? (opts.propagationPolicy ?? 'Background') : 'Background';
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (finalizers.length === 0) return this.store.remove(r, cur.metadata.namespace, name) ?? cur;
    return this.store.put(r, {
      ...cur,
      metadata: { ...cur.metadata, finalizers, deletionTimestamp: nowTime(), deletionGracePeriodSeconds: 0 },
    });
  }

  /** Removes an object whose deletion is due (grace elapsed, finalizers gone). */
  finishDeletion(r: ResourceType, cur: KubeObject): void {
    this.store.remove(r, cur.metadata.namespace, cur.metadata.name);
  }

  private gracefulPodDelete(r: ResourceType, cur: KubeObject, requested: number | undefined): KubeObject | undefined {
    const spec = (cur as JsonObject).spec as JsonObject | undefined;
    const phase = ((cur as JsonObject).status as JsonObject | undefined)?.phase;
    const grace =
      requested ?? (typeof spec?.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30);
    if (grace <= 0 || !spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') {
      if ((cur.metadata.finalizers ?? []).length === 0)
        return this.store.remove(r, cur.metadata.namespace, cur.metadata.name) ?? cur;
      return undefined;
    }
    if (cur.metadata.deletionTimestamp && (cur.metadata.deletionGracePeriodSeconds ?? 0) <= grace) return cur;
    return this.store.put(r, {
      ...cur,
      metadata: {
        ...cur.metadata,
        deletionTimestamp: nowTime(Date.now() + grace * 1000),
        deletionGracePeriodSeconds: grace,
      },
    });
  }

  private terminateNamespace(r: ResourceType, cur: KubeObject): KubeObject {
    if (cur.metadata.deletionTimestamp) return cur;
    if (!this.garbageCollector) return this.store.remove(r, undefined, cur.metadata.name) ?? cur;
    return this.store.put(r, {
      ...cur,
      metadata: { ...cur.metadata, deletionTimestamp: nowTime() },
      status: { phase: 'Terminating' },
    });
  }

  private prepareNew(r: ResourceType, ns: string | undefined, body: unknown): KubeObject {
    if (!isObject(body)) throw badRequest('the body of the request was not a JSON object');
    const o = clone(body) as unknown as KubeObject;
    if (o.kind && o.kind !== r.kind)
      throw badRequest(`the kind of the object (${o.kind}) does not match the kind of the URL (${r.kind})`);
    o.apiVersion = apiVersionOf(r);
    o.kind = r.kind;
    if (!isObject(o.metadata)) o.metadata = { name: '' };
    const meta = o.metadata;
    if (r.namespaced) {
      const target = ns ?? meta.namespace ?? 'default';
      if (meta.namespace && ns && meta.namespace !== ns)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      meta.namespace = target;
      const nsObj = this.store.get(resources.namespaces, undefined, target);
      if (!nsObj) throw notFound('namespaces', target, '', 'namespaces');
      if (nsObj.metadata.deletionTimestamp && r.resource !== 'events') {
        throw new StatusError(
          403,
          'Forbidden',
          `${r.resource} "${meta.name ?? meta.generateName}" is forbidden: unable to create new content in namespace ${target} because it is being terminated`,
        );
      }
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    meta.uid = newUid();
    meta.creationTimestamp = nowTime();
    for (const k of [
      'resourceVersion',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'selfLink',
      'managedFields',
      'generation',
    ] as const)
      delete meta[k];
    return o;
  }

  private readonly defaultContext = {
    allocateClusterIP: () => this.allocateClusterIP(),
    defaultStorageClass: () => this.defaultStorageClass(),
  };

  private allocateClusterIP(): string {
    const n = this.nextClusterIP++;
    return `10.96.${(n >> 8) & 255}.${n & 255}`;
  }

  private defaultStorageClass(): string | undefined {
    const classes = this.store
      .list(resources.storageclasses)
      .filter((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
    classes.sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)));
    return classes[0]?.metadata.name;
  }
}

export function compileFilter(opts: ListOptions): (o: KubeObject) => boolean {
  try {
    const labels = parseLabelSelector(opts.labelSelector);
    const fields = parseFieldSelector(opts.fieldSelector);
    return (o) => matchesRequirements(o.metadata.labels, labels) && matchesFields(o, fields);
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(`unable to parse requirement: ${e.message}`);
    throw e;
  }
}

export function applyPatch(cur: JsonValue, type: PatchType, patch: unknown): JsonValue {
  try {
    if (type === 'json') return jsonPatch(cur, patch);
    if (!isObject(patch)) throw new PatchError('patch body must be a JSON object');
    return type === 'merge' ? mergePatch(cur, patch) : strategicMergePatch(cur, patch);
  } catch (e) {
    if (e instanceof PatchError)
      throw new StatusError(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: ${e.message}`,
      );
    throw e;
  }
}

function specOf(o: KubeObject): JsonObject {
  return omit(o as JsonObject, 'metadata', 'status', 'apiVersion', 'kind') as JsonObject;
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): unknown => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined },
  });
  return deepEqual(strip(a), strip(b));
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}
