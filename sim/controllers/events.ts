import { nowTime } from '../model/meta';
import type { KubeObject } from '../model/types';
import type { Registry } from '../registry/registry';
import { resources } from '../registry/lookup';

/**
 * core/v1 Events as controllers record them, deduplicated like client-go's
 * EventCorrelator: a repeat of the same reason and message on the same object
 * bumps `count` and `lastTimestamp` instead of creating a new Event.
 */
export class EventRecorder {
  private readonly seen = new Map<string, string>(); // correlation key -> event name
  private sequence = 0;

  constructor(private readonly registry: Registry) {}

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    const key = `${obj.metadata.uid}|${reason}|${message}`;
    const existing = this.seen.get(key);
    const now = nowTime();
    if (existing) {
      const ev = this.registry.find(resources.events, ns, existing);
      if (ev) {
        this.registry.mutate(
          resources.events,
          ev,
          (e) => {
            e.count = Number(e.count ?? 1) + 1;
            e.lastTimestamp = now;
          },
          { manager: component },
        );
        return;
      }
    }
    // Unique as the kubelet's `<name>.<hex UnixNano>` is: events of one tick (Pulled, Created, Started)
    // once collided on a random suffix, and the create's AlreadyExists dropped one of them.
    this.sequence = (this.sequence + 1) % 1000;
    const name = `${obj.metadata.name}.${(Date.now() * 1000 + this.sequence).toString(16)}`;
    try {
      this.registry.create(
        resources.events,
        ns,
        {
          metadata: { name, namespace: ns },
          involvedObject: {
            kind: obj.kind,
            namespace: obj.metadata.namespace,
            name: obj.metadata.name,
            uid: obj.metadata.uid,
            apiVersion: obj.apiVersion,
            resourceVersion: obj.metadata.resourceVersion,
          },
          reason,
          message,
          type,
          source: { component },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          eventTime: null,
          reportingComponent: component,
          reportingInstance: `${component}-sim`,
        },
        { manager: component },
      );
      this.seen.set(key, name);
      if (this.seen.size > 50_000) this.seen.delete(this.seen.keys().next().value as string);
    } catch {
      // Events are best effort, as in Kubernetes: a terminating namespace refuses them.
    }
  }
}
