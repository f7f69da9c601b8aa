'use client';

import { useState } from 'react';

/**
 * "Copy as kubectl": the read-only commands that show the same thing, each with a copy button;
 * as a panel, or folded under a summary where it rides along (a problem, a details panel).
 */
export function CopyCommands({ commands, heading = 'The same with kubectl', folded = false }: { commands: string[]; heading?: string; folded?: boolean }) {
  if (!commands.length) return null;
  if (folded)
    return (
      <details className="kubectl folded">
        <summary>kubectl</summary>
        <CommandList commands={commands} label={heading} />
      </details>
    );
  return (
    <section className="panel kubectl" aria-label={heading}>
      <h2>{heading}</h2>
      <CommandList commands={commands} label={heading} />
    </section>
  );
}

function CommandList({ commands, label }: { commands: string[]; label: string }) {
  const [copied, setCopied] = useState<string>();
  return (
    <ul aria-label={label}>
      {commands.map((c) => (
        <li key={c}>
          <code className="mono">{c}</code>{' '}
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(c).then(() => setCopied(c), () => setCopied(undefined));
            }}
            aria-label={`Copy: ${c}`}
          >
            {copied === c ? 'Copied' : 'Copy'}
          </button>
        </li>
      ))}
    </ul>
  );
}
