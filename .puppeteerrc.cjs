// Puppeteer must never download a browser here: tests use Debian's Chromium and
// Firefox ESR (see web-test-runner.config.mjs). Keeping this in the project means
// a fresh `npm install` needs no environment variable.
module.exports = { skipDownload: true };
