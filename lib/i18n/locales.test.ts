import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedLanguages, negotiateLocale } from './locales';

test("the browser's languages pick the locale, best match first; the picker's cookie wins over them", () => {
  assert.equal(negotiateLocale(undefined, 'zh-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
  for (const h of ['zh', 'zh-Hans', 'zh-Hans-CN', 'zh-SG']) assert.equal(negotiateLocale(undefined, h), 'zh-CN', h);
  assert.equal(negotiateLocale(undefined, 'en-GB,en;q=0.9'), 'en');
  assert.equal(
    negotiateLocale(undefined, 'fr-FR,de;q=0.8,zh;q=0.5'),
    'zh-CN',
    'the first language we speak, in the order given',
  );
  assert.equal(negotiateLocale(undefined, 'en;q=0.1,zh;q=0.9'), 'zh-CN', 'q-values, not the order');
  assert.equal(negotiateLocale('en', 'zh-CN'), 'en');
  assert.equal(negotiateLocale('zh-CN', 'en-US'), 'zh-CN');
});

test('anything else is English: no header, unknown languages, a hostile cookie or header', () => {
  for (const h of [
    undefined,
    '',
    '*',
    'de-DE',
    'x'.repeat(100_000),
    '%%%',
    'zh;q=0',
    ';;;,,,',
    'en-US;q=abc',
    '\u0000zh',
  ])
    assert.ok(['en', 'zh-CN'].includes(negotiateLocale(undefined, h)), String(h).slice(0, 20));
  assert.equal(negotiateLocale(undefined, 'de-DE'), 'en');
  assert.equal(negotiateLocale(undefined, 'zh;q=0'), 'en', 'q=0 means not this one');
  for (const c of ['<script>', 'zh-cn ', 'EN', '../en', 'constructor', '__proto__'])
    assert.equal(negotiateLocale(c, undefined), 'en', c);
  assert.ok(acceptedLanguages('a,'.repeat(10_000)).length <= 20, 'a header is read only so far');
});
