'use client';

import { useState } from 'react';

/** "Copy as kubectl": the read-only commands that show the same thing, each with a copy button. */
export function CopyCommands({ commands, heading = 'The same with kubectl' }: { commands: string[]; heading?: string }) {
  const [copied, setCopied] = useState<string>();
  if (!commands.length) return null;
  return (
    <section className="panel kubectl" aria-label={heading}>
      <h2>{heading}</h2>
      <ul>
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
    </section>
  );
}
