import type { ReactNode } from 'react';

export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status">Loading {what}…</p>;
}

export function ErrorPanel({ error, title = 'Cannot load this view.' }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-panel" role="alert" data-error="api">
      <strong>{title}</strong> <code>{message}</code>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}
