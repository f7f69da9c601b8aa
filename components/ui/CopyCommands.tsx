'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/**
 * "Copy as kubectl": the read-only commands that show the same thing, each with a copy button;
 * as a panel, or folded under a summary where it rides along (a problem, a details panel).
 */
export function CopyCommands({
  commands,
  heading,
  folded = false,
}: {
  commands: string[];
  heading?: string;
  folded?: boolean;
}) {
  const t = useTranslations('kubectl');
  const label = heading ?? t('heading');
  if (!commands.length) return null;
  if (folded)
    return (
      <details className="kubectl folded">
        <summary>kubectl</summary>
        <CommandList commands={commands} label={label} />
      </details>
    );
  return (
    <section className="panel kubectl" aria-label={label}>
      <h2>{label}</h2>
      <CommandList commands={commands} label={label} />
    </section>
  );
}

function CommandList({ commands, label }: { commands: string[]; label: string }) {
  const [copied, setCopied] = useState<string>();
  const t = useTranslations('kubectl');
  return (
    <ul aria-label={label}>
      {commands.map((c) => (
        <li key={c}>
          <code className="mono">{c}</code>{' '}
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(c).then(
                () => setCopied(c),
                () => setCopied(undefined),
              );
            }}
            aria-label={t('copyLabel', { command: c })}
          >
            {copied === c ? t('copied') : t('copy')}
          </button>
        </li>
      ))}
    </ul>
  );
}
