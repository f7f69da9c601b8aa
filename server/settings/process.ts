import { type Env, SettingError } from './parse';
import { parseSettings } from './rules';
import type { Settings } from './table';

/**
 * A process-wide value, kept on globalThis under `Symbol.for('ordinal.' + name)`: Next may evaluate
 * a server module once per route bundle, and the edge server runs outside Next's bundles, yet all of
 * them must share one cache, one stream registry, one key. The slot is made on first use.
 */
export function processSlot<T>(name: string): { value?: T } {
  const g = globalThis as unknown as Record<symbol, { value?: T } | undefined>;
  return (g[Symbol.for(`ordinal.${name}`)] ??= {});
}

/** The process-wide value `name`, made by `make` on first use. */
export function processWide<T>(name: string, make: () => T): T {
  const slot = processSlot<T>(name);
  return (slot.value ??= make());
}

type Parsed = { ok: true; settings: Settings } | { ok: false; error: SettingError };

/**
 * The process's settings, read from its environment once — the one place the product reads it.
 * An unusable setting is thrown (a SettingError) by every call: the edge refuses to start with it,
 * and a route reports it.
 */
export function processSettings(): Settings {
  const parsed = processWide<Parsed>('settings', () => {
    try {
      return { ok: true, settings: parseSettings(process.env as Env) };
    } catch (e) {
      if (e instanceof SettingError) return { ok: false, error: e };
      throw e;
    }
  });
  if (!parsed.ok) throw parsed.error;
  return parsed.settings;
}

/**
 * The order a shutdown runs in: viewers' streams end first (they never end by themselves), then
 * the history is closed (synchronously, before the process may exit), then the watches stop, then
 * the server closes and the process exits.
 */
export const SHUTDOWN_PHASES = ['streams', 'history', 'watches', 'server'] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

interface Shutdown {
  steps: { phase: ShutdownPhase; run: () => void }[];
  started: boolean;
}

/** The process's shutdown steps; SIGTERM and SIGINT run them (handled once per process, here only). */
function shutdownSteps(): Shutdown {
  return processWide<Shutdown>('shutdown', () => {
    process.once('SIGTERM', shutDown);
    process.once('SIGINT', shutDown);
    return { steps: [], started: false };
  });
}

/** Runs every registered step in phase order, once; a step that throws is logged and the others still run. */
export function shutDown(): void {
  const s = shutdownSteps();
  if (s.started) return;
  s.started = true;
  for (const phase of SHUTDOWN_PHASES)
    for (const step of s.steps.filter((x) => x.phase === phase)) {
      try {
        step.run();
      } catch (e) {
        console.error(`ordinal: shutdown (${phase}) failed`, e);
      }
    }
}

/** Adds a step to the process's shutdown; returns its removal, for a part that stops before the process does. */
export function onShutdown(phase: ShutdownPhase, run: () => void): () => void {
  const s = shutdownSteps();
  const step = { phase, run };
  s.steps.push(step);
  return () => {
    s.steps = s.steps.filter((x) => x !== step);
  };
}
