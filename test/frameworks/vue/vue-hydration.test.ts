// Vue 3: renderToString in Node (pages.server.ts), then createSSRApp in the browser.
import { createSSRApp } from 'vue';
import { describeHydration } from '../hydration.js';
import pages from './pages.server.js';
import ServerApp from './ServerApp.vue';

describeHydration('Vue 3', pages, (container, props, report) => {
  return new Promise((resolve) => {
    const app = createSSRApp(ServerApp, { ...props, onHydrated: () => resolve({ unmount: () => app.unmount() }) });
    app.config.errorHandler = (error) => report(`errorHandler: ${(error as Error).message}`);
    app.mount(container);
  });
});
