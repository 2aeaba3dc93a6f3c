// The plain-HTML single-page app: a tiny router, three views and the panel.
import '../src/index.js'; // defines <prefetch-link> and <await-data>
import { registerCataloguePreloads } from './lib/catalogue.js';
import { mountPanel } from './lib/panel.js';
import { startRouter } from './lib/router.js';
import { measureNavigations } from './lib/timing.js';
import { flakyView, homeView, notFoundView, productView } from './views.js';

registerCataloguePreloads('');
measureNavigations();
mountPanel(document.querySelector<HTMLElement>('.layout') ?? document.body);

const main = document.querySelector('main')!;
const routes: Array<[RegExp, (id: string) => HTMLElement]> = [
  [/^\/$/, homeView],
  [/^\/products\/([^/]+)$/, productView],
  [/^\/flaky\/([^/]+)$/, flakyView],
];

startRouter({
  render(url) {
    const route = routes.find(([pattern]) => pattern.test(url.pathname));
    // /react and /vue are pages of their own: the browser loads them.
    if (!route && /^\/(react|vue)(\/|$)/.test(url.pathname)) return false;
    const id = route ? decodeURIComponent(url.pathname.match(route[0])![1] ?? '') : '';
    main.replaceChildren(route ? route[1](id) : notFoundView());
    document.title = `${route ? 'Catalogue' : 'Not found'} · prefetch-elements demo`;
    return true;
  },
});
