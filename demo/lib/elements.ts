// Defines both elements for the demo's pages.
import '../../src/index.js';
// TODO(demo): drop once src/index.ts defines <await-data> (issue 4 is landing it).
import { AwaitDataElement } from '../../src/await-data/await-data-element.js';

if (!customElements.get('await-data')) customElements.define('await-data', AwaitDataElement);
