import { render } from 'preact';

render(<p>PayLens</p>, document.getElementById('app') as HTMLElement);
