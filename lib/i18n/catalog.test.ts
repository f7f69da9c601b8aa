import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { FINDING_CODES, paramsOf, type FindingCode } from '@/lib/wire/findings';
import { LOCALE_LIST, type Locale } from './locales';
import { CATALOGS } from './catalogs';
import { ABSENT } from './values';

/** The catalogs as they are on disk, untyped: the check is of what a translator wrote. */

function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof node === 'string') out.set(prefix, node);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else throw new Error(`${prefix}: not a message or a group`);
  return out;
}

const FLAT = Object.fromEntries(LOCALE_LIST.map((l) => [l, flatten(CATALOGS[l])])) as Record<
  Locale,
  Map<string, string>
>;

/** Every argument a message takes (by name), its tags (`<link>`), and the options each select offers. */
function argsOf(
  elements: MessageFormatElement[],
  out = {
    args: new Set<string>(),
    plain: new Set<string>(),
    tags: new Set<string>(),
    selects: new Map<string, Set<string>>(),
  },
) {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      out.args.add(el.value);
    if (el.type === TYPE.argument) out.plain.add(el.value);
    if (el.type === TYPE.tag) {
      out.tags.add(el.value);
      argsOf(el.children, out);
    }
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      out.args.add(el.value);
      if (el.type === TYPE.select)
        out.selects.set(el.value, new Set([...(out.selects.get(el.value) ?? []), ...Object.keys(el.options)]));
      for (const o of Object.values(el.options)) argsOf(o.value, out);
    }
  }
  return out;
}

const parsed = (locale: Locale, key: string) => argsOf(parse(FLAT[locale].get(key) ?? ''));

test('every catalog has exactly the keys English has', () => {
  const keys = [...FLAT.en.keys()];
  for (const locale of LOCALE_LIST) {
    const missing = keys.filter((k) => !FLAT[locale].has(k));
    const extra = [...FLAT[locale].keys()].filter((k) => !FLAT.en.has(k));
    assert.deepEqual(missing, [], `${locale} lacks these keys`);
    assert.deepEqual(extra, [], `${locale} has keys English does not`);
  }
});

test('every message is valid ICU, and takes the same parameters and tags in every locale', () => {
  for (const [key] of FLAT.en) {
    const ref = parsed('en', key);
    for (const locale of LOCALE_LIST) {
      let got: ReturnType<typeof argsOf>;
      try {
        got = parsed(locale, key);
      } catch (e) {
        assert.fail(`${locale} ${key}: not ICU: ${(e as Error).message}`);
      }
      assert.deepEqual([...got.args].sort(), [...ref.args].sort(), `${locale} ${key}: parameters differ from English`);
      assert.deepEqual([...got.tags].sort(), [...ref.tags].sort(), `${locale} ${key}: tags differ from English`);
      for (const [arg, options] of ref.selects)
        assert.deepEqual(
          [...(got.selects.get(arg) ?? [])].sort(),
          [...options].sort(),
          `${locale} ${key}: ${arg}'s choices differ`,
        );
    }
  }
});

test('every finding code has a message in every locale, using only its declared parameters, absent ones chosen on', () => {
  for (const code of Object.keys(FINDING_CODES) as FindingCode[]) {
    const declared = paramsOf(code).map((p) => p.replace(/\?$/, ''));
    const optional = paramsOf(code)
      .filter((p) => p.endsWith('?'))
      .map((p) => p.slice(0, -1));
    for (const locale of LOCALE_LIST) {
      const key = `findings.${code}`;
      assert.ok(FLAT[locale].has(key), `${locale} has no message for ${code}`);
      const { args, plain, selects } = parsed(locale, key);
      for (const a of args)
        assert.ok(
          declared.includes(a),
          `${locale} ${code}: ${a} is not one of its parameters (${declared.join(', ')})`,
        );
      // An optional parameter the wire may omit is chosen on; one whose value is shown, with a case for its absence.
      for (const o of optional.filter((p) => args.has(p))) {
        assert.ok(selects.has(o), `${locale} ${code}: ${o} may be absent, so the message chooses on it`);
        if (plain.has(o))
          assert.ok(selects.get(o)?.has(ABSENT), `${locale} ${code}: ${o} is shown, so it has an "${ABSENT}" case`);
      }
    }
  }
});

test('a check that fails: a renamed parameter or a missing key is caught', () => {
  const bad = argsOf(parse('序号 {ordinl} 未就绪'));
  assert.notDeepEqual([...bad.args], [...parsed('en', 'findings.ordinal.noPodYet').args]);
  assert.throws(() => parse('{count, plural, one {# pod}'));
});
