import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettingError } from '../settings';
import { metricsHost } from './metrics';

test('/metrics listens on loopback unless told otherwise; a host that is no address is a setting error', () => {
  assert.equal(metricsHost({}), '127.0.0.1');
  assert.equal(metricsHost({ ORDINAL_METRICS_HOST: '0.0.0.0' }), '0.0.0.0');
  assert.equal(metricsHost({ ORDINAL_METRICS_HOST: '::' }), '::');
  assert.throws(() => metricsHost({ ORDINAL_METRICS_HOST: 'example.com' }), SettingError);
});
