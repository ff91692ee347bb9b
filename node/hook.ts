/**
 * What `node --import paylens/register` starts: each diagnosis on stderr in the CLI's text
 * format as it happens, `PAYLENS_HAR` to record provider exchanges, `PAYLENS_HEADER=1` for
 * the header bridge. Everything written is the library's redacted presentation.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { textStream } from '../lib/format/text';
import { presentWarning } from '../lib/presentation';
import { currentlyServed, report, startBridge } from './bridge';
import { loadMatcherOptions } from './config';
import { reportOnce } from './errors';
import { harRecorder } from './har-recorder';
import { setContextOf } from './observe';
import { watch } from './watch';

export interface HookIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stderr(text: string): void;
}

/** The package's own version, for the HAR's `creator`: found by its name, from source or dist/. */
const VERSION: string = createRequire(import.meta.url)('paylens/package.json').version;

/** Starts the hook; returns the function that stops it. */
export function startHook({ env, cwd, stderr }: HookIo): () => void {
  const matcher = loadMatcherOptions(env, cwd, (line) => stderr(`${line}\n`));
  const onError = reportOnce(stderr);
  let record: ReturnType<typeof harRecorder> | undefined;
  if (env.PAYLENS_HAR) {
    try {
      record = harRecorder(resolve(cwd, env.PAYLENS_HAR), VERSION);
    } catch (error) {
      onError(error);
    }
  }
  let header = env.PAYLENS_HEADER === '1';
  if (header && env.NODE_ENV === 'production') {
    header = false;
    stderr('paylens: PAYLENS_HEADER is refused when NODE_ENV=production; diagnoses stay on stderr.\n');
  }
  const stopBridge = header ? startBridge() : () => {};
  if (header) setContextOf(currentlyServed);
  const stopWatching = watch({
    matcher,
    ...(record ? { onProviderExchange: record } : {}),
    onFinding(finding, context) {
      stderr(`${textStream.item(finding, 0)}\n\n`);
      if (header) report(finding, context.value);
    },
    onWarning(warning) {
      const { text, provider } = presentWarning(warning);
      stderr(`paylens: Warning: ${text} (${provider})\n`);
    },
    onError,
  });
  return () => {
    stopWatching();
    stopBridge();
  };
}
