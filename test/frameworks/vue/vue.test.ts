import { createApp, nextTick, shallowReactive } from 'vue';
import App from './App.vue';
import { describeEmbedding } from '../embedding.js';

describeEmbedding('Vue 3', (container, initial) => {
  const state = shallowReactive({ ...initial });
  const app = createApp(App, { state });
  app.mount(container);
  return {
    set: async (patch) => {
      Object.assign(state, patch);
      await nextTick();
    },
    unmount: () => app.unmount(),
  };
});
