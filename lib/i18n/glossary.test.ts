import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';
import { GLOSSARY, LATIN_IN_ZH } from './glossary';

function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else for (const [k, v] of Object.entries(node as object)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** A message's own words: its literal text, every branch of its selects and plurals, tags' contents; no argument names. */
function literal(elements: MessageFormatElement[]): string {
  return elements
    .map((el) =>
      el.type === TYPE.literal
        ? el.value
        : el.type === TYPE.tag
          ? literal(el.children)
          : el.type === TYPE.select || el.type === TYPE.plural
            ? Object.values(el.options)
                .map((o) => literal(o.value))
                .join(' ')
            : ' ',
    )
    .join('');
}

const EN = flatten(en);
const ZH = flatten(zhCN);
const words = (key: string, m: Map<string, string>) => literal(parse(m.get(key) ?? ''));
const hasWord = (text: string, term: string) => new RegExp(`(^|[^A-Za-z])${term}([^A-Za-z]|$)`).test(text);

test('the Chinese catalog never uses a rival translation the glossary rules out', () => {
  for (const term of GLOSSARY)
    for (const bad of term.avoid ?? [])
      for (const [key] of ZH)
        assert.ok(
          !words(key, ZH).includes(bad),
          `${key} says ${bad}; the glossary writes ${term.en} as ${term.zh ?? term.en}`,
        );
});

test('a kept Kubernetes term in an English message is still there in its Chinese one', () => {
  for (const term of GLOSSARY.filter((t) => t.keep))
    for (const [key] of EN)
      if (hasWord(words(key, EN), term.en))
        assert.ok(hasWord(words(key, ZH), term.en), `${key}: "${term.en}" is kept in zh-CN`);
});

test('a term with a Chinese word is never left bare in English: it reads 中文（Term）', () => {
  for (const term of GLOSSARY.filter((t) => t.zh && !t.keep && t.zh.includes(`（${t.en}）`)))
    for (const [key] of ZH) {
      const text = words(key, ZH);
      if (hasWord(text, term.en)) assert.ok(text.includes(term.zh ?? ''), `${key} says ${term.en} bare: ${term.zh}`);
    }
});

test('a Chinese message reads in Chinese: Latin letters only in the glossary kept terms and API values', () => {
  const allowed = new Set(LATIN_IN_ZH.map((w) => w.toLowerCase()));
  for (const [key] of ZH) {
    const latin = [...words(key, ZH).matchAll(/[A-Za-z][A-Za-z-]*/g)]
      .map((m) => m[0])
      .filter((w) => !allowed.has(w.toLowerCase()));
    assert.deepEqual(latin, [], `${key} has English words: ${ZH.get(key)}`);
  }
});
