import { resourceByName, type ResourceType } from '../model/resources';
import type { KubeObject } from '../model/types';
import { resources } from '../registry/lookup';
import type { StoreEvent } from '../store/store';
import type { Controller, ControllerContext } from './runtime';

const MANAGER = { manager: 'kube-controller-manager' };

interface Ref {
  resource: ResourceType;
  namespace?: string;
  name: string;
}

/**
 * The garbage collector: dependents whose owners are all gone are deleted
 * (background); foreground deletion deletes dependents before removing the owner's
 * `foregroundDeletion` finalizer; orphan deletion strips the owner references first.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbagecollector';
  private readonly byUid = new Map<string, Ref>();

  constructor(private readonly ctx: ControllerContext) {}

  /** Learns the objects present at start; objects loaded without their owners are left as given. */
  initialKeys(): string[] {
    for (const r of Object.values(resources)) for (const o of this.ctx.store.list(r)) this.remember(r, o);
    return [];
  }

  private remember(resource: ResourceType, o: KubeObject): void {
    if (o.metadata.uid)
      this.byUid.set(o.metadata.uid, { resource, namespace: o.metadata.namespace, name: o.metadata.name });
  }

  observe(ev: StoreEvent, enqueue: (key: string) => void): void {
    const o = ev.object;
    const uid = String(o.metadata.uid);
    if (ev.type === 'DELETED') {
      this.byUid.delete(uid);
      enqueue(`orphans:${uid}`);
      for (const ref of o.metadata.ownerReferences ?? []) enqueue(`owner:${ref.uid}`);
      return;
    }
    this.remember(ev.resource, o);
    const f = o.metadata.finalizers ?? [];
    if (o.metadata.deletionTimestamp && (f.includes('foregroundDeletion') || f.includes('orphan')))
      enqueue(`owner:${uid}`);
  }

  reconcile(key: string, requeue: (key: string, afterMs: number) => void): void {
    const [kind, uid] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'orphans') this.collectOrphans(uid);
    else this.finishOwner(uid, requeue);
  }

  private dependents(uid: string) {
    return this.ctx.store.dependents(uid, resourceByName);
  }

  private collectOrphans(uid: string): void {
    for (const { resource, object } of this.dependents(uid)) {
      if (object.metadata.deletionTimestamp) continue;
      const remaining = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && this.byUid.has(r.uid));
      if (remaining.length === 0) {
        this.ctx.registry.delete(resource, object.metadata.namespace, object.metadata.name, {
          propagationPolicy: 'Background',
        });
      } else {
        this.ctx.registry.mutate(
          resource,
          object,
          (o) => {
            o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          },
          MANAGER,
        );
      }
    }
  }

  private finishOwner(uid: string, requeue: (key: string, afterMs: number) => void): void {
    const ref = this.byUid.get(uid);
    const owner = ref && this.ctx.store.get(ref.resource, ref.namespace, ref.name);
    if (!ref || !owner || !owner.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    const deps = this.dependents(uid);
    if (finalizers.includes('orphan')) {
      for (const d of deps) {
        this.ctx.registry.mutate(
          d.resource,
          d.object,
          (o) => {
            o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          },
          MANAGER,
        );
      }
      this.dropFinalizer(ref.resource, owner, 'orphan');
      return;
    }
    if (!finalizers.includes('foregroundDeletion')) return;
    for (const d of deps) {
      if (!d.object.metadata.deletionTimestamp)
        this.ctx.registry.delete(d.resource, d.object.metadata.namespace, d.object.metadata.name, {
          propagationPolicy: 'Foreground',
        });
    }
    const blocking = this.dependents(uid).filter((d) =>
      (d.object.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion),
    );
    if (blocking.length === 0) this.dropFinalizer(ref.resource, owner, 'foregroundDeletion');
    else requeue(`owner:${uid}`, 200);
  }

  private dropFinalizer(resource: ResourceType, owner: KubeObject, finalizer: string): void {
    const cur = this.ctx.store.get(resource, owner.metadata.namespace, owner.metadata.name);
    if (!cur) return;
    this.ctx.registry.mutate(
      resource,
      cur,
      (o) => {
        o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
      },
      MANAGER,
    );
  }
}

/** The namespace controller: a terminating namespace's contents are deleted, then the namespace. */
export class NamespaceController implements Controller {
  readonly name = 'namespace';

  constructor(private readonly ctx: ControllerContext) {}

  initialKeys(): string[] {
    return this.ctx.store
      .list(resources.namespaces)
      .filter((n) => n.metadata.deletionTimestamp)
      .map((n) => n.metadata.name);
  }

  observe(ev: StoreEvent, enqueue: (key: string) => void): void {
    if (ev.resource === resources.namespaces && ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp)
      enqueue(ev.object.metadata.name);
    else if (ev.type === 'DELETED' && ev.object.metadata.namespace) {
      const ns = this.ctx.store.get(resources.namespaces, undefined, ev.object.metadata.namespace);
      if (ns?.metadata.deletionTimestamp) enqueue(ns.metadata.name);
    }
  }

  reconcile(name: string, requeue: (key: string, afterMs: number) => void): void {
    const ns = this.ctx.store.get(resources.namespaces, undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const r of Object.values(resources)) {
      if (!r.namespaced) continue;
      for (const o of this.ctx.store.list(r, name)) {
        remaining++;
        if (!o.metadata.deletionTimestamp)
          this.ctx.registry.delete(r, name, o.metadata.name, { propagationPolicy: 'Background' });
      }
    }
    if (remaining === 0) this.ctx.registry.finishDeletion(resources.namespaces, ns);
    else requeue(name, 200);
  }
}
