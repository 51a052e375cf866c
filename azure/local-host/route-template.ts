export interface CompiledRoute {
  /** The full template, routePrefix included, as the host prints it. */
  readonly template: string;
  /** Per-segment precedence (lower wins): literal 0, parameter 1, optional 2, catch-all 3. */
  readonly rank: number[];
  /** The route values when `pathname` matches, else undefined. */
  match(pathname: string): Record<string, string> | undefined;
}

const PARAMETER = /^\{(\*{0,2})([A-Za-z_]\w*)(\??)\}$/;
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // malformed escapes stay as sent; the app still sees the raw URL
  }
}

/**
 * Compiles a route template the way the Functions host reads it (ASP.NET routing, case-insensitive):
 * literal segments, `{name}`, a trailing optional `{name?}` and a trailing catch-all `{*name}`.
 * Constraints (`{id:int}`), defaults and mixed segments are refused rather than half-supported.
 */
export function compileRoute(routePrefix: string, route: string): CompiledRoute {
  const template = [routePrefix, route]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  const names: string[] = [];
  const rank: number[] = [];
  let pattern = '';
  const segments = template === '' ? [] : template.split('/');
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (!segment.includes('{') && !segment.includes('}')) {
      pattern += `/${literal(segment)}`;
      rank.push(0);
      return;
    }
    const parameter = PARAMETER.exec(segment);
    const [, star = '', name = '', optional = ''] = parameter ?? [];
    if (!parameter || (star && optional) || ((star || optional) && !last))
      throw new Error(`route "${template}": the local host does not support the segment "${segment}"`);
    names.push(name);
    if (star) {
      pattern += '(?:/(.*?))?';
      rank.push(3);
    } else if (optional) {
      pattern += '(?:/([^/]+))?';
      rank.push(2);
    } else {
      pattern += '/([^/]+)';
      rank.push(1);
    }
  });
  const regex = new RegExp(`^${pattern}/?$`, 'i');
  return {
    template,
    rank,
    match(pathname) {
      const found = regex.exec(pathname);
      if (!found) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, decode(found[i + 1] ?? '')]));
    },
  };
}

/** Orders routes the way routing tries them: more specific segments first. */
export function byPrecedence(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const difference = (a.rank[i] ?? -1) - (b.rank[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}
