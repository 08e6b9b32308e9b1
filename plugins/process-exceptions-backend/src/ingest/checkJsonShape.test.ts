import { checkJsonShape } from './checkJsonShape';

describe('checkJsonShape', () => {
  it('accepts ordinary JSON, including SQL and HTML as text', () => {
    expect(() =>
      checkJsonShape({
        a: ["'; DROP TABLE x; --", '<b>hi</b>', 'ünïcødé 🚀'],
        b: { c: 1 },
      }),
    ).not.toThrow();
  });

  it.each([
    [
      'deep nesting',
      JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
      /nested deeper than 32 levels/,
    ],
    [
      'a __proto__ key',
      JSON.parse('{"data":{"__proto__":{"admin":true}}}'),
      /^data.__proto__: the key '__proto__' is not allowed/,
    ],
    [
      'a constructor key',
      { events: [{ constructor: 1 }] },
      /^events\[0\].constructor/,
    ],
    ['a NUL character', { id: 'a\u0000b' }, /^id: contains a NUL character/],
    ['a NUL in a key', { ['k\u0000']: 1 }, /body \(a key\): contains a NUL/],
    [
      'a lone surrogate',
      { data: { title: 'x\ud800y' } },
      /^data.title: contains invalid Unicode/,
    ],
  ])('rejects %s, naming where', (_name, value, message) => {
    expect(() => checkJsonShape(value)).toThrow(message);
  });
});
