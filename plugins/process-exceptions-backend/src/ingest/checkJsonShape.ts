import { InputError } from '@backstage/errors';

/** Deeper than any event we accept; stops stack-heavy hostile bodies early. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Keys that could reach an object's prototype if any code copied them.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function describe(path: string) {
  return path || 'body';
}

/**
 * Rejects what no valid request contains, before any schema looks at it:
 * deep nesting, prototype keys, NUL characters (PostgreSQL cannot store
 * them in text) and lone surrogates (not valid Unicode).
 */
export function checkJsonShape(value: unknown, path = '', depth = 0): void {
  if (depth > MAX_JSON_DEPTH) {
    throw new InputError(
      `${describe(path)}: nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  if (typeof value === 'string') {
    checkString(value, describe(path));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkJsonShape(v, `${path}[${i}]`, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        throw new InputError(`${child}: the key '${key}' is not allowed`);
      }
      checkString(key, `${describe(path)} (a key)`);
      checkJsonShape((value as Record<string, unknown>)[key], child, depth + 1);
    }
  }
}

function checkString(value: string, where: string) {
  if (value.includes('\u0000')) {
    throw new InputError(`${where}: contains a NUL character`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new InputError(
      `${where}: contains invalid Unicode (a lone surrogate)`,
    );
  }
}
