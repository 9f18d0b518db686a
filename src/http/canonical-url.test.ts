import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUrl, MAX_URL_LENGTH } from './canonical-url.ts';

const canonical = (target: string) => {
  const v = canonicalUrl(target);
  assert.ok(v.ok, `${target} refused`);
  return v.url;
};

describe('the canonical form of a request target', () => {
  it('decodes encoded unreserved characters, in either case of hex digit', () => {
    assert.equal(canonical('/%61pi/districts'), '/api/districts');
    assert.equal(canonical('/api/distri%63ts'), '/api/districts');
    assert.equal(canonical('/api/%6Cines/%6c'), '/api/lines/l');
  });

  it('keeps other escapes, upper-cased: an encoded slash is not a separator', () => {
    assert.equal(canonical('/api%2fdistricts'), '/api%2Fdistricts');
    assert.equal(canonical('/api/acts/caf%c3%a8'), '/api/acts/caf%C3%A8');
  });

  it('collapses doubled slashes and removes dot segments, encoded or not', () => {
    assert.equal(canonical('//api//districts'), '/api/districts');
    assert.equal(canonical('/api/x/../districts'), '/api/districts');
    assert.equal(canonical('/api/./districts'), '/api/districts');
    assert.equal(canonical('/api/x/%2e%2E/districts'), '/api/districts');
    assert.equal(canonical('/../../api/districts'), '/api/districts');
    assert.equal(canonical('/api/districts/..'), '/api/');
  });

  it('keeps letter case, a trailing slash and the query as they are', () => {
    assert.equal(canonical('/API/Districts'), '/API/Districts');
    assert.equal(canonical('/api/districts/'), '/api/districts/');
    assert.equal(canonical('/api//acts?q=a//b&x=%2e'), '/api/acts?q=a//b&x=%2e');
    assert.equal(canonical('/'), '/');
  });

  it('refuses a broken escape, an escape that is not UTF-8 and a NUL byte with 400', () => {
    for (const target of ['/api/%zz', '/api/%4', '/api/%C3', '/api/districts%00', '/api/acts?q=%00', '/api/acts?q=%']) {
      const v = canonicalUrl(target);
      assert.ok(!v.ok && v.status === 400 && v.code === 'request.bad_url', target);
    }
  });

  it('refuses a target over the maximum length with 414', () => {
    assert.ok(canonicalUrl(`/${'a'.repeat(MAX_URL_LENGTH - 1)}`).ok);
    const v = canonicalUrl(`/${'a'.repeat(MAX_URL_LENGTH)}`);
    assert.ok(!v.ok && v.status === 414);
  });
});
