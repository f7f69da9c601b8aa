import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../settings/rules';
import { hostOf, hostPolicy, isAllowedHost } from './hosts';

test('localhost, loopback and the machine name are allowed on any port; other names are not', () => {
  const p = hostPolicy(undefined, 'build-7.internal');
  for (const h of [
    'localhost',
    'localhost:3000',
    '127.0.0.1:3000',
    '127.8.9.10',
    '[::1]:3000',
    'app.localhost:3000',
    'build-7.internal',
    'BUILD-7:8080',
    'localhost.',
  ])
    assert.ok(isAllowedHost(h, p), h);
  for (const h of [
    'evil.example',
    'localhost.evil.example',
    'evillocalhost',
    '127.0.0.1.evil.example',
    '10.0.0.5',
    '',
    'a b',
    'user@localhost',
    '[::2]',
    null,
    'x'.repeat(400),
  ])
    assert.ok(!isAllowedHost(h, p), String(h));
});

test('ORDINAL_ALLOWED_HOSTS adds names, subdomain wildcards, addresses, or anything with *', () => {
  const p = hostPolicy(
    parseSettings({ ORDINAL_ALLOWED_HOSTS: 'ordinal.example.com, *.corp.example ,10.0.0.5' }).allowedHosts,
    'm',
  );
  assert.ok(isAllowedHost('ordinal.example.com', p));
  assert.ok(isAllowedHost('a.b.corp.example:443', p));
  assert.ok(!isAllowedHost('corp.example', p), 'the wildcard is for subdomains only');
  assert.ok(isAllowedHost('10.0.0.5:3000', p));
  assert.ok(!isAllowedHost('example.com', p));
  assert.ok(
    isAllowedHost('anything.example', hostPolicy(parseSettings({ ORDINAL_ALLOWED_HOSTS: '*' }).allowedHosts, 'm')),
  );
});

test('an unusable ORDINAL_ALLOWED_HOSTS entry is a clear setting error', () => {
  assert.throws(
    () => hostPolicy(parseSettings({ ORDINAL_ALLOWED_HOSTS: 'ok.example,http://bad/' }).allowedHosts, 'm'),
    /ORDINAL_ALLOWED_HOSTS: "http:\/\/bad\/" is not a host name/,
  );
});

test('hostOf reads names, ports and bracketed IPv6 literals', () => {
  assert.equal(hostOf('Example.COM:8080'), 'example.com');
  assert.equal(hostOf('[::1]:3000'), '::1');
  assert.equal(hostOf('host:99999999'), undefined);
  assert.equal(hostOf('a/b'), undefined);
});
