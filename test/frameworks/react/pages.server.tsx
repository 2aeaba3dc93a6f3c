// Run in Node when the hydration test is bundled (see ../wtr-framework-plugin.mjs): React renders
// each page to a string on a server, from the library's own modules, with no DOM.
import { renderToString } from 'react-dom/server';
import { pageIds, type PageId } from '../server-app.js';
import { ServerApp } from './ServerApp.js';

const never = new Promise<string>(() => {});

export default Object.fromEntries(
  pageIds.map((id) => [id, renderToString(<ServerApp id={id} reviews={never} />)]),
) as Record<PageId, string>;
