import { render } from 'preact';
import browser from 'webextension-polyfill';
import { createSettingsStore } from '../../adapters/settings-store';
import { OptionsPage } from '../../components/options/OptionsPage';
import '../../components/panel.css';
import '../../components/options/options.css';

// Outside DevTools there is no DevTools theme: the page follows the system's colour scheme.
const darkScheme = matchMedia('(prefers-color-scheme: dark)');
const followScheme = () => {
  document.documentElement.dataset.theme = darkScheme.matches ? 'dark' : 'light';
};
followScheme();
darkScheme.addEventListener('change', followScheme);

render(
  <OptionsPage store={createSettingsStore(browser.storage)} />,
  document.getElementById('app') as HTMLElement,
);
