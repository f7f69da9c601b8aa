/** A Service port as the spec has it (protocol defaulted to TCP). */
export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol: string;
  nodePort?: number;
}

/**
 * The facts each kind's graph node carries for views to show (the `info` of a node), one
 * shape per kind. The server fills them (server/topology/nodes.ts); views read them typed,
 * after narrowing a node on its `kind`. Adding a drawn kind adds its row here too: GraphNode
 * (topology.ts) indexes this table by every NodeKind, so the compiler asks for the row.
 */
export interface NodeFacts {
  StatefulSet: {
    replicas: number;
    ready: number;
    currentRevision: string;
    updateRevision: string;
    partition: number;
    podManagementPolicy: string;
  };
  Pod: {
    phase: string;
    ready: boolean;
    revision: string;
    node: string;
    restarts: number;
    started: string;
    /** ConfigMaps and Secrets it runs an older version of (its `mounts` edges marked drift). */
    staleConfig?: number;
  };
  PersistentVolumeClaim: {
    phase: string;
    storageClass: string;
    capacity: string;
    volume: string;
    /** Bound to a volume the viewer may not see: `volume` is empty, never its name. */
    volumeHidden?: boolean;
    /** Comma-separated, as kubectl prints them. */
    accessModes: string;
    /** The StatefulSet whose template the claim was made from, and its retention policy. */
    statefulSet?: string;
    whenScaled?: string;
    whenDeleted?: string;
    /** Left behind by a scale-down (ordinal beyond replicas, retained). */
    orphan?: boolean;
  };
  PersistentVolume: { phase: string; reclaimPolicy: string; capacity: string; storageClass: string; claim: string };
  /** A class that claims name but does not exist is drawn `{ missing: true }`. */
  StorageClass:
    { provisioner: string; reclaimPolicy: string; volumeBindingMode: string; default: boolean } | { missing: true };
  ConfigMap: { keys: number; changed: string; lastAppliedDiffers?: boolean };
  Secret: { keys: number; type: string; changed: string };
  Service: { headless: boolean; endpoints: number; ready: number; type: string; ports: ServicePort[] };
  EndpointSlice: { endpoints: number; ready: number; addressType: string };
}
