import type { Listener, QuerySnapshot } from './types.js';

/** The listeners of one entry: each listener, and whether it also wants to hear `fetching` change. */
export type Listeners = Map<Listener<any>, boolean | undefined>;

/** One change of one entry, waiting to be told to the listeners it had when it happened. */
interface Notice {
  listeners: Listeners;
  /** Who to tell: the listeners subscribed when the change happened, in subscription order. */
  recipients: Array<Listener<any>>;
  snapshot: QuerySnapshot<unknown>;
  /** Whether status, value or error changed; if not, only `fetching` did. */
  isNews: boolean;
}

// One queue for the whole page: listeners may call back into the cache, and a change they cause
// while they are being told of another one waits its turn. So every listener hears every change
// once, in the order the changes happened, whatever the listeners before it did.
const queue: Notice[] = [];
let isDelivering = false;

/** Tells an entry's listeners of a change (after any change still being told). */
export function notify(listeners: Listeners, snapshot: QuerySnapshot<unknown>, isNews: boolean): void {
  queue.push({ listeners, recipients: [...listeners.keys()], snapshot, isNews });
  if (isDelivering) return; // the loop below is running further up the stack and will get to it
  isDelivering = true;
  try {
    for (let notice = queue.shift(); notice; notice = queue.shift()) deliver(notice);
  } finally {
    isDelivering = false;
  }
}

function deliver({ listeners, recipients, snapshot, isNews }: Notice): void {
  for (const listener of recipients) {
    // A listener that unsubscribed meanwhile hears nothing more.
    if (!listeners.has(listener)) continue;
    if (!isNews && !listeners.get(listener)) continue;
    try {
      listener(snapshot);
    } catch (error) {
      // One broken listener must not starve the others, nor leave a read unresolved; its error
      // is still reported, as an unhandled rejection (in a browser and in Node alike).
      void Promise.reject(error);
    }
  }
}
