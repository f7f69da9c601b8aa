/** Warm the shared cache at server start, so the first viewer finds it synced; report unusable settings at once. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { hostPolicy } = await import('./server/edge/hosts');
  try {
    hostPolicy();
  } catch (e) {
    console.error(`ordinal: ${(e as Error).message}`);
  }
  const { getRuntime } = await import('./server/runtime');
  const r = getRuntime();
  if (!r.ok) console.error(`ordinal: ${r.error}`);
}
