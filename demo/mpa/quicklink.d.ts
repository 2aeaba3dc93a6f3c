// quicklink 3 ships no types: the one function the multi-page demo calls.
declare module 'quicklink' {
  /** Prefetches the documents of the links in view once the page is idle; returns a function that stops. */
  export function listen(options?: { el?: Element; limit?: number; prerender?: boolean }): () => void;
}
