/**
 * Any byte-level damage of a valid HAR (flipped, cut, inserted, repeated bytes) is read or
 * refused, never crashes: exit 0 or 2, one stderr line on 2, never a stack trace and never
 * a parser's internal message.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';

const valid = [
  readFileSync(new URL('../fixtures/har/one-error.har', import.meta.url)),
  readFileSync(new URL('../fixtures/har/playwright/recording.har', import.meta.url)),
];

type Damage = (bytes: Uint8Array) => Uint8Array;

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const at = (bytes: Uint8Array, where: number) => Math.floor(where * bytes.length);
const byte = fc.integer({ min: 0, max: 255 });

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.tuple(position, byte).map(
    ([where, value]): Damage =>
      (bytes) => {
        const copy = bytes.slice();
        copy[at(copy, where)] = value;
        return copy;
      },
  ),
  fc.tuple(position, fc.integer({ min: 1, max: 64 })).map(
    ([where, length]): Damage =>
      (bytes) => {
        const from = at(bytes, where);
        return Buffer.concat([bytes.subarray(0, from), bytes.subarray(from + length)]);
      },
  ),
  fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 16 })).map(
    ([where, inserted]): Damage =>
      (bytes) => {
        const from = at(bytes, where);
        return Buffer.concat([bytes.subarray(0, from), inserted, bytes.subarray(from)]);
      },
  ),
  position.map(
    (where): Damage =>
      (bytes) =>
        bytes.subarray(0, at(bytes, where)),
  ),
  fc.tuple(position, position).map(
    ([a, b]): Damage =>
      (bytes) => {
        const [from, to] = [at(bytes, Math.min(a, b)), at(bytes, Math.max(a, b))];
        return Buffer.concat([bytes.subarray(0, to), bytes.subarray(from)]);
      },
  ),
);

async function run(bytes: Uint8Array, format: string, chunk: number) {
  let stderr = '';
  async function* stdin() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const status = await main(['diagnose', '-', '--format', format], {
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
    },
    stdin: stdin(),
  });
  return { status, lines: stderr.split('\n').filter(Boolean) };
}

describe('damaged HARs', () => {
  it('exit 0 or 2, one line on 2, never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...valid),
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('text', 'json', 'markdown'),
        fc.integer({ min: 1, max: 4096 }),
        async (har, damages, format, chunk) => {
          const bytes = damages.reduce<Uint8Array>((damaged, apply) => apply(damaged), har);
          const { status, lines } = await run(bytes, format, chunk);
          expect([0, 2]).toContain(status);
          if (status === 2) expect(lines).toHaveLength(1);
          for (const line of lines) {
            expect(line).toMatch(/^paylens: /);
            expect(line).not.toMatch(/\bat .*:\d+:\d+|Error:/);
            // Nor a parser's internals: its states, its token names, the file's text.
            expect(line).not.toMatch(/ in state |\b(?:[A-Z]+_[A-Z_]+|STRING|NUMBER|COMMA|COLON)\b|position/);
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);
});
