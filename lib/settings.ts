/**
 * The user's settings, shared by the options page, the panel and the CLI's --config file,
 * validated by one schema. Validation never throws: it returns the valid parts with
 * defaults for the rest, and a problem per invalid part, so a store written by an older
 * version or corrupted is repaired without losing what was still good.
 */

import { parseHostPattern } from './hosts';
import { isObject } from './json';
import type { MatcherOptions } from './matcher';
import { providerIds } from './providers';

export const COPY_FORMATS = ['markdown', 'json'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];
export const COPY_FORMAT_NAMES: Readonly<Record<CopyFormat, string>> = { markdown: 'Markdown', json: 'JSON' };

export interface Settings {
  /** Host or `*.parent` pattern → provider id. */
  hosts: Record<string, string>;
  /** Recognise providers' errors relayed by any host, by body shape. */
  anyHost: boolean;
  /** Provider id → false to switch it off; absent means on. */
  providers: Record<string, boolean>;
  /** How many diagnoses the timeline keeps before dropping the oldest. */
  retention: number;
  copyFormat: CopyFormat;
}

/** How many diagnoses the panel keeps unless the user says otherwise. */
export const DEFAULT_RETENTION = 5_000;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  hosts: {},
  anyHost: false,
  providers: {},
  retention: DEFAULT_RETENTION,
  copyFormat: 'markdown',
});

export const RETENTION_LIMITS = { min: 100, max: 200_000 } as const;

export interface SettingsProblem {
  /** Where, as a path: `retention`, `hosts["*.com"]`, `providers.stripe`. */
  key: string;
  message: string;
}

export interface ValidatedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

const KEYS: ReadonlyArray<keyof Settings> = ['hosts', 'anyHost', 'providers', 'retention', 'copyFormat'];

function validateHosts(value: unknown, problems: SettingsProblem[]): Record<string, string> {
  if (!isObject(value)) {
    problems.push({ key: 'hosts', message: 'must be an object of host → provider id' });
    return {};
  }
  const hosts: Record<string, string> = {};
  for (const [pattern, provider] of Object.entries(value)) {
    const key = `hosts[${JSON.stringify(pattern)}]`;
    const parsed = parseHostPattern(pattern);
    if ('error' in parsed) {
      problems.push({ key, message: parsed.error });
    } else if (typeof provider !== 'string' || !providerIds.includes(provider)) {
      problems.push({
        key,
        message: `unknown provider ${JSON.stringify(provider)} (use ${providerIds.join(', ')})`,
      });
    } else {
      const normal = parsed.kind === 'exact' ? parsed.host : `*.${parsed.parent}`;
      // Object.defineProperty keeps a host named "__proto__" a plain entry.
      Object.defineProperty(hosts, normal, {
        value: provider,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return hosts;
}

function validateProviders(value: unknown, problems: SettingsProblem[]): Record<string, boolean> {
  if (!isObject(value)) {
    problems.push({ key: 'providers', message: 'must be an object of provider id → true or false' });
    return {};
  }
  const switches: Record<string, boolean> = {};
  for (const [id, on] of Object.entries(value)) {
    if (!providerIds.includes(id)) {
      problems.push({ key: `providers.${id}`, message: `unknown provider (use ${providerIds.join(', ')})` });
    } else if (typeof on !== 'boolean') {
      problems.push({ key: `providers.${id}`, message: 'must be true or false' });
    } else {
      switches[id] = on;
    }
  }
  return switches;
}

/** Validates settings of any shape; unknown keys are reported as problems. */
export function validateSettings(input: unknown): ValidatedSettings {
  const problems: SettingsProblem[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, hosts: {}, providers: {} };
  if (input === undefined || input === null) return { settings, problems };
  if (!isObject(input)) {
    return { settings, problems: [{ key: '(settings)', message: 'must be a JSON object' }] };
  }
  for (const key of Object.keys(input)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      problems.push({ key, message: `unknown setting (known: ${KEYS.join(', ')})` });
    }
  }
  if (Object.hasOwn(input, 'hosts')) settings.hosts = validateHosts(input.hosts, problems);
  if (Object.hasOwn(input, 'providers')) settings.providers = validateProviders(input.providers, problems);
  if (Object.hasOwn(input, 'anyHost')) {
    if (typeof input.anyHost === 'boolean') settings.anyHost = input.anyHost;
    else problems.push({ key: 'anyHost', message: 'must be true or false' });
  }
  if (Object.hasOwn(input, 'retention')) {
    const { retention } = input;
    const { min, max } = RETENTION_LIMITS;
    if (
      typeof retention === 'number' &&
      Number.isInteger(retention) &&
      retention >= min &&
      retention <= max
    ) {
      settings.retention = retention;
    } else {
      problems.push({ key: 'retention', message: `must be a whole number from ${min} to ${max}` });
    }
  }
  if (Object.hasOwn(input, 'copyFormat')) {
    const { copyFormat } = input;
    if (typeof copyFormat === 'string' && (COPY_FORMATS as readonly string[]).includes(copyFormat)) {
      settings.copyFormat = copyFormat as CopyFormat;
    } else {
      problems.push({ key: 'copyFormat', message: `must be one of ${COPY_FORMATS.join(', ')}` });
    }
  }
  return { settings, problems };
}

/** What the matcher needs of the settings. */
export function matcherOptionsFrom(settings: Settings): MatcherOptions {
  return {
    anyHost: settings.anyHost,
    hosts: settings.hosts,
    providers: providerIds.filter((id) => settings.providers[id] !== false),
  };
}
