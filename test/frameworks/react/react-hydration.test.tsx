// React 19: renderToString in Node (pages.server.tsx), then hydrateRoot in the browser.
import { hydrateRoot } from 'react-dom/client';
import { describeHydration } from '../hydration.js';
import pages from './pages.server.js';
import { ServerApp } from './ServerApp.js';

describeHydration('React 19', pages, (container, props, report) => {
  return new Promise((resolve) => {
    const onHydrated = () => resolve({ unmount: () => root.unmount() });
    const root = hydrateRoot(container, <ServerApp {...props} onHydrated={onHydrated} />, {
      onRecoverableError: (error) => report(`onRecoverableError: ${(error as Error).message}`),
      onCaughtError: (error) => report(`onCaughtError: ${(error as Error).message}`),
      onUncaughtError: (error) => report(`onUncaughtError: ${(error as Error).message}`),
    });
  });
});
