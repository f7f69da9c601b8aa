/** Warm the shared cache at server start, so the first viewer finds it synced. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getRuntime } = await import('./server/runtime');
  const r = getRuntime();
  if (!r.ok) console.error(`ordinal: ${r.error}`);
}
