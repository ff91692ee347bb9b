/** An error inside PayLens must not reach the application: it is said once, and capture goes on. */
export function reportOnce(write: (line: string) => void): (error: unknown) => void {
  let reported = false;
  return (error) => {
    if (reported) return;
    reported = true;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    write(`paylens: an error inside PayLens was caught, capture goes on (reported once): ${message}\n`);
  };
}
