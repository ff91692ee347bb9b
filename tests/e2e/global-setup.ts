/** Fails the suite at once, saying how to install Chromium, when there is none; builds the extension once. */
import { buildExtension, buildPackage, chromiumPath } from '../../e2e/harness';

export default function setup(): void {
  chromiumPath();
  buildExtension();
  // The shop's backend runs the hook from the built package.
  buildPackage();
}
