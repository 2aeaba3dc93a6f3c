// For the root `tsc` program, which does not read `.vue` files (vue-tsc checks App.vue itself:
// see test/types/vue).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<Record<string, unknown>>;
  export default component;
}
