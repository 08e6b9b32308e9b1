/** Whether an environment name is one of a policy's environments. */
export type EnvironmentMatcher = (environment: string) => boolean;

const REGEX = /^\/(.+)\/$/s;
const GLOB = /[*?]/;

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Why `pattern` is not one, or undefined when it is. */
export function patternProblem(pattern: string): string | undefined {
  const regex = REGEX.exec(pattern);
  if (!regex) return undefined;
  try {
    RegExp(regex[1], 'iu');
    return undefined;
  } catch (error) {
    return `'${pattern}' is not a regular expression: ${
      (error as Error).message
    }`;
  }
}

function compile(pattern: string): EnvironmentMatcher {
  const regex = REGEX.exec(pattern);
  if (regex) {
    const re = new RegExp(regex[1], 'iu');
    return environment => re.test(environment);
  }
  if (GLOB.test(pattern)) {
    const source = pattern
      .split('')
      .map(c => {
        if (c === '*') return '.*';
        if (c === '?') return '.';
        return c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
      })
      .join('');
    const re = new RegExp(`^${source}$`, 'isu');
    return environment => re.test(environment);
  }
  const name = lower(pattern);
  return environment => lower(environment) === name;
}

const compiled = new Map<string, EnvironmentMatcher>();

/**
 * The matcher of a policy's environment patterns: exact names, globs
 * (`prod-*`, `eu-?`: the whole name) and regular expressions (`/…/`:
 * anywhere in the name unless anchored), all case-insensitive.
 */
export function environmentMatcher(
  patterns: readonly string[],
): EnvironmentMatcher {
  const key = patterns.join('\u0000');
  let matcher = compiled.get(key);
  if (!matcher) {
    const each = patterns.map(compile);
    matcher = environment => each.some(m => m(environment));
    compiled.set(key, matcher);
  }
  return matcher;
}
