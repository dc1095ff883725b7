/**
 * Top self-time functions (and, with `--lines`, source lines) of a V8 .cpuprofile from
 * `node --cpu-prof`: `npx tsx bench/profileTop.ts FILE.cpuprofile [count] [--lines] [--callers=NAME]`
 * (`--callers`: which functions called NAME, by NAME's self time under them).
 * Profile a bundle (see bench/profile.ts) so that line numbers point into readable code.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  positionTicks?: { line: number; ticks: number }[];
}

const args = process.argv.slice(2);
const lines = args.includes('--lines');
const callersOf = args.find((a) => a.startsWith('--callers='))?.slice('--callers='.length);
const [file, countArg] = args.filter((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: profileTop.ts FILE.cpuprofile [count] [--lines]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const hits = new Map<number, number>();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const totals = new Map<string, number>();
const add = (key: string, n: number) => totals.set(key, (totals.get(key) ?? 0) + n);
const parent = new Map<number, ProfileNode>();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node);
/** Self time plus the time of callees, of every node. */
const inclusive = new Map<number, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const total_ = (id: number): number => {
  const known = inclusive.get(id);
  if (known !== undefined) return known;
  const node = byId.get(id) as ProfileNode;
  const sum = (hits.get(id) ?? 0) + (node.children ?? []).reduce((s, c) => s + total_(c), 0);
  inclusive.set(id, sum);
  return sum;
};
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  if (callersOf !== undefined) {
    const p = parent.get(node.id);
    if (functionName === callersOf && p)
      add(`${p.callFrame.functionName || '(anonymous)'}:${p.callFrame.lineNumber + 1}`, total_(node.id));
    continue;
  }
  const where = url.split('/').slice(-2).join('/');
  if (!lines) add(`${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`, hits.get(node.id) ?? 0);
  else for (const p of node.positionTicks ?? []) add(`${where}:${p.line} (${functionName || 'anonymous'})`, p.ticks);
}
const total = profile.samples.length;
const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 25));
for (const [name, n] of top) console.log(`${((100 * n) / total).toFixed(1).padStart(5)} %  ${name}`);
