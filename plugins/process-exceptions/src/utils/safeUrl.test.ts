/* eslint-disable no-script-url -- these tests feed script URLs on purpose, to prove they never become links */
import { isHttpUrl, safeUrl } from './safeUrl';

describe('safeUrl', () => {
  it.each([
    ['https://github.com/acme/payments/pull/42'],
    ['http://incidents.example.com/INC-1'],
    ['HTTPS://EXAMPLE.COM/a'],
  ])('keeps the http(s) URL %s', value => {
    expect(safeUrl(value)).toBe(new URL(value).href);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    [' javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['/relative/path'],
    ['//evil.example.com'],
    ['not a url'],
    [''],
  ])('drops %p', value => {
    expect(safeUrl(value)).toBeUndefined();
    expect(isHttpUrl(value)).toBe(false);
  });

  it('drops values that are not strings', () => {
    expect(safeUrl(undefined)).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
    expect(safeUrl(42)).toBeUndefined();
    expect(safeUrl({ href: 'https://x' })).toBeUndefined();
  });

  it('trims surrounding whitespace', () => {
    expect(safeUrl('  https://example.com/x  ')).toBe('https://example.com/x');
  });
});
