// Angular 20 without zone.js (provideZonelessChangeDetection), compiled just in time.
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { describeEmbedding } from '../embedding.js';
import { describeAngularCases, describeMisspeltBinding } from './angular-cases.js';
import { mountAngular } from './app.js';

describeEmbedding(
  'Angular zoneless (CUSTOM_ELEMENTS_SCHEMA)',
  mountAngular('schema', [provideZonelessChangeDetection()]),
);
describeEmbedding(
  'Angular zoneless (prefetch-elements/angular)',
  mountAngular('directives', [provideZonelessChangeDetection()]),
);
describeAngularCases('zoneless', [provideZonelessChangeDetection()]);
describeMisspeltBinding([provideZonelessChangeDetection()]);
