import { main } from '../../cli/main';

/** Runs the CLI in-process as a shell would: arguments, standard input, both outputs collected. */
export async function runCli(argv: string[], stdin: ReadonlyArray<Uint8Array | string> = []) {
  let stdout = '';
  let stderr = '';
  async function* input() {
    yield* stdin;
  }
  const status = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: input(),
  });
  return { status, stdout, stderr };
}
