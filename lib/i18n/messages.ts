import type en from './messages/en.json';

/** A catalog's shape: English's. Every other catalog has the same keys (lib/i18n/catalog.test.ts). */
export type Messages = typeof en;
