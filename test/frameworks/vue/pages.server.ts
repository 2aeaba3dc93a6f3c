// Run in Node when the hydration test is bundled (see ../wtr-framework-plugin.mjs): Vue renders
// each page to a string on a server, from the library's own modules, with no DOM.
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { pageIds, type PageId } from '../server-app.js';
import ServerApp from './ServerApp.vue';

const never = new Promise<string>(() => {});
const pages = await Promise.all(
  pageIds.map(async (id) => [id, await renderToString(createSSRApp(ServerApp, { id, reviews: never }))]),
);

export default Object.fromEntries(pages) as Record<PageId, string>;
