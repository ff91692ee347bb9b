/** Text safe to print: what a capture or a file name holds may hold anything. */

/**
 * Control characters in provider text, or in a name from a file, could move a terminal's
 * cursor or recolour it: each is replaced, tabs and line breaks kept.
 */
export function withoutControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');
}

/** One line, without control characters. */
export function printable(text: string): string {
  return withoutControls(text).replace(/\n/g, ' ');
}
