#!/usr/bin/env node
// Reports import cycles in src/: between files, between top-level areas (src/<area>/...) and
// between directories; top-level files count as their own node. Exits 1 if there is any.
// Static `import`/`export ... from` statements count, `import type` included (layering is about
// who may know whom, not only load order); dynamic `import()` does not.
// Usage: node scripts/check-cycles.mjs [--runtime-only] [root=src]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const runtimeOnly = args.includes('--runtime-only');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? 'src');

function* tsFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) yield p;
  }
}

// `import ... from '...'`, `export ... from '...'`, `import '...'` (multi-line braces allowed).
const IMPORT_RE = /^[ \t]*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

const files = [...tsFiles(root)].map((f) => relative(root, f).split(sep).join('/')).sort();
const known = new Set(files);
/** file -> [{ to, line, typeOnly }] */
const edges = new Map();
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  const out = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[3];
    if (!spec.startsWith('.')) continue;
    const typeOnly = m[2] !== undefined;
    if (runtimeOnly && typeOnly) continue;
    const target = join(dirname(file), spec).split(sep).join('/').replace(/\.js$/, '.ts');
    if (!known.has(target)) continue;
    out.push({ to: target, line: text.slice(0, m.index).split('\n').length, typeOnly });
  }
  edges.set(file, out);
}

/** Strongly connected components with more than one node (Tarjan, iterative enough for our size). */
function cycles(nodes, next) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}

/** One shortest cycle through `start` inside `scc`, as a node list ending where it began. */
function oneCycle(start, scc, next) {
  const inScc = new Set(scc);
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of next(v)) {
      if (!inScc.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let p = prev.get(v); p !== null; p = prev.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const fileNext = (f) => [...new Set(edges.get(f).map((e) => e.to))];
const fileCycles = cycles(files, fileNext);
for (const scc of fileCycles) {
  const c = oneCycle(scc[0], scc, fileNext);
  console.log(`file cycle (${scc.length} files: ${scc.join(', ')})\n  e.g. ${c.join(' -> ')}`);
}

// Two folder granularities: top-level areas (`neofs/` with `neofs/proto/` inside it: crypto must
// not know neofs at all) and full directories (`cli/` vs `cli/commands/`). Top-level files
// (index.ts, errors.ts) are their own nodes, else everything would cycle through `src/`.
const areaOf = (f) => (f.includes('/') ? f.slice(0, f.indexOf('/') + 1) : f);
const dirOf = (f) => (f.includes('/') ? dirname(f) + '/' : f);
const folderCycles = [];
for (const [level, folderOf] of [['area', areaOf], ['folder', dirOf]]) {
  const folderEdges = new Map();
  for (const [from, list] of edges) {
    for (const e of list) {
      const a = folderOf(from);
      const b = folderOf(e.to);
      if (a === b) continue;
      if (!folderEdges.has(a)) folderEdges.set(a, new Map());
      const m = folderEdges.get(a);
      if (!m.has(b)) m.set(b, []);
      m.get(b).push(`${from}:${e.line} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`);
    }
  }
  const folders = [...new Set(files.map(folderOf))].sort();
  const folderNext = (d) => [...(folderEdges.get(d)?.keys() ?? [])];
  for (const scc of cycles(folders, folderNext)) {
    folderCycles.push(scc);
    const c = oneCycle(scc[0], scc, folderNext);
    console.log(`${level} cycle (${scc.join(', ')})\n  e.g. ${c.join(' -> ')}`);
    for (let i = 0; i + 1 < c.length; i++) {
      for (const why of folderEdges.get(c[i]).get(c[i + 1])) console.log(`    ${why}`);
    }
  }
}
const n = fileCycles.length + folderCycles.length;
console.log(n === 0 ? `no import cycles in ${relative(process.cwd(), root) || '.'} (${files.length} files)` : `${fileCycles.length} file cycle(s), ${folderCycles.length} area/folder cycle(s)`);
process.exit(n === 0 ? 0 : 1);
