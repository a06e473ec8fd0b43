// Go's text form of execution traces (internal/trace/raw: TextReader + Writer), turned into the
// binary wire format, so the conformance tests run on Go's own .test files and not only on their
// stored binary conversions. Test helper only.
import { Ev, specOf } from '../../../src/core/trace/specs';

const byName = new Map<string, number>();
for (let t = 0; t < 256; t++) {
  const s = specOf(t);
  if (s) byName.set(s.name, t);
}

function uvarint(out: number[], v: bigint): void {
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
}

/** Decodes a Go double-quoted string literal to bytes. */
export function goUnquote(lit: string): number[] {
  if (lit[0] !== '"' || lit[lit.length - 1] !== '"') throw new Error(`not a Go string literal: ${lit.slice(0, 20)}`);
  const s = lit.slice(1, -1);
  const out: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39 };
  const utf8 = (cp: number): void => {
    out.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
  };
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      utf8(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = s[i + 1];
    if (e in simple) {
      out.push(simple[e]);
      i += 2;
    } else if (e === 'x') {
      out.push(parseInt(s.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (e >= '0' && e <= '7') {
      out.push(parseInt(s.slice(i + 1, i + 4), 8));
      i += 4;
    } else if (e === 'u') {
      utf8(parseInt(s.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (e === 'U') {
      utf8(parseInt(s.slice(i + 2, i + 10), 16));
      i += 10;
    } else {
      throw new Error(`bad escape \\${e}`);
    }
  }
  return out;
}

/** Text form ("Trace Go1.22" then one event per line) → binary trace. */
export function textToBinary(text: string): Uint8Array {
  const lines = text.split('\n').map((l) => l.split('#')[0]).filter((l) => l.trim() !== '');
  const head = lines[0].trim().split(/\s+/);
  const m = /^Go1\.(\d+)$/.exec(head[1] ?? '');
  if (head[0] !== 'Trace' || !m) throw new Error(`bad header: ${lines[0]}`);
  const out: number[] = [...new TextEncoder().encode(`go 1.${m[1]} trace\0\0\0`)];
  for (let i = 1; i < lines.length;) {
    const toks = lines[i++].trim().split(/\s+/);
    const typ = byName.get(toks[0]);
    if (typ === undefined) throw new Error(`unknown event ${toks[0]}`);
    const spec = specOf(typ)!;
    const args = toks.slice(1).map((t, k) => {
      const [name, v] = t.split('=');
      if (name !== spec.args[k]) throw new Error(`${toks[0]}: argument ${name}, want ${spec.args[k]}`);
      return BigInt(v);
    });
    if (args.length !== spec.args.length) throw new Error(`${toks[0]}: ${args.length} arguments, want ${spec.args.length}`);
    out.push(typ);
    for (const a of args) uvarint(out, a);
    if (typ === Ev.Stack) {
      for (let f = 0; f < Number(args[1]); f++) {
        for (const t of lines[i++].trim().split(/\s+/)) uvarint(out, BigInt(t.split('=')[1]));
      }
    }
    if (typ === Ev.String || typ === Ev.ExperimentalBatch) {
      const d = lines[i++].trim();
      if (!d.startsWith('data=')) throw new Error(`expected data= after ${toks[0]}`);
      const bytes = goUnquote(d.slice(5));
      uvarint(out, BigInt(bytes.length));
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** Splits a txtar archive into its files. */
export function parseTxtar(text: string): Map<string, string> {
  const files = new Map<string, string>();
  let cur: string | undefined;
  let buf: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^-- (.+) --\s*$/.exec(line);
    if (m) {
      if (cur !== undefined) files.set(cur, buf.join('\n'));
      cur = m[1];
      buf = [];
    } else if (cur !== undefined) {
      buf.push(line);
    }
  }
  if (cur !== undefined) files.set(cur, buf.join('\n'));
  return files;
}
