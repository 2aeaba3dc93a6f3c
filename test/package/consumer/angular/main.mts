// The app that runs right.ts's component, compiled ahead of time by ngc and linked and bundled as
// the Angular CLI does (test/package/angular.test.mjs), without zone.js.
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { RightUses } from './right.js';

bootstrapApplication(RightUses, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => {
  document.body.dataset['bootstrapError'] = String(error);
});
