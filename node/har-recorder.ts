/** `PAYLENS_HAR`: every provider exchange, redacted, in a HAR that is complete after each write. */
import { renameSync, writeFileSync } from 'node:fs';
import { type HarEntry, harDocument, harEntryOf } from '../lib/har-write';
import type { Exchange } from '../lib/types';

export function harRecorder(path: string, version: string): (exchange: Exchange) => void {
  const entries: HarEntry[] = [];
  const creator = { name: 'PayLens', version };
  const write = () => {
    // A reader never sees half a file: the whole document is written aside, then renamed.
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, harDocument(entries, creator));
    renameSync(partial, path);
  };
  write();
  return (exchange) => {
    entries.push(harEntryOf(exchange));
    write();
  };
}
