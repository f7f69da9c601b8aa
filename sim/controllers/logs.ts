import { createHash } from 'node:crypto';
import type { JsonObject, KubeObject } from '../model/types';
import { containers, podStatus, SIM_ANNOTATIONS } from './podview';

/**
 * What the kubelet's container logs hold, made up as the sim's pods run: each container writes a
 * few start-up lines, then a line every LINE_MS while it runs. A never-ready container says why it
 * fails its probe; a crash-looping one ends its previous run with the error it died of. Lines are a
 * function of the container's start time and the clock, so a tail, `sinceSeconds` and `follow`
 * agree with each other, and a long run never holds its history in memory.
 */
export const LINE_MS = 2_000;

interface Profile {
  start: string[];
  tick: (i: number) => string;
  /** Why a never-ready container fails its readiness probe, as it would log it. */
  unready: string;
  /** The last words of a crashed run. */
  crash: string[];
}

const level = (color: number, word: string) => `\u001b[${color}m${word}\u001b[0m`;

/** By the image's repository name; anything else is `generic`. */
const PROFILES: Record<string, Profile> = {
  kafka: {
    start: [
      '[KafkaServer id=${ord}] starting',
      'Loading logs from log dirs ArraySeq(/var/lib/kafka/data)',
      'Awaiting socket connections on 0.0.0.0:9092.',
    ],
    tick: (i) => `[ReplicaManager broker=\${ord}] ISR check ok (${i % 7} partitions leading)`,
    unready:
      'ERROR [KafkaServer id=${ord}] Fatal error during KafkaServer startup: inter.broker.protocol.version 3.9 is not supported by the controller quorum; listener PLAINTEXT not started',
    crash: [
      'ERROR Exiting Kafka due to fatal exception',
      'java.lang.IllegalStateException: log directory /var/lib/kafka/data is locked',
    ],
  },
  zookeeper: {
    start: [
      'Reading configuration from: /conf/zoo.cfg',
      'binding to port 0.0.0.0/0.0.0.0:2181',
      'LEADER ELECTION TOOK - 212 MS',
    ],
    tick: (i) => `${level(32, 'INFO')} Processed session termination for sessionid: 0x${(0x1000 + i).toString(16)}`,
    unready: `${level(31, 'ERROR')} Unable to load database on disk: snapshot is corrupt`,
    crash: [
      `${level(31, 'ERROR')} Unexpected exception, exiting abnormally`,
      'java.io.EOFException at org.apache.zookeeper.server.persistence.FileTxnLog',
    ],
  },
  postgres: {
    start: [
      'PostgreSQL init process complete; ready for start up.',
      'LOG:  starting PostgreSQL 16.4 on x86_64-pc-linux-gnu',
      'LOG:  database system is ready to accept connections',
    ],
    tick: (i) => `LOG:  checkpoint complete: wrote ${i % 50} buffers (0.${i % 9}%)`,
    unready: 'FATAL:  could not open file "global/pg_filenode.map": Permission denied',
    crash: [
      'PANIC:  could not write to file "pg_wal/xlogtemp.42": No space left on device',
      'LOG:  server process (PID 42) was terminated by signal 6: Aborted',
    ],
  },
  redis: {
    start: [
      'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      'Running mode=standalone, port=6379.',
      'Ready to accept connections tcp',
    ],
    tick: (i) => `${i % 3} clients connected (0 replicas), ${1024 + i * 3} bytes in use`,
    unready: '# Error condition on socket for SYNC: Connection refused',
    crash: [
      '# Bad file format reading the append only file appendonly.aof',
      '# Unrecoverable error: corrupted AOF file',
    ],
  },
  cassandra: {
    start: [
      'INFO  [main] StorageService.java: Cassandra version: 5.0.2',
      'INFO  [main] Gossiper.java: Waiting for gossip to settle...',
      'INFO  [main] CassandraDaemon.java: Startup complete',
    ],
    tick: (i) => `INFO  [CompactionExecutor:${i % 4}] CompactionTask.java: Compacted ${i % 6} sstables`,
    unready: 'WARN  [main] Gossiper.java: Unable to gossip with any peers',
    crash: [
      'ERROR [main] CassandraDaemon.java: Exception encountered during startup',
      'java.lang.OutOfMemoryError: Java heap space',
    ],
  },
  etcd: {
    start: [
      '{"level":"info","msg":"starting an etcd server","etcd-version":"3.5.15"}',
      '{"level":"info","msg":"serving client traffic insecurely","address":"[::]:2379"}',
    ],
    tick: (i) => `{"level":"info","msg":"compacted revision","revision":${1000 + i}}`,
    unready: '{"level":"warn","msg":"failed to reach the peer URL","error":"dial tcp: connect: connection refused"}',
    crash: ['{"level":"fatal","msg":"failed to open backend","error":"mmap: no space left on device"}'],
  },
  generic: {
    start: ['starting', 'listening'],
    tick: (i) => `ok ${i}`,
    unready: 'not ready: dependency unavailable',
    crash: ['fatal: unrecoverable error', 'exit status 1'],
  },
};

function profileOf(image: string): Profile {
  const repo = image.split('@')[0].split(':')[0].split('/').pop() ?? '';
  return PROFILES[Object.keys(PROFILES).find((k) => repo.includes(k)) ?? 'generic'];
}

/** A line of a container run: its time and text. */
export interface LogLine {
  time: number;
  text: string;
}

export interface ContainerRun {
  startedAt: number;
  /** A run that ended (the previous container), and when. */
  finishedAt?: number;
  crashed: boolean;
}

/** The container's current run, or its previous one; undefined when there is none (not started, no previous). */
export function runOf(pod: KubeObject, container: string, previous: boolean): ContainerRun | 'waiting' | undefined {
  const statuses = (podStatus(pod).containerStatuses ?? []) as JsonObject[];
  const cs = statuses.find((s) => s.name === container);
  if (!cs) return 'waiting';
  const state = (previous ? cs.lastState : cs.state) as JsonObject | undefined;
  const running = state?.running as JsonObject | undefined;
  const terminated = state?.terminated as JsonObject | undefined;
  if (running) return { startedAt: Date.parse(String(running.startedAt)), crashed: false };
  if (terminated) {
    const finishedAt = Date.parse(String(terminated.finishedAt));
    // A run that crashed at once still wrote its start-up and its last words.
    return {
      startedAt: Math.min(Date.parse(String(terminated.startedAt)), finishedAt - LINE_MS * 3),
      finishedAt,
      crashed: true,
    };
  }
  return previous ? undefined : 'waiting';
}

const ordinalOf = (pod: KubeObject) => /-(\d+)$/.exec(pod.metadata.name)?.[1] ?? '0';

/** A long configuration line, written once at start: logs have those, and a viewer must not choke on them. */
function configLine(pod: KubeObject, image: string): string {
  const seed = createHash('sha256').update(`${pod.metadata.namespace}/${pod.metadata.name}`).digest('hex');
  const props = Array.from({ length: 60 }, (_, i) => `setting.${i}=${seed.slice(i % 48, (i % 48) + 16)}`);
  return `effective configuration for ${image}: ${props.join(', ')}`;
}

/** The lines of a run from index `from` (0: the first start-up line) up to `now`. */
export function linesOf(pod: KubeObject, container: string, run: ContainerRun, now: number, from = 0): LogLine[] {
  const spec = containers(pod).find((c) => c.name === container);
  const image = String(spec?.image ?? '');
  const p = profileOf(image);
  const fill = (s: string) => s.replace(/\$\{ord\}/g, ordinalOf(pod));
  const start = [...p.start.map(fill), configLine(pod, image)];
  const never = pod.metadata.annotations?.[SIM_ANNOTATIONS.neverReady] === 'true';
  const end = run.finishedAt ?? now;
  const count = start.length + Math.max(0, Math.floor((end - run.startedAt) / LINE_MS));
  const out: LogLine[] = [];
  for (let i = Math.max(0, from); i < count; i++) {
    if (i < start.length) out.push({ time: run.startedAt + i * 10, text: start[i] });
    else {
      const k = i - start.length;
      out.push({
        time: run.startedAt + (k + 1) * LINE_MS,
        text: never && k % 2 === 0 ? fill(p.unready) : fill(p.tick(k)),
      });
    }
  }
  if (run.crashed) out.push(...p.crash.map((text, i) => ({ time: end + i, text: fill(text) })));
  return out;
}
