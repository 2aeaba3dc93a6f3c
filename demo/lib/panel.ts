// The panel that makes the invisible visible: the prefetch switch, the wait after each click
// (with and without prefetching, side by side), and every API request and cache hit as it
// happens. Plain DOM, so every page (plain, React, Vue) mounts the same one.
import { formatMs, median, monitor, type Activity, type Wait } from './monitor.js';
import { isPrefetchOn, onPrefetchChange, setPrefetch } from './switch.js';

const KIND_LABELS: Record<Activity['kind'], string> = {
  request: 'fetch',
  response: 'answer',
  failure: 'failed',
  hit: 'cache hit',
  join: 'joins',
  miss: 'miss',
  prefetch: 'prefetch',
  skip: 'no prefetch',
  nav: 'click',
};

/** A small element builder: text is always text. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text = '',
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  node.append(...children);
  return node;
}

const clock = (at: number) => {
  const d = new Date(at);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};

function switchControl(): HTMLElement {
  const input = el('input');
  input.type = 'checkbox';
  input.role = 'switch';
  input.checked = isPrefetchOn();
  input.addEventListener('change', () => setPrefetch(input.checked));
  onPrefetchChange((on) => (input.checked = on));
  const label = el(
    'label',
    'switch',
    '',
    input,
    el('span', 'switch-track'),
    el('span', 'switch-text', 'Prefetch on intent'),
  );
  label.title = 'Off: hovering, focusing or touching a link preloads nothing, so you can compare';
  return label;
}

function stat(prefetch: boolean): HTMLElement {
  const value = el('strong', 'stat-value', '–');
  const note = el('span', 'stat-note', 'no clicks yet');
  const box = el(
    'div',
    `stat ${prefetch ? 'stat-on' : 'stat-off'}`,
    '',
    el('span', 'stat-label', prefetch ? 'with prefetch' : 'without prefetch'),
    value,
    note,
  );
  const update = () => {
    const waits = monitor.waits.filter((w) => w.prefetch === prefetch && w.outcome === 'content');
    if (!waits.length) return;
    value.textContent = formatMs(median(waits.map((w) => w.ms)));
    note.textContent = `median wait of ${waits.length} click${waits.length > 1 ? 's' : ''}`;
  };
  update();
  monitor.onWait(update);
  return box;
}

function waitRow(wait: Wait): HTMLElement {
  const bar = el('span', 'wait-bar');
  bar.style.width = `${Math.min(100, (wait.ms / 600) * 100)}%`;
  const frames = wait.fallbackFrames ? `${wait.fallbackFrames} frames of fallback` : 'no fallback';
  const results = { content: frames, error: 'error shown', 'gave up': 'gave up' };
  const result = results[wait.outcome];
  return el(
    'li',
    `wait ${wait.prefetch ? 'wait-on' : 'wait-off'}`,
    '',
    el('span', 'wait-path', wait.path),
    el('span', 'wait-ms', formatMs(wait.ms)),
    el('span', 'wait-track', '', bar),
    el('span', 'wait-note', `${wait.prefetch ? 'prefetch on' : 'prefetch off'} · ${result}`),
  );
}

function activityRow(item: Activity): HTMLElement {
  const text = el('span', 'log-text', '', el('span', 'log-kind', KIND_LABELS[item.kind]), ` ${item.text}`);
  return el('li', `log-${item.kind}`, '', el('time', '', clock(item.at)), text);
}

/** Adds the panel to the page (once) and keeps it up to date. */
export function mountPanel(parent: HTMLElement = document.body): HTMLElement {
  const waits = el('ol', 'wait-list');
  const log = el('ol', 'log');
  const clear = el('button', 'clear', 'Clear');
  clear.type = 'button';
  clear.addEventListener('click', () => log.replaceChildren());
  const panel = el(
    'aside',
    'panel',
    '',
    el('header', 'panel-head', '', el('h2', '', 'Under the hood'), switchControl()),
    el(
      'p',
      'panel-hint',
      'Rest the pointer on a product for a moment, then click. Then switch prefetching off and do it again.',
    ),
    el(
      'section',
      'waits',
      '',
      el('h3', '', 'Wait after each click'),
      el('div', 'stats', '', stat(true), stat(false)),
      waits,
    ),
    el('section', 'activity', '', el('h3', '', 'Requests and cache', clear), log),
  );
  panel.setAttribute('aria-label', 'What the page does');
  const addWait = (wait: Wait) => {
    waits.prepend(waitRow(wait));
    waits.children[8]?.remove();
  };
  const addActivity = (item: Activity) => {
    log.prepend(activityRow(item));
    log.children[120]?.remove();
  };
  monitor.waits.forEach(addWait);
  monitor.activity.forEach(addActivity);
  monitor.onWait(addWait);
  monitor.onActivity(addActivity);
  parent.append(panel);
  return panel;
}
