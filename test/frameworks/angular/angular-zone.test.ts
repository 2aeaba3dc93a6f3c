// Angular 20 with zone.js (the default in most Angular apps), compiled just in time.
import 'zone.js';
import '@angular/compiler';
import { provideZoneChangeDetection } from '@angular/core';
import { describeEmbedding } from '../embedding.js';
import { describeAngularCases } from './angular-cases.js';
import { mountAngular } from './app.js';

describeEmbedding(
  'Angular with zone.js (CUSTOM_ELEMENTS_SCHEMA)',
  mountAngular('schema', [provideZoneChangeDetection()]),
);
describeEmbedding(
  'Angular with zone.js (prefetch-elements/angular)',
  mountAngular('directives', [provideZoneChangeDetection()]),
);
describeAngularCases('with zone.js', [provideZoneChangeDetection()]);
