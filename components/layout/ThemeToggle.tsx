'use client';

import { useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';

type Theme = 'light' | 'dark' | 'system';
const KEY = 'ordinal-theme';
const EVENT = 'ordinal-theme';

function read(): Theme {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

function subscribe(fn: () => void): () => void {
  window.addEventListener(EVENT, fn);
  window.addEventListener('storage', fn);
  return () => {
    window.removeEventListener(EVENT, fn);
    window.removeEventListener('storage', fn);
  };
}

/** Applied before first paint by the inline script in the root layout; this button changes it. */
export const THEME_SCRIPT = `try{var t=localStorage.getItem('${KEY}');if(t==='light'||t==='dark')document.documentElement.setAttribute('data-theme',t)}catch(e){}`;

/** Light, dark, or the system's choice; remembered in localStorage. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, read, () => 'system' as Theme);
  const t = useTranslations('header');
  const next: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
  const choose = (t: Theme) => {
    if (t === 'system') {
      localStorage.removeItem(KEY);
      document.documentElement.removeAttribute('data-theme');
    } else {
      localStorage.setItem(KEY, t);
      document.documentElement.setAttribute('data-theme', t);
    }
    window.dispatchEvent(new Event(EVENT));
  };
  return (
    <button
      type="button"
      className="ghost"
      onClick={() => choose(next[theme])}
      aria-label={t('theme', { theme: t(`themeName.${theme}`), next: t(`themeName.${next[theme]}`) })}
    >
      {t(`themeButton.${theme}`)}
    </button>
  );
}
