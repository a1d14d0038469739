/**
 * What a V8 heap snapshot holds, by category: self sizes summed per constructor, or per property shape for plain
 * objects (`{end,start}`; an object whose fields are all small integers shows none, and is named by the property that
 * holds it: a span is `{} as .span`), with each object's own backing stores (property and element arrays, a Map's
 * hash table) counted with it; strings by kind (flat, cons, sliced: with the size of the parents sliced strings keep
 * alive) and the copies of the same short string; arrays' unused capacity; the largest retained sizes (dominator
 * tree; a weak map's entry is held by its key only) and, per top category, who holds it. Sizes are V8's self sizes
 * (Node runs without pointer compression: 8 bytes a field).
 *
 *   node --import tsx bench/heap-breakdown.ts SNAPSHOT [--base BASE_SNAPSHOT] [--per N] [--top K] [--json] [--paths CATEGORY]
 *
 * SNAPSHOT: a .heapsnapshot (BENCH_HEAP_SNAPSHOT=/tmp/x with bench/server-case.js writes /tmp/x-open.heapsnapshot,
 * -edited, -spread, -closed and -empty). --base: subtract a snapshot's categories (the server before the file was
 * opened, `-empty`), so that what remains is what the file costs. --per N: also bytes per resource (N resources).
 * --top K: rows shown (default 30). --json: one JSON object instead of tables. --paths CATEGORY: instead, the shortest
 * retaining paths from the root to three objects of that category (e.g. '{block,key,keySpan,value}').
 *
 * Example: the 10,000-resource Terraform file, open and closed, per resource:
 *   BENCH_HEAP_SNAPSHOT=/tmp/tf node bench/out/server-case.js tf 10000
 *   node --import tsx bench/heap-breakdown.ts /tmp/tf-open.heapsnapshot --base /tmp/tf-empty.heapsnapshot --per 10000
 */
import * as fs from 'fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] }; node_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Graph {
  readonly count: number;
  readonly type: Uint8Array;
  readonly name: Uint32Array;
  readonly size: Float64Array;
  /** Edges of node i: firstEdge[i] .. firstEdge[i + 1]. */
  readonly firstEdge: Uint32Array;
  readonly edgeType: Uint8Array;
  readonly edgeName: Uint32Array;
  readonly edgeTo: Uint32Array;
  readonly strings: string[];
  readonly nodeTypes: string[];
  readonly edgeTypes: string[];
}

function load(file: string): Graph {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const m = s.snapshot.meta;
  const nf = m.node_fields.length;
  const ef = m.edge_fields.length;
  const [T, N, SZ, EC] = ['type', 'name', 'self_size', 'edge_count'].map((k) => m.node_fields.indexOf(k));
  const [ET, EN, TO] = ['type', 'name_or_index', 'to_node'].map((k) => m.edge_fields.indexOf(k));
  const count = s.nodes.length / nf;
  const type = new Uint8Array(count);
  const name = new Uint32Array(count);
  const size = new Float64Array(count);
  const firstEdge = new Uint32Array(count + 1);
  let e = 0;
  for (let i = 0; i < count; i++) {
    type[i] = s.nodes[i * nf + T];
    name[i] = s.nodes[i * nf + N];
    size[i] = s.nodes[i * nf + SZ];
    firstEdge[i] = e;
    e += s.nodes[i * nf + EC];
  }
  firstEdge[count] = e;
  const edgeType = new Uint8Array(e);
  const edgeName = new Uint32Array(e);
  const edgeTo = new Uint32Array(e);
  for (let k = 0; k < e; k++) {
    edgeType[k] = s.edges[k * ef + ET];
    edgeName[k] = s.edges[k * ef + EN];
    edgeTo[k] = s.edges[k * ef + TO] / nf;
  }
  return { count, type, name, size, firstEdge, edgeType, edgeName, edgeTo, strings: s.strings, nodeTypes: m.node_types[0], edgeTypes: m.edge_types[0] };
}

/** Each node's category, and the object whose backing store it is (its property / element array, a Map's table). */
function categorize(g: Graph): { category: string[]; owner: Int32Array } {
  const category = new Array<string>(g.count);
  const owner = new Int32Array(g.count).fill(-1);
  const PROP = g.edgeTypes.indexOf('property');
  const ELEM = g.edgeTypes.indexOf('element');
  const INTERNAL = g.edgeTypes.indexOf('internal');
  const HIDDEN = g.edgeTypes.indexOf('hidden');
  for (let i = 0; i < g.count; i++) {
    const t = g.nodeTypes[g.type[i]];
    const n = g.strings[g.name[i]];
    if (t === 'object' && (n === 'Object' || n === 'Array')) {
      if (n === 'Array') {
        category[i] = 'Array';
        continue;
      }
      // A plain object: by the names of its properties (at most 8 shown).
      const keys: string[] = [];
      for (let k = g.firstEdge[i]; k < g.firstEdge[i + 1]; k++) {
        if (g.edgeType[k] !== PROP) continue;
        const key = g.strings[g.edgeName[k]];
        if (key === '__proto__' || key === 'map') continue;
        keys.push(key);
      }
      keys.sort();
      category[i] = `{${keys.slice(0, 8).join(',')}${keys.length > 8 ? ',…' : ''}}`;
    } else if (t === 'object') category[i] = n;
    else if (t === 'closure') category[i] = `closure ${n || '(anonymous)'}`;
    else if (t === 'string') category[i] = 'string';
    else if (t === 'concatenated string') category[i] = 'string (cons)';
    else if (t === 'sliced string') category[i] = 'string (sliced)';
    else if (t === 'number') category[i] = 'heap number';
    else if (t === 'code') category[i] = '(code)';
    else if (t === 'hidden' || t === 'array' || t === 'object shape') category[i] = `(${t}) ${n.replace(/\d+/g, '#')}`;
    else category[i] = `(${t}) ${n}`;
    void ELEM;
  }
  // Objects whose fields are all small integers show no property (a span `{start, end}` is `{}`): named by the edge
  // that first holds them (`{} as .keySpan`); arrays the same way (`Array as .entries`).
  const WEAK = g.edgeTypes.indexOf('weak');
  const named = new Uint8Array(g.count);
  for (let v = 0; v < g.count; v++) {
    for (let k = g.firstEdge[v]; k < g.firstEdge[v + 1]; k++) {
      const w = g.edgeTo[k];
      if (named[w] || g.edgeType[k] === WEAK || (category[w] !== '{}' && category[w] !== 'Array')) continue;
      const et = g.edgeTypes[g.edgeType[k]];
      if (et !== 'property' && et !== 'element') continue;
      named[w] = 1;
      category[w] = `${category[w]} as ${et === 'element' ? '[element]' : `.${g.strings[g.edgeName[k]]}`}`;
    }
  }
  // Backing stores: an object's `elements` / `properties`, a Map's or Set's `table`, an Array's elements.
  for (let i = 0; i < g.count; i++) {
    if (g.nodeTypes[g.type[i]] !== 'object') continue;
    for (let k = g.firstEdge[i]; k < g.firstEdge[i + 1]; k++) {
      const et = g.edgeType[k];
      if (et !== INTERNAL && et !== HIDDEN) continue;
      const en = g.strings[g.edgeName[k]];
      if (en !== 'elements' && en !== 'properties' && en !== 'table') continue;
      const to = g.edgeTo[k];
      const tt = g.nodeTypes[g.type[to]];
      if ((tt === 'array' || tt === 'hidden') && owner[to] === -1) owner[to] = i;
    }
  }
  return { category, owner };
}

/**
 * A weak map's entry as its table holds it. V8 writes each entry twice, from the table and from the key (both named
 * "part of key (...) -> value (...) pair in WeakMap"): the value lives while the key does, so only the key's counts.
 */
function tableEphemeron(g: Graph, from: number, k: number): boolean {
  const t = g.nodeTypes[g.type[from]];
  return (t === 'array' || t === 'hidden') && g.edgeTypes[g.edgeType[k]] !== 'element' && (g.strings[g.edgeName[k]]?.includes?.('part of key') ?? false);
}

/** Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm over a reverse post-order; weak edges ignored). */
function dominators(g: Graph): { idom: Int32Array; retained: Float64Array } {
  const WEAK = g.edgeTypes.indexOf('weak');
  const SHORTCUT = g.edgeTypes.indexOf('shortcut');
  const n = g.count;
  // Post-order by an iterative DFS from the root (node 0).
  const order = new Int32Array(n).fill(-1);
  const post: number[] = [];
  const stackNode: number[] = [0];
  const stackEdge: number[] = [g.firstEdge[0]];
  const visited = new Uint8Array(n);
  visited[0] = 1;
  while (stackNode.length > 0) {
    const top = stackNode.length - 1;
    const v = stackNode[top];
    const k = stackEdge[top];
    if (k < g.firstEdge[v + 1]) {
      stackEdge[top] = k + 1;
      if (g.edgeType[k] === WEAK || g.edgeType[k] === SHORTCUT || tableEphemeron(g, v, k)) continue;
      const w = g.edgeTo[k];
      if (!visited[w]) {
        visited[w] = 1;
        stackNode.push(w);
        stackEdge.push(g.firstEdge[w]);
      }
    } else {
      order[v] = post.length;
      post.push(v);
      stackNode.pop();
      stackEdge.pop();
    }
  }
  // Predecessors (reachable ones only).
  const predCount = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (!visited[v]) continue;
    for (let k = g.firstEdge[v]; k < g.firstEdge[v + 1]; k++) if (g.edgeType[k] !== WEAK && g.edgeType[k] !== SHORTCUT && !tableEphemeron(g, v, k)) predCount[g.edgeTo[k] + 1]++;
  }
  for (let v = 0; v < n; v++) predCount[v + 1] += predCount[v];
  const predFill = predCount.slice(0, n);
  const preds = new Uint32Array(predCount[n]);
  for (let v = 0; v < n; v++) {
    if (!visited[v]) continue;
    for (let k = g.firstEdge[v]; k < g.firstEdge[v + 1]; k++) if (g.edgeType[k] !== WEAK && g.edgeType[k] !== SHORTCUT && !tableEphemeron(g, v, k)) preds[predFill[g.edgeTo[k]]++] = v;
  }
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (order[a] < order[b]) a = idom[a];
      while (order[b] < order[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let p = post.length - 2; p >= 0; p--) {
      const v = post[p];
      let d = -1;
      for (let k = predCount[v]; k < predCount[v + 1]; k++) {
        const u = preds[k];
        if (idom[u] === -1) continue;
        d = d === -1 ? u : intersect(u, d);
      }
      if (d !== -1 && idom[v] !== d) {
        idom[v] = d;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (const v of post) {
    retained[v] += g.size[v];
    if (v !== 0 && idom[v] >= 0) retained[idom[v]] += retained[v];
  }
  return { idom, retained };
}

interface Row {
  category: string;
  count: number;
  bytes: number;
}

function breakdown(g: Graph): {
  rows: Map<string, Row>;
  sliced: { count: number; bytes: number; parents: number; parentBytes: number };
  arraySlack: { arrays: number; bytes: number; by: [string, number][] };
  duplicateStrings: { count: number; bytes: number };
  total: number;
  category: string[];
  owner: Int32Array;
} {
  const { category, owner } = categorize(g);
  const rows = new Map<string, Row>();
  let total = 0;
  for (let i = 0; i < g.count; i++) {
    const own = owner[i] >= 0 ? owner[i] : -1;
    const cat = own >= 0 ? category[own] : category[i];
    let r = rows.get(cat);
    if (!r) rows.set(cat, (r = { category: cat, count: 0, bytes: 0 }));
    if (own < 0) r.count++;
    r.bytes += g.size[i];
    total += g.size[i];
  }
  // Arrays' unused capacity: a backing store has room for (size - 16) / 8 elements (64-bit fields, as Node runs without
  // pointer compression); elements in use are its element edges (small integers have none: an estimate from above).
  let slack = 0;
  let arrays = 0;
  // Per category of the array (`Array as .entries`): where the unused capacity is.
  const slackBy = new Map<string, number>();
  for (let i = 0; i < g.count; i++) {
    const o = owner[i];
    if (o < 0 || g.strings[g.name[o]] !== 'Array' || g.nodeTypes[g.type[o]] !== 'object') continue;
    let used = 0;
    for (let k = g.firstEdge[i]; k < g.firstEdge[i + 1]; k++) if (g.edgeTypes[g.edgeType[k]] === 'element' || g.edgeTypes[g.edgeType[k]] === 'hidden') used++;
    const capacity = Math.max(0, (g.size[i] - 16) / 8);
    if (capacity > used) {
      slack += (capacity - used) * 8;
      slackBy.set(category[o], (slackBy.get(category[o]) ?? 0) + (capacity - used) * 8);
    }
    arrays++;
  }
  // Copies of the same short string (keys such as `Type`, `Properties`, ids): what interning them would save.
  const seenText = new Map<string, number>();
  let duplicates = 0;
  let duplicateBytes = 0;
  for (let i = 0; i < g.count; i++) {
    if (g.nodeTypes[g.type[i]] !== 'string' || g.size[i] > 256) continue;
    const t = g.strings[g.name[i]];
    const n = seenText.get(t) ?? 0;
    seenText.set(t, n + 1);
    if (n > 0) {
      duplicates++;
      duplicateBytes += g.size[i];
    }
  }
  // Sliced strings: the parents they keep alive (a whole source text behind a short key?).
  const parents = new Set<number>();
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < g.count; i++) {
    if (g.nodeTypes[g.type[i]] !== 'sliced string') continue;
    count++;
    bytes += g.size[i];
    for (let k = g.firstEdge[i]; k < g.firstEdge[i + 1]; k++) if (g.strings[g.edgeName[k]] === 'parent') parents.add(g.edgeTo[k]);
  }
  let parentBytes = 0;
  for (const p of parents) parentBytes += g.size[p];
  return { rows, sliced: { count, bytes, parents: parents.size, parentBytes }, arraySlack: { arrays, bytes: slack, by: [...slackBy].sort((a, b) => b[1] - a[1]).slice(0, 8) }, duplicateStrings: { count: duplicates, bytes: duplicateBytes }, total, category, owner };
}

/** Who holds a category: the first retainer's category and the edge's name, summed by self size. */
function retainersOf(g: Graph, category: string[], owner: Int32Array, wanted: ReadonlySet<string>): Map<string, Map<string, number>> {
  const WEAK = g.edgeTypes.indexOf('weak');
  const out = new Map<string, Map<string, number>>();
  const seen = new Uint8Array(g.count);
  for (let v = 0; v < g.count; v++) {
    for (let k = g.firstEdge[v]; k < g.firstEdge[v + 1]; k++) {
      if (g.edgeType[k] === WEAK) continue;
      const w = g.edgeTo[k];
      if (seen[w] || owner[w] >= 0) continue;
      const cat = category[w];
      if (!wanted.has(cat)) continue;
      seen[w] = 1;
      const holder = owner[v] >= 0 ? owner[v] : v;
      const et = g.edgeTypes[g.edgeType[k]];
      const edge = et === 'element' || et === 'hidden' ? `[${et}]` : g.strings[g.edgeName[k]];
      const key = `${category[holder]} .${edge}`;
      let m = out.get(cat);
      if (!m) out.set(cat, (m = new Map()));
      m.set(key, (m.get(key) ?? 0) + g.size[w]);
    }
  }
  return out;
}

/** Shortest retaining paths from the root (breadth first, weak edges ignored) to a few objects of a category. */
function pathsTo(g: Graph, category: string[], wanted: string, samples: number): string[] {
  const WEAK = g.edgeTypes.indexOf('weak');
  const parent = new Int32Array(g.count).fill(-1);
  const via = new Int32Array(g.count).fill(-1);
  parent[0] = 0;
  const queue = new Uint32Array(g.count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const v = queue[head++];
    for (let k = g.firstEdge[v]; k < g.firstEdge[v + 1]; k++) {
      if (g.edgeType[k] === WEAK || tableEphemeron(g, v, k)) continue;
      const w = g.edgeTo[k];
      if (parent[w] !== -1) continue;
      parent[w] = v;
      via[w] = k;
      queue[tail++] = w;
    }
  }
  const found: number[] = [];
  const step = Math.max(1, Math.floor(g.count / 1000));
  for (let off = 0; off < step && found.length < samples; off++) {
    for (let i = off; i < g.count && found.length < samples; i += step) if (category[i] === wanted && parent[i] !== -1 && !found.includes(i)) found.push(i);
  }
  return found.map((i) => {
    const parts: string[] = [];
    for (let v = i; v !== 0 && parts.length < 40; v = parent[v]) {
      const k = via[v];
      const et = g.edgeTypes[g.edgeType[k]];
      parts.unshift(`${category[parent[v]]?.slice(0, 40)}.${et === 'element' || et === 'hidden' ? `[${g.edgeName[k]}]` : g.strings[g.edgeName[k]]}`);
    }
    return parts.join(' > ');
  });
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args.find((a, i) => !a.startsWith('--') && (i === 0 || !['--base', '--per', '--top', '--paths'].includes(args[i - 1])));
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/heap-breakdown.ts SNAPSHOT [--base BASE_SNAPSHOT] [--per N] [--top K] [--json] [--paths CATEGORY]\n');
    process.exit(2);
  }
  const per = Number(opt('--per') ?? 0);
  const pathsOf = opt('--paths');
  const top = Number(opt('--top') ?? 30);
  const json = args.includes('--json');
  const g = load(file);
  const b = breakdown(g);
  if (pathsOf !== undefined) {
    for (const p of pathsTo(g, b.category, pathsOf, 3)) process.stdout.write(`${p}\n\n`);
    return;
  }
  const baseFile = opt('--base');
  const base = baseFile ? breakdown(load(baseFile)) : undefined;
  const rows = [...b.rows.values()].map((r) => {
    const o = base?.rows.get(r.category);
    return { category: r.category, count: r.count - (o?.count ?? 0), bytes: r.bytes - (o?.bytes ?? 0) };
  });
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = b.total - (base?.total ?? 0);
  const shown = rows.slice(0, top);
  const { idom, retained } = dominators(g);
  // The largest retained sizes: objects (not the roots' synthetic nodes), with the edge from their dominator.
  const biggest: { node: number; retained: number }[] = [];
  for (let i = 1; i < g.count; i++) {
    const t = g.nodeTypes[g.type[i]];
    if (t === 'synthetic' || t === 'hidden' || t === 'code') continue;
    if (retained[i] < total / 100) continue;
    biggest.push({ node: i, retained: retained[i] });
  }
  biggest.sort((x, y) => y.retained - x.retained);
  const edgeFrom = (d: number, i: number): string => {
    for (let k = g.firstEdge[d]; k < g.firstEdge[d + 1]; k++) if (g.edgeTo[k] === i) return g.edgeTypes[g.edgeType[k]] === 'element' ? `[${g.edgeName[k]}]` : String(g.strings[g.edgeName[k]] ?? g.edgeName[k]);
    return '?';
  };
  const path = (i: number): string => {
    const parts: string[] = [];
    for (let v = i, n = 0; v > 0 && n < 6; v = idom[v], n++) parts.unshift(`${b.category[idom[v]] ?? '?'}.${edgeFrom(idom[v], v)}`);
    return parts.join(' > ');
  };
  const retainers = retainersOf(g, b.category, b.owner, new Set(shown.slice(0, 12).map((r) => r.category)));
  if (json) {
    process.stdout.write(
      JSON.stringify({
        file,
        base: baseFile,
        totalBytes: total,
        rows: shown,
        sliced: b.sliced,
        arraySlack: b.arraySlack,
        duplicateStrings: b.duplicateStrings,
        biggest: biggest.slice(0, top).map((x) => ({ category: b.category[x.node], retained: x.retained, path: path(x.node) })),
        retainers: Object.fromEntries([...retainers].map(([k, m]) => [k, Object.fromEntries([...m].sort((x, y) => y[1] - x[1]).slice(0, 5))])),
      }) + '\n',
    );
    return;
  }
  const MB = (x: number): string => (x / 1048576).toFixed(2).padStart(8);
  const perRes = (x: number): string => (per > 0 ? (x / per).toFixed(0).padStart(8) : '');
  process.stdout.write(`${file}${baseFile ? ` minus ${baseFile}` : ''}: ${MB(total).trim()} MB${per > 0 ? `, ${(total / per).toFixed(0)} B per resource` : ''}\n`);
  process.stdout.write(`${'category (self sizes, with backing stores)'.padEnd(70)} ${'count'.padStart(9)} ${'MB'.padStart(8)} ${per > 0 ? 'B/res'.padStart(8) : ''}\n`);
  for (const r of shown) process.stdout.write(`${r.category.slice(0, 70).padEnd(70)} ${String(r.count).padStart(9)} ${MB(r.bytes)} ${perRes(r.bytes)}\n`);
  process.stdout.write(`sliced strings: ${b.sliced.count} (${MB(b.sliced.bytes).trim()} MB), keeping ${b.sliced.parents} parents alive (${MB(b.sliced.parentBytes).trim()} MB)\n`);
  process.stdout.write(
    `arrays' unused capacity: ${MB(b.arraySlack.bytes).trim()} MB in ${b.arraySlack.arrays} backing stores${base ? ` (${MB(base.arraySlack.bytes).trim()} MB in the base)` : ''}; most in ${b.arraySlack.by.map(([c, n]) => `${c} ${MB(n).trim()}`).join(', ')} (arrays of small integers count whole: they have no element edges)\n`,
  );
  process.stdout.write(`copies of short strings (≤ 256 B) beyond the first: ${b.duplicateStrings.count} (${MB(b.duplicateStrings.bytes).trim()} MB)\n`);
  process.stdout.write(`\nlargest retained sizes (dominator tree), ≥ 1% of the total:\n`);
  for (const x of biggest.slice(0, top)) process.stdout.write(`${MB(x.retained)} MB ${perRes(x.retained)}  ${b.category[x.node].slice(0, 50)}  ← ${path(x.node)}\n`);
  process.stdout.write(`\nwho holds the top categories (first retainer's category . edge, self sizes):\n`);
  for (const [cat, m] of retainers) {
    process.stdout.write(`${cat}\n`);
    for (const [k, v] of [...m].sort((x, y) => y[1] - x[1]).slice(0, 5)) process.stdout.write(`  ${MB(v)} MB  ${k.slice(0, 110)}\n`);
  }
}

main();
