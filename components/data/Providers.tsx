'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { shouldRetry } from './fetch';
import { StreamManager } from './stream';

const StreamContext = createContext<StreamManager | null>(null);

export function useStreamManager(): StreamManager {
  const m = useContext(StreamContext);
  if (!m) throw new Error('useStreamManager outside <Providers>');
  return m;
}

/** TanStack Query is the only client-side cache; the stream manager feeds it. */
export function Providers({ children }: { children: ReactNode }) {
  const [qc] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 5_000, retry: shouldRetry, refetchOnWindowFocus: false } },
      }),
  );
  const [streams] = useState(() => new StreamManager(qc));
  return (
    <QueryClientProvider client={qc}>
      <StreamContext.Provider value={streams}>{children}</StreamContext.Provider>
    </QueryClientProvider>
  );
}
