import { ObjectStore } from './store';
import { installIndexes, type Stores } from './indexes';
import type { KObject } from './types';

/** A fresh, indexed set of empty stores: the live cache's shape, also what fixtures load into. */
export function createStores(): Stores {
  const s: Stores = {
    StatefulSet: new ObjectStore('StatefulSet'),
    Pod: new ObjectStore('Pod'),
    PersistentVolumeClaim: new ObjectStore('PersistentVolumeClaim'),
    PersistentVolume: new ObjectStore('PersistentVolume'),
    StorageClass: new ObjectStore('StorageClass'),
    ConfigMap: new ObjectStore('ConfigMap'),
    Secret: new ObjectStore('Secret'),
    Service: new ObjectStore('Service'),
    EndpointSlice: new ObjectStore('EndpointSlice'),
    ControllerRevision: new ObjectStore('ControllerRevision'),
    Event: new ObjectStore('Event'),
  };
  installIndexes(s);
  return s;
}

/** Stores filled with already-normalized objects (fixtures, tests). Unknown kinds are ignored. */
export function storesOf(objects: KObject[]): Stores {
  const s = createStores();
  for (const o of objects) (s as unknown as Record<string, ObjectStore | undefined>)[o.kind]?.upsert(o);
  return s;
}
