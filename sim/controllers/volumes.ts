import { isObject, nowTime } from '../model/meta';
import type { JsonObject, KubeObject } from '../model/types';
import { resources } from '../registry/lookup';
import type { StoreEvent } from '../store/store';
import type { Controller, ControllerContext } from './runtime';
import { splitKey } from './runtime';
import { SELECTED_NODE } from './scheduler';

const COMPONENT = 'persistentvolume-controller';
const MANAGER = { manager: 'kube-controller-manager' };
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

type Obj = KubeObject & { spec?: JsonObject; status?: JsonObject };
const spec = (o: KubeObject): JsonObject => ((o as Obj).spec ?? {}) as JsonObject;
const phase = (o: KubeObject): string => String(((o as Obj).status ?? {}).phase ?? 'Pending');

const UNITS: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  '': 1,
};

/** resource.Quantity → bytes, for matching claims to volumes by size. */
export function quantityBytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?)([KMGTP]i|[kMGTP])?$/.exec(String(q ?? ''));
  return m ? Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1) : 0;
}

function requestOf(claim: KubeObject): string {
  const res = spec(claim).resources;
  const requests = isObject(res) && isObject(res.requests) ? (res.requests as JsonObject) : {};
  return String(requests.storage ?? '1Gi');
}

/**
 * The PV controller and a dynamic provisioner: binds claims to matching Available
 * volumes or provisions one per StorageClass (Immediate or WaitForFirstConsumer),
 * leaves claims of a missing class Pending with an event, and reclaims volumes
 * whose claim went away (Delete → volume deleted, Retain → Released).
 */
export class VolumeController implements Controller {
  readonly name = 'volumes';
  private readonly warned = new Set<string>();
  private readonly provisioning = new Set<string>();
  /** Indexes kept from observed changes, so a sync never scans every volume. */
  private readonly byClaimUid = new Map<string, string>();
  private readonly available = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {}

  initialKeys(): string[] {
    return [
      ...this.ctx.store
        .list(resources.persistentvolumeclaims)
        .map((c) => `pvc:${c.metadata.namespace}/${c.metadata.name}`),
      ...this.ctx.store.list(resources.persistentvolumes).map((v) => `pv:${v.metadata.name}`),
    ];
  }

  private index(ev: StoreEvent): void {
    const name = ev.object.metadata.name;
    const before = ev.previous ? claimRefUid(ev.previous) : undefined;
    if (before) this.byClaimUid.delete(before);
    this.available.delete(name);
    if (ev.type === 'DELETED') return;
    const uid = claimRefUid(ev.object);
    if (uid) this.byClaimUid.set(uid, name);
    if (phase(ev.object) === 'Available') this.available.add(name);
  }

  observe(ev: StoreEvent, enqueue: (key: string) => void): void {
    const o = ev.object;
    if (ev.resource === resources.persistentvolumes) this.index(ev);
    if (ev.resource === resources.persistentvolumeclaims) {
      if (ev.type !== 'DELETED') enqueue(`pvc:${o.metadata.namespace}/${o.metadata.name}`);
      const vol = spec(o).volumeName;
      if (typeof vol === 'string' && vol) enqueue(`pv:${vol}`);
      const pv = this.byClaimUid.get(String(o.metadata.uid));
      if (ev.type === 'DELETED' && pv) enqueue(`pv:${pv}`);
      if (ev.type === 'DELETED')
        for (const reason of ['FailedBinding', 'ProvisioningFailed', 'WaitForFirstConsumer'])
          this.warned.delete(`${o.metadata.uid}|${reason}`);
    } else if (ev.resource === resources.persistentvolumes && ev.type !== 'DELETED') {
      enqueue(`pv:${o.metadata.name}`);
      const ref = spec(o).claimRef;
      if (isObject(ref)) enqueue(`pvc:${ref.namespace}/${ref.name}`);
      else
        for (const c of this.ctx.store.list(resources.persistentvolumeclaims))
          if (phase(c) === 'Pending') enqueue(`pvc:${c.metadata.namespace}/${c.metadata.name}`);
    } else if (ev.resource === resources.storageclasses) {
      for (const c of this.ctx.store.list(resources.persistentvolumeclaims))
        if (phase(c) === 'Pending') enqueue(`pvc:${c.metadata.namespace}/${c.metadata.name}`);
    }
  }

  reconcile(key: string): void {
    if (key.startsWith('pv:')) return this.syncVolume(key.slice(3));
    const { namespace, name } = splitKey(key.slice(4));
    const claim = this.ctx.store.get(resources.persistentvolumeclaims, namespace, name);
    if (claim && !claim.metadata.deletionTimestamp) this.syncClaim(claim);
  }

  private syncClaim(claim: KubeObject): void {
    const volName = spec(claim).volumeName;
    if (phase(claim) === 'Bound') {
      const pv =
        typeof volName === 'string' ? this.ctx.store.get(resources.persistentvolumes, undefined, volName) : undefined;
      if (!pv) {
        this.setClaimStatus(claim, { phase: 'Lost' });
        this.ctx.events.record(
          claim,
          'Warning',
          'ClaimLost',
          `Bound claim has lost reference to PersistentVolume. Data on the volume is lost!`,
          COMPONENT,
        );
      }
      return;
    }
    if (phase(claim) === 'Lost') return;
    if (typeof volName === 'string' && volName) {
      const pv = this.ctx.store.get(resources.persistentvolumes, undefined, volName);
      if (pv && (!isObject(spec(pv).claimRef) || claimRefUid(pv) === claim.metadata.uid)) this.bind(claim, pv);
      return;
    }
    const preBound = this.byClaimUid.get(String(claim.metadata.uid));
    const match =
      (preBound && this.ctx.store.get(resources.persistentvolumes, undefined, preBound)) || this.findVolume(claim);
    if (match) return this.bind(claim, match);
    const className = spec(claim).storageClassName;
    if (typeof className !== 'string' || className === '') {
      return this.warnOnce(
        claim,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      );
    }
    const cls = this.ctx.store.get(resources.storageclasses, undefined, className) as
      (KubeObject & JsonObject) | undefined;
    if (!cls)
      return this.warnOnce(
        claim,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io "${className}" not found`,
      );
    if (cls.provisioner === NO_PROVISIONER)
      return this.warnOnce(
        claim,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      );
    if (cls.volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata.annotations?.[SELECTED_NODE]) {
      return this.warnOnce(
        claim,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
      );
    }
    this.provision(claim, cls);
  }

  private findVolume(claim: KubeObject): KubeObject | undefined {
    const want = quantityBytes(requestOf(claim));
    const modes = (spec(claim).accessModes as string[] | undefined) ?? [];
    const cls = spec(claim).storageClassName ?? '';
    return [...this.available]
      .map((n) => this.ctx.store.get(resources.persistentvolumes, undefined, n))
      .filter((pv): pv is KubeObject => !!pv)
      .filter((pv) => {
        const s = spec(pv);
        if (pv.metadata.deletionTimestamp || phase(pv) !== 'Available') return false;
        const ref = s.claimRef;
        if (isObject(ref) && !(ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace))
          return false;
        const pvModes = (s.accessModes as string[] | undefined) ?? [];
        return (
          (s.storageClassName ?? '') === cls &&
          modes.every((m) => pvModes.includes(m)) &&
          quantityBytes(isObject(s.capacity) ? s.capacity.storage : 0) >= want
        );
      })
      .sort(
        (a, b) =>
          quantityBytes((spec(a).capacity as JsonObject).storage) -
          quantityBytes((spec(b).capacity as JsonObject).storage),
      )[0];
  }

  private provision(claim: KubeObject, cls: KubeObject & JsonObject): void {
    const uid = String(claim.metadata.uid);
    if (this.provisioning.has(uid)) return;
    this.provisioning.add(uid);
    const provisioner = String(cls.provisioner);
    this.ctx.events.record(
      claim,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${claim.metadata.namespace}/${claim.metadata.name}"`,
      provisioner,
    );
    this.ctx.after(this.ctx.timing.provisionMs, () => {
      this.provisioning.delete(uid);
      const cur = this.ctx.store.get(resources.persistentvolumeclaims, claim.metadata.namespace, claim.metadata.name);
      if (!cur || cur.metadata.uid !== uid || phase(cur) !== 'Pending') return;
      const pvName = `pvc-${uid}`;
      if (this.ctx.store.get(resources.persistentvolumes, undefined, pvName)) return;
      const node = cur.metadata.annotations?.[SELECTED_NODE];
      this.ctx.registry.create(
        resources.persistentvolumes,
        undefined,
        {
          metadata: {
            name: pvName,
            annotations: {
              'pv.kubernetes.io/provisioned-by': provisioner,
              'volume.kubernetes.io/provisioner-deletion-secret-name': '',
              'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
            },
            finalizers: ['kubernetes.io/pv-protection'],
          },
          spec: {
            capacity: { storage: requestOf(cur) },
            accessModes: spec(cur).accessModes ?? ['ReadWriteOnce'],
            persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
            storageClassName: cls.metadata.name,
            volumeMode: spec(cur).volumeMode ?? 'Filesystem',
            claimRef: {
              kind: 'PersistentVolumeClaim',
              namespace: cur.metadata.namespace,
              name: cur.metadata.name,
              uid,
              apiVersion: 'v1',
              resourceVersion: cur.metadata.resourceVersion,
            },
            csi: { driver: provisioner, volumeHandle: `${provisioner}/${pvName}`, fsType: 'ext4' },
            ...(node
              ? {
                  nodeAffinity: {
                    required: {
                      nodeSelectorTerms: [
                        { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
                      ],
                    },
                  },
                }
              : {}),
          },
        },
        { manager: provisioner },
      );
      this.ctx.events.record(
        cur,
        'Normal',
        'ProvisioningSucceeded',
        `Successfully provisioned volume ${pvName}`,
        provisioner,
      );
    });
  }

  private bind(claim: KubeObject, pv: KubeObject): void {
    const ref = {
      kind: 'PersistentVolumeClaim',
      namespace: claim.metadata.namespace,
      name: claim.metadata.name,
      uid: claim.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: claim.metadata.resourceVersion,
    };
    let boundPv = pv;
    if (claimRefUid(pv) !== claim.metadata.uid) {
      boundPv = this.ctx.registry.mutate(
        resources.persistentvolumes,
        pv,
        (v) => {
          spec(v).claimRef = ref;
          v.metadata.annotations = { ...v.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes' };
        },
        MANAGER,
      );
    }
    if (phase(boundPv) !== 'Bound') {
      this.ctx.registry.mutate(
        resources.persistentvolumes,
        boundPv,
        (v) => {
          (v as Obj).status = { phase: 'Bound', lastPhaseTransitionTime: nowTime() };
        },
        { ...MANAGER, subresource: 'status' },
      );
    }
    const provisioner = pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'];
    const c = this.ctx.registry.mutate(
      resources.persistentvolumeclaims,
      claim,
      (o) => {
        spec(o).volumeName = pv.metadata.name;
        o.metadata.annotations = {
          ...o.metadata.annotations,
          'pv.kubernetes.io/bind-completed': 'yes',
          'pv.kubernetes.io/bound-by-controller': 'yes',
          ...(provisioner
            ? {
                'volume.beta.kubernetes.io/storage-provisioner': provisioner,
                'volume.kubernetes.io/storage-provisioner': provisioner,
              }
            : {}),
        };
      },
      MANAGER,
    );
    this.setClaimStatus(c, {
      phase: 'Bound',
      accessModes: spec(pv).accessModes ?? [],
      capacity: spec(pv).capacity ?? {},
    });
  }

  private setClaimStatus(claim: KubeObject, status: JsonObject): void {
    this.ctx.registry.mutate(
      resources.persistentvolumeclaims,
      claim,
      (o) => {
        (o as Obj).status = status;
      },
      { ...MANAGER, subresource: 'status' },
    );
  }

  private syncVolume(name: string): void {
    const pv = this.ctx.store.get(resources.persistentvolumes, undefined, name);
    if (!pv) return;
    if (pv.metadata.deletionTimestamp) {
      if (!this.claimOf(pv) && pv.metadata.finalizers?.includes('kubernetes.io/pv-protection')) {
        this.ctx.registry.mutate(
          resources.persistentvolumes,
          pv,
          (v) => {
            v.metadata.finalizers = (v.metadata.finalizers ?? []).filter((f) => f !== 'kubernetes.io/pv-protection');
          },
          MANAGER,
        );
      }
      return;
    }
    const ref = spec(pv).claimRef;
    if (!isObject(ref)) {
      if (phase(pv) === 'Pending' || phase(pv) === 'Released') this.setVolumePhase(pv, 'Available');
      return;
    }
    if (this.claimOf(pv)) {
      if (phase(pv) === 'Pending') this.setVolumePhase(pv, ref.uid ? 'Bound' : 'Available');
      return;
    }
    if (phase(pv) === 'Released' || phase(pv) === 'Failed') return;
    if (phase(pv) === 'Pending' || phase(pv) === 'Available') {
      if (phase(pv) === 'Pending') this.setVolumePhase(pv, 'Available');
      return;
    }
    const policy = spec(pv).persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Delete') {
      this.ctx.registry.delete(resources.persistentvolumes, undefined, name);
    } else {
      this.setVolumePhase(pv, 'Released');
      this.ctx.events.record(
        pv,
        'Normal',
        'VolumeReleased',
        `Volume released: claim ${ref.namespace}/${ref.name} was deleted, reclaim policy ${String(policy)}`,
        COMPONENT,
      );
    }
  }

  /** The live claim a volume's claimRef names (same uid when the ref has one). */
  private claimOf(pv: KubeObject): KubeObject | undefined {
    const ref = spec(pv).claimRef;
    if (!isObject(ref)) return undefined;
    const claim = this.ctx.store.get(resources.persistentvolumeclaims, String(ref.namespace), String(ref.name));
    return claim && (!ref.uid || claim.metadata.uid === ref.uid) ? claim : undefined;
  }

  private setVolumePhase(pv: KubeObject, p: string): void {
    this.ctx.registry.mutate(
      resources.persistentvolumes,
      pv,
      (v) => {
        (v as Obj).status = { phase: p, lastPhaseTransitionTime: nowTime() };
      },
      { ...MANAGER, subresource: 'status' },
    );
  }

  private warnOnce(claim: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const k = `${claim.metadata.uid}|${reason}`;
    if (this.warned.has(k)) return;
    this.warned.add(k);
    this.ctx.events.record(claim, type, reason, message, COMPONENT);
  }
}

function claimRefUid(pv: KubeObject): string | undefined {
  const ref = spec(pv).claimRef;
  return isObject(ref) && typeof ref.uid === 'string' ? ref.uid : undefined;
}
