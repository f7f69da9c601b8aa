import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freshCluster, type Cluster } from './cluster';
import { startSim } from './index';
import { FAST_TIMING, DEMO_TIMING, type Timing } from './controllers/runtime';
import { loadPaths, LoadError } from './load';
import { parseTokenFile, parseUserToken, type StaticToken } from './auth/authn';
import { demoScenario } from './scenarios/demo/index';
import { DEFAULT_SCALE, expectedPods, scaleScenario, type ScaleParams } from './scenarios/scale';

const USAGE = `usage: npm run sim -- [options]
  --scenario demo|empty|scale   what to create at start (default: demo)
  --load PATH                   YAML/JSON file or directory to load as given (repeatable)
  --no-controllers              freeze the cluster as loaded: no scheduler, kubelet or controllers
  --port N                      HTTPS port on 127.0.0.1 (default 0: a free port)
  --kubeconfig PATH             where to write the kubeconfig (default .ordinal/sim.kubeconfig)
  --fast                        short delays (pods start and turn Ready within tens of ms)
  --pod-start-ms N --pod-ready-ms N --provision-ms N --termination-ms N
  --bookmark-interval-ms N      watch BOOKMARK interval (default 15000)
  --rbac                        authorize every request by RBAC (Roles, ClusterRoles and their bindings)
  --token-auth-file PATH        static bearer tokens, as kube-apiserver reads them: token,user,uid[,"group1,group2"]
  --user-token TOKEN=USER[:GROUP,GROUP]   one static bearer token (repeatable)
  scale scenario: --namespaces N --statefulsets N --replicas N --configmaps N --services N --nodes N --no-claims`;

function int(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new LoadError(`--${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'demo' },
      load: { type: 'string', multiple: true, default: [] },
      'no-controllers': { type: 'boolean', default: false },
      port: { type: 'string' },
      kubeconfig: { type: 'string', default: '.ordinal/sim.kubeconfig' },
      fast: { type: 'boolean', default: false },
      'pod-start-ms': { type: 'string' },
      'pod-ready-ms': { type: 'string' },
      'provision-ms': { type: 'string' },
      'termination-ms': { type: 'string' },
      'bookmark-interval-ms': { type: 'string' },
      rbac: { type: 'boolean', default: false },
      'token-auth-file': { type: 'string' },
      'user-token': { type: 'string', multiple: true, default: [] },
      namespaces: { type: 'string' },
      statefulsets: { type: 'string' },
      replicas: { type: 'string' },
      configmaps: { type: 'string' },
      services: { type: 'string' },
      nodes: { type: 'string' },
      'no-claims': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (!['demo', 'empty', 'scale'].includes(values.scenario))
    throw new LoadError(`--scenario must be demo, empty or scale, got "${values.scenario}"`);
  if (values['no-controllers'] && values.scenario !== 'empty') {
    throw new LoadError(
      `--no-controllers freezes the cluster as loaded: use it with --scenario empty (the ${values.scenario} scenario needs controllers)`,
    );
  }
  const base = values.fast ? FAST_TIMING : DEMO_TIMING;
  const timing: Timing = {
    ...base,
    podStartMs: int(values['pod-start-ms'], 'pod-start-ms', base.podStartMs),
    podReadyMs: int(values['pod-ready-ms'], 'pod-ready-ms', base.podReadyMs),
    provisionMs: int(values['provision-ms'], 'provision-ms', base.provisionMs),
    terminationMs: int(values['termination-ms'], 'termination-ms', base.terminationMs),
  };
  const scale: ScaleParams = {
    namespaces: int(values.namespaces, 'namespaces', DEFAULT_SCALE.namespaces),
    statefulSets: int(values.statefulsets, 'statefulsets', DEFAULT_SCALE.statefulSets),
    replicas: int(values.replicas, 'replicas', DEFAULT_SCALE.replicas),
    configMaps: int(values.configmaps, 'configmaps', DEFAULT_SCALE.configMaps),
    services: int(values.services, 'services', DEFAULT_SCALE.services),
    nodes: Math.max(1, int(values.nodes, 'nodes', DEFAULT_SCALE.nodes)),
    claims: !values['no-claims'],
  };
  return { values, timing, scale, port: int(values.port, 'port', 0) };
}

/** Runs a scenario's setup quickly, then restores the configured pace for live use. */
async function withFastSetup(sim: Cluster, run: () => Promise<void>): Promise<void> {
  const timing = sim.controllers?.context.timing;
  const saved = timing ? { ...timing } : undefined;
  if (timing) Object.assign(timing, FAST_TIMING, { crashLoopMs: timing.crashLoopMs });
  try {
    await run();
  } finally {
    if (timing && saved) Object.assign(timing, saved);
  }
}

function tokensOf(file: string | undefined, flags: string[]): StaticToken[] {
  try {
    return [...(file ? parseTokenFile(file) : []), ...flags.map(parseUserToken)];
  } catch (e) {
    throw new LoadError((e as Error).message);
  }
}

async function main(): Promise<void> {
  const { values, timing, scale, port } = parse(process.argv.slice(2));
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const kubeconfigPath = resolve(values.kubeconfig);
  const sim = await startSim({
    port,
    kubeconfigPath,
    controllers: !values['no-controllers'],
    timing,
    bookmarkIntervalMs: int(values['bookmark-interval-ms'], 'bookmark-interval-ms', 15_000),
    rbac: values.rbac,
    tokens: tokensOf(values['token-auth-file'], values['user-token']),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sim: ${signal}, stopping`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (values.load.length) {
    const report = loadPaths(sim.registry, values.load);
    console.log(`sim: loaded ${report.loaded} objects from ${values.load.join(', ')}`);
    for (const [kind, n] of report.skipped) console.warn(`sim: skipped ${n} ${kind} (kind not served by the sim)`);
  }
  const started = Date.now();
  sim.controllers?.start();
  if (values.scenario === 'demo') await withFastSetup(sim, () => demoScenario(sim));
  if (values.scenario === 'scale') await withFastSetup(sim, () => scaleScenario(sim, scale));
  if (values.scenario === 'empty' && !values['no-controllers']) freshCluster(sim);
  const took = ((Date.now() - started) / 1000).toFixed(1);
  const detail = values.scenario === 'scale' ? ` pods=${expectedPods(scale)}` : '';
  const rbac = values.rbac ? ' rbac=on' : '';
  console.log(
    `ready url=${sim.url} kubeconfig=${kubeconfigPath} scenario=${values.scenario}${detail}${rbac} setup=${took}s`,
  );
  console.log(`sim: try   KUBECONFIG=${kubeconfigPath} kubectl get statefulsets -A`);
}

main().catch((e: unknown) => {
  if (e instanceof LoadError || String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
    console.error(`sim: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  console.error('sim: failed:', e);
  process.exit(1);
});
