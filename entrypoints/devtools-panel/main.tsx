import { render } from 'preact';
import { createDevtoolsPorts } from '../../adapters/devtools';
import { App } from '../../components/App';
import '../../components/panel.css';

const root = document.getElementById('app') as HTMLElement;
render(<App ports={createDevtoolsPorts(window)} />, root);
// Unmounting stops the capture subscription, so the devtools page stops calling into a closed panel.
addEventListener('pagehide', () => render(null, root));
