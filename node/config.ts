/** The hook's settings: the `--config` file's schema, from `PAYLENS_CONFIG` or `./paylens.json`. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MatcherOptions } from '../lib/matcher';
import { matcherOptionsFrom, validateSettings } from '../lib/settings';

export const CONFIG_FILE = 'paylens.json';

/**
 * The matcher options the settings file asks for. A hook must not stop the application:
 * a file that cannot be read or holds mistakes is reported in one line, and what is valid
 * in it (else the defaults) is used.
 */
export function loadMatcherOptions(
  env: NodeJS.ProcessEnv,
  cwd: string,
  warn: (line: string) => void,
): MatcherOptions {
  const path = env.PAYLENS_CONFIG ? resolve(cwd, env.PAYLENS_CONFIG) : resolve(cwd, CONFIG_FILE);
  if (!env.PAYLENS_CONFIG && !existsSync(path)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    warn(`paylens: config ${path} not used: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
  const { settings, problems } = validateSettings(json);
  const [first, ...more] = problems;
  if (first) {
    const others = more.length > 0 ? ` (and ${more.length} more)` : '';
    warn(`paylens: config ${path}: ${first.key}: ${first.message}${others}; the rest is used`);
  }
  return matcherOptionsFrom(settings);
}
