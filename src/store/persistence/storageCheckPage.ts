/**
 * storage-check.html: the same contract the in-memory provider passes in Node,
 * run against IndexedDB in a real browser, plus a value that must survive a
 * reload. Useful to a person whose saves seem to vanish, and to the e2e tests.
 */
import { runMemoryContract } from '../../engine/memory';
import { IndexedDbProvider } from './indexedDbProvider';

const root = document.getElementById('root') as HTMLElement;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}) => {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

async function contract(): Promise<void> {
  const status = root.appendChild(el('p', 'Running the contract…', { role: 'status' }));
  let n = 0;
  const stamp = Date.now().toString(36);
  const results = await runMemoryContract(
    () => new IndexedDbProvider({ dbName: `swarm-storage-check-${stamp}-${n++}` }),
  );
  const table = el('table', '', { 'aria-label': 'Contract results' });
  table.appendChild(el('tr')).append(el('th', 'case'), el('th', 'result'));
  for (const r of results)
    table.appendChild(el('tr')).append(el('td', r.name), el('td', r.ok ? 'passed' : `FAILED: ${r.error}`));
  root.appendChild(table);
  const failed = results.filter((r) => !r.ok).length;
  status.textContent = `${results.length - failed} passed, ${failed} failed`;
  for (let i = 0; i < n; i++) indexedDB.deleteDatabase(`swarm-storage-check-${stamp}-${i}`);
}

async function persistence(): Promise<void> {
  const provider = new IndexedDbProvider({ dbName: 'swarm-storage-check-persistent' });
  const shown = root.appendChild(el('p', '', { 'data-testid': 'stored-marker' }));
  const current = await provider.retrieve('check', 'marker');
  shown.textContent = `Stored marker: ${current === undefined || current === null ? '(none)' : String(current)}`;
  const label = el('label', 'Marker to store ');
  const input = label.appendChild(el('input', '', { type: 'text', name: 'marker' })) as HTMLInputElement;
  const button = el('button', 'Store marker', { type: 'button' });
  button.addEventListener('click', () => {
    void provider.store('check', 'marker', input.value).then(() => {
      shown.textContent = `Stored marker: ${input.value}`;
    });
  });
  root.append(label, button);
}

void contract().then(persistence);
