// What is Angular's own, beyond the shared embedding cases: how often a handler runs when a
// directive declares the output too, an already-settled promise with a `(pending)` listener
// (with zone.js, such a listener once left the element pending for good: issue 9, bug 14), and
// what becomes of a misspelt binding.
import {
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  inject,
  InjectionToken,
  reflectComponentType,
  type EnvironmentProviders,
  type Provider,
  type Type,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { expect, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import type { AwaitDataElement } from '../../../src/await-data/index.js';
import { defer } from '../../../src/index.js';
import { PrefetchElements } from '../../../src/frameworks/angular.js';

const template = `
  <await-data [promise]="promise" (pending)="pendingEvents = pendingEvents + 1" (fulfilled)="fulfilled.push($event)">
    <p slot="fallback">Loading…</p>
    <p class="value">{{ fulfilled.length }} × {{ $any(fulfilled[0]?.detail?.value)?.name }}</p>
  </await-data>
`;

const PROMISE = new InjectionToken<PromiseLike<unknown>>('the promise');

abstract class ListeningApp {
  readonly promise = inject(PROMISE);
  pendingEvents = 0;
  fulfilled: CustomEvent[] = [];
}

@Component({ selector: 'listening-schema-app', template, schemas: [CUSTOM_ELEMENTS_SCHEMA] })
class SchemaApp extends ListeningApp {}

@Component({ selector: 'listening-directives-app', template, imports: [PrefetchElements] })
class DirectivesApp extends ListeningApp {}

const apps: Array<{ declaration: string; app: Type<ListeningApp> }> = [
  { declaration: 'CUSTOM_ELEMENTS_SCHEMA', app: SchemaApp },
  { declaration: 'prefetch-elements/angular', app: DirectivesApp },
];

export function describeAngularCases(mode: string, providers: Array<Provider | EnvironmentProviders>) {
  for (const { declaration, app } of apps) {
    describe(`<await-data> in Angular ${mode} (${declaration})`, () => {
      let host: HTMLElement;
      let destroy: () => void;

      const bootstrap = async (promise: PromiseLike<unknown>) => {
        host = document.body.appendChild(document.createElement(reflectComponentType(app)!.selector));
        const appRef = await bootstrapApplication(app, {
          providers: [...providers, { provide: PROMISE, useValue: promise }],
        });
        destroy = () => appRef.destroy();
        const instance = appRef.components[0]!.instance as ListeningApp;
        return { instance, el: host.querySelector<AwaitDataElement>('await-data')! };
      };

      afterEach(() => {
        destroy();
        host.remove();
      });

      it('shows an already-settled promise at once, with a (pending) listener in the template', async () => {
        const { el } = await bootstrap(defer(Promise.resolve({ name: 'Widget' })));
        await waitUntil(() => el.status === 'fulfilled', 'the element leaves pending');
        expect(el.getAttribute('aria-busy')).to.be.null;
        await waitUntil(() => el.querySelector('.value')!.textContent!.trim() === '1 × Widget');
        expect(el.querySelector('[slot=fallback]')!.checkVisibility()).to.be.false;
      });

      it('runs a (fulfilled) handler once per event, with the element’s own event as $event', async () => {
        let settle!: (value: unknown) => void;
        const { instance, el } = await bootstrap(new Promise((resolve) => (settle = resolve)));
        await waitUntil(() => el.status === 'pending');
        settle({ name: 'Gadget' });
        await waitUntil(() => el.querySelector('.value')!.textContent!.trim() === '1 × Gadget');
        expect(instance.fulfilled).to.have.length(1);
        expect(instance.fulfilled[0]!.target).to.equal(el);
        expect(instance.pendingEvents).to.equal(1);
      });
    });
  }
}

@Component({
  selector: 'misspelt-directives-app',
  template: '<await-data [promis]="promise"></await-data>',
  imports: [PrefetchElements],
})
class MisspeltWithDirectives {
  readonly promise = Promise.resolve(1);
}

@Component({
  selector: 'misspelt-schema-app',
  template: '<await-data [promis]="promise"></await-data>',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
})
class MisspeltWithSchema {
  readonly promise = Promise.resolve(1);
}

/**
 * A binding no directive input claims goes to the element, and Angular checks it against the
 * element: at compile time against its DOM schema (NG8002, which `CUSTOM_ELEMENTS_SCHEMA` turns
 * off for tags with a hyphen), just in time against the element itself (NG0303, the same rule).
 */
export function describeMisspeltBinding(providers: Array<Provider | EnvironmentProviders>) {
  describe('a misspelt input in an Angular template', () => {
    const render = async (app: Type<unknown>) => {
      const errors: string[] = [];
      const stub = sinon.stub(console, 'error').callsFake((...args: unknown[]) => errors.push(args.join(' ')));
      const host = document.body.appendChild(document.createElement(reflectComponentType(app)!.selector));
      try {
        const appRef = await bootstrapApplication(app, { providers });
        appRef.destroy();
      } finally {
        stub.restore();
        host.remove();
      }
      return errors;
    };

    it('is reported with the directives of prefetch-elements/angular', async () => {
      const errors = await render(MisspeltWithDirectives);
      expect(errors.join('\n')).to.match(
        /NG0303: Can't bind to 'promis' since it isn't a known property of 'await-data'/,
      );
    });

    it('passes unseen with CUSTOM_ELEMENTS_SCHEMA', async () => {
      const errors = await render(MisspeltWithSchema);
      expect(errors.join('\n')).to.equal('');
    });
  });
}
