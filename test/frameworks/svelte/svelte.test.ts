import { flushSync, mount, unmount } from 'svelte';
import App from './App.svelte';
import { describeEmbedding } from '../embedding.js';

describeEmbedding('Svelte 5', (target, initial) => {
  const app = mount(App, { target, props: { initial } });
  flushSync();
  return {
    set: (patch) => flushSync(() => app.set(patch)),
    unmount: () => unmount(app),
  };
});
