// The embedding tests' app in Angular 20, as a standalone component compiled just in time
// (`@angular/compiler` is imported by the test file): property bindings (`[promise]`, `[query]`,
// `[args]`) set the element's properties, `(fulfilled)` listens, and the state is a signal, so the
// same component runs with zone.js and zoneless.
import {
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  inject,
  InjectionToken,
  reflectComponentType,
  signal,
  type EnvironmentProviders,
  type Provider,
  type Type,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { PrefetchElements } from '../../../src/frameworks/angular.js';
import { productHref, type AppState, type Mount, type Product } from '../embedding.js';

const template = `
  <prefetch-link delay="0" (prefetchstart)="prefetched = $event.detail.href">
    <a [href]="href(state().id)">{{ state().label }}</a>
  </prefetch-link>
  <output class="prefetched">{{ prefetched }}</output>
  <await-data
    class="by-promise"
    [promise]="state().promise"
    (fulfilled)="value = $any($event.detail.value)"
    (rejected)="error = $any($event.detail.error).message"
  >
    <p slot="fallback">Loading…</p>
    <p slot="error" class="error">{{ state().label }}: {{ error }}</p>
    <p class="value">{{ state().label }}: {{ value?.name }}</p>
  </await-data>
  <await-data class="by-query" [query]="state().query" [args]="[state().id]" (fulfilled)="queried = $any($event.detail.value)">
    <p class="value">{{ state().label }}: {{ queried?.name }}</p>
  </await-data>
`;

/** The state the test mounts the app with. */
const INITIAL_STATE = new InjectionToken<AppState>('the initial state');

/** The state and the handlers' fields, the same for each way of declaring the elements. */
abstract class EmbeddingApp {
  readonly state = signal(inject(INITIAL_STATE));
  readonly href = productHref;
  prefetched = '';
  value: Product | undefined;
  error = '';
  queried: Product | undefined;
}

/** The app with the elements known through CUSTOM_ELEMENTS_SCHEMA (no type checking of their bindings). */
@Component({ selector: 'schema-app', template, schemas: [CUSTOM_ELEMENTS_SCHEMA] })
class SchemaApp extends EmbeddingApp {}

/** The app with the typed directives of `prefetch-elements/angular` (no schema). */
@Component({ selector: 'directives-app', template, imports: [PrefetchElements] })
class DirectivesApp extends EmbeddingApp {}

/** How the component knows the two tags. */
export type Declaration = 'schema' | 'directives';
const apps: Record<Declaration, Type<EmbeddingApp>> = { schema: SchemaApp, directives: DirectivesApp };

/** Mounts the app with these providers (zone.js or zoneless change detection). */
export function mountAngular(declaration: Declaration, providers: Array<Provider | EnvironmentProviders>): Mount {
  return async (container, state) => {
    const app = apps[declaration];
    const host = container.appendChild(document.createElement(reflectComponentType(app)!.selector));
    const appRef = await bootstrapApplication(app, {
      providers: [...providers, { provide: INITIAL_STATE, useValue: state }],
    });
    const instance = appRef.components[0]!.instance as EmbeddingApp;
    return {
      set: async (patch) => {
        instance.state.update((current) => ({ ...current, ...patch }));
        await appRef.whenStable();
      },
      unmount: () => {
        appRef.destroy();
        host.remove();
      },
    };
  };
}
