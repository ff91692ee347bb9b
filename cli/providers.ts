/** `paylens providers`: what the catalog holds, provider by provider. */
import { parseArgs } from 'node:util';
import { providers } from '../lib/providers';
import type { Environment } from '../lib/providers/provider';
import type { Io } from './main';

export const PROVIDERS_USAGE = `Usage: paylens providers [--format text|json]

Lists each provider's id, name, hosts, environments, documented rows and documentation.`;

const FORMATS = ['text', 'json'] as const;

/** `api.kiotapay.co/api/sandbox/v1/`, or the hosts alone when the environment has its own. */
function whereIs({ hosts, pathPrefix }: Environment): string {
  return hosts.map((host) => `${host}${pathPrefix ?? ''}`).join(', ');
}

function providersText(): string {
  return providers
    .map((provider) => {
      const lines = [`${provider.id}  ${provider.name}`, `  Hosts:        ${provider.hosts.join(', ')}`];
      for (const environment of provider.environments) {
        const label = `${environment.name.charAt(0).toUpperCase()}${environment.name.slice(1)}:`;
        lines.push(`  ${label.padEnd(13)} ${whereIs(environment)}`);
      }
      lines.push(
        `  Rows:         ${provider.rules.length} documented`,
        `  Docs:         ${provider.docsUrl}`,
      );
      return lines.join('\n');
    })
    .join('\n\n');
}

function providersJson(): string {
  const list = providers.map(({ id, name, hosts, environments, rules, docsUrl }) => ({
    id,
    name,
    hosts,
    environments,
    rows: rules.length,
    docsUrl,
  }));
  return JSON.stringify({ providers: list }, null, 2);
}

/** Runs `paylens providers` and returns its exit status: 0, or 2 for bad arguments. */
export function providersCommand(argv: string[], io: Io): number {
  let values: { format: string; help: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.stderr(
      `paylens: ${error instanceof Error ? error.message : String(error)} (see paylens providers --help)\n`,
    );
    return 2;
  }
  if (values.help) {
    io.stdout(`${PROVIDERS_USAGE}\n`);
    return 0;
  }
  if (!FORMATS.some((format) => format === values.format)) {
    io.stderr(`paylens: unknown format "${values.format}" (use ${FORMATS.join(', ')})\n`);
    return 2;
  }
  io.stdout(`${values.format === 'json' ? providersJson() : providersText()}\n`);
  return 0;
}
