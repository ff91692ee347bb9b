chrome.devtools.panels.create('PayLens', '', '/devtools-panel.html');
