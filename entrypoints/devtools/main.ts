import { startDevtoolsPage } from '../../adapters/devtools';

// Runs as soon as DevTools opens, long before the panel is first shown.
startDevtoolsPage().catch((error: unknown) => console.error('PayLens: could not start', error));
