// Where a profile's figures go in a source file as it is now, and which of them no longer fit.
// A profile names lines of the file as it was built; the file may have changed since. Per function
// (pure: no vscode, no fs), with the function's start line from the profile (Go 1.20+):
// - the declaration is found by the function's name (nearest to where the profile had it), so its
//   CodeLens sits on its `func`, not on what now occupies the old line;
// - when the function moved, its figures move with it (by the distance its declaration moved),
//   provided every line with samples still falls inside the function's body as it is now;
// - otherwise (the function is gone, or its lines with samples now fall outside it, or past the end
//   of the file) its figures are stale: drawn dimmed where they were, with the reason in the hover,
//   never as if they belonged to the code now on those lines.
// Closures (main.run.func1) move with the function that encloses them. Profiles without start lines
// (before Go 1.20) and files other than Go's (assembly) cannot tell and are drawn as they are, as
// `go tool pprof -list` prints them.

import type { FileAnnotations, LineAnnotation } from '../../core/report/lineAnnotations';
import type { FileCosts, FunctionCost } from '../../core/report/sourceCosts';
import { declarationLine, declarationPattern } from './declarationLine';

/** Where one function of the profile is in the document. */
export interface FunctionPlace {
  /** 0-based line of its `func` now (its CodeLens line). */
  declLine: number;
  /** Lines its figures move by (0: where the profile has them). */
  shift: number;
  /** Why its figures no longer fit the code, when they do not. */
  stale?: string;
}

/** The figures of a file placed on the document as it is now. */
export interface FilePlacement {
  /** Figures that fit, on their current lines (LineAnnotation.line is the document's 1-based line). */
  annotations: FileAnnotations;
  /** Figures that do not fit, at the profile's line (1-based), with the reason. */
  stale: { annotation: LineAnnotation; reason: string }[];
  functions: Map<FunctionCost, FunctionPlace>;
  /** The profile's line (1-based) shown on a document line (0-based), stale ones included. */
  profileLine(docLine: number): number | undefined;
  /** Why the figures on a document line (0-based) are stale, if they are. */
  staleReason(docLine: number): string | undefined;
  /** Functions that moved (figures moved with them). */
  moved: number;
}

/** The file's text as it was when the profile was taken (from git), to tell edited bodies from moved ones. */
export interface ProfiledText {
  lines: readonly string[];
  /** Where it comes from, for the reasons ("commit 1a2b3c4, checked out when the profile was taken"). */
  what: string;
}

/**
 * Places `ann` (the figures of `file`) on a document of `lineCount` lines read by `lineAt`. With
 * `profiled` (the text at the profile's time), a function is stale as soon as any line of its body
 * differs, not only when its figures fall outside it.
 */
export function placeFile(
  file: FileCosts,
  ann: FileAnnotations,
  lineCount: number,
  lineAt: (i: number) => string,
  profiled?: ProfiledText,
  /** Appended to every stale reason (e.g. "this GOROOT is another Go version"). */
  note?: string,
): FilePlacement {
  const functions = new Map<FunctionCost, FunctionPlace>();
  const ordered = [...file.functions].sort((a, b) => Number(isClosure(a.name)) - Number(isClosure(b.name)));
  // Assembly (.s) and cgo's C files: no Go declarations to find; drawn as the profile has them.
  const goSource = /\.go$/i.test(file.file);
  for (const fn of ordered) {
    const p = goSource ? placeFunction(fn, functions, lineCount, lineAt, profiled) : { declLine: declarationLine(fn, lineCount, lineAt), shift: 0 };
    if (p.stale !== undefined && note) p.stale += `; ${note}`;
    functions.set(fn, p);
  }

  const lines: LineAnnotation[] = [];
  const stale: { annotation: LineAnnotation; reason: string }[] = [];
  const toProfile = new Map<number, number>();
  const reasons = new Map<number, string>();
  for (const a of ann.lines) {
    const place = functions.get(a.cost.fn);
    const line = a.line + (place?.shift ?? 0);
    const reason = place?.stale ?? (line < 1 || line > lineCount ? `line ${a.line} is past the end of the file (${lineCount} lines): it changed since the profile was taken` : undefined);
    if (reason !== undefined) {
      stale.push({ annotation: a, reason });
      if (a.line >= 1 && a.line <= lineCount && !toProfile.has(a.line - 1)) {
        toProfile.set(a.line - 1, a.line);
        reasons.set(a.line - 1, reason);
      }
      continue;
    }
    if (toProfile.has(line - 1) && !reasons.has(line - 1)) continue; // two moved figures on one line: the first stays
    toProfile.set(line - 1, a.line);
    reasons.delete(line - 1);
    lines.push(line === a.line ? a : { ...a, line });
  }
  lines.sort((x, y) => x.line - y.line);
  let moved = 0;
  for (const p of functions.values()) if (p.shift !== 0 && !p.stale) moved++;
  return {
    annotations: { ...ann, lines },
    stale,
    functions,
    profileLine: (d) => toProfile.get(d),
    staleReason: (d) => reasons.get(d),
    moved,
  };
}

function placeFunction(
  fn: FunctionCost,
  placed: Map<FunctionCost, FunctionPlace>,
  lineCount: number,
  lineAt: (i: number) => string,
  profiled: ProfiledText | undefined,
): FunctionPlace {
  const sampled = fn.lines.map((l) => l.line);
  if (fn.startLine <= 0) {
    // No start line in the profile: nothing to compare with.
    return { declLine: declarationLine(fn, lineCount, lineAt), shift: 0 };
  }
  const old = fn.startLine - 1;
  const pattern = declarationPattern(fn.name);
  if (pattern) {
    // A func still at the profiled line that holds the function's name is it (a //go:linkname'd
    // declaration under another name), before any other declaration matching the name elsewhere.
    const ident = /([A-Za-z_]\w*)$/.exec(fn.name.replace(/\[[^\]]*\]$/, ''))?.[1] ?? '';
    const atOld = old < lineCount ? lineAt(old) : '';
    const decl = ident !== '' && /^\s*func\b/.test(atOld) && atOld.includes(ident) ? old : nearestMatch(pattern, old, lineCount, lineAt);
    if (decl < 0) {
      // Declared under another name (//go:linkname: runtime.mapassign_faststr is
      // runtime_mapassign_faststr in internal/runtime/maps) if a func with its name in it still
      // starts at its line and holds its lines.
      const ident = /([A-Za-z_]\w*)$/.exec(fn.name)?.[1] ?? '';
      const here = old < lineCount ? lineAt(old) : '';
      const end = ident !== '' && /^\s*func\b/.test(here) && here.includes(ident) ? bodyEnd(old, lineCount, lineAt) : -1;
      if (end >= 0 && sampled.every((l) => l - 1 >= old && l - 1 <= end)) return { declLine: old, shift: 0 };
      return { declLine: Math.min(old, Math.max(lineCount - 1, 0)), shift: 0, stale: `${fn.name} is not declared in this file any more: the file changed since the profile was taken` };
    }
    const shift = decl - old;
    const end = bodyEnd(decl, lineCount, lineAt);
    const outside = sampled.find((l) => l - 1 + shift < decl || (end >= 0 && l - 1 + shift > end));
    if (outside !== undefined) {
      const where = shift === 0 ? '' : ` (it moved from line ${fn.startLine} to ${decl + 1})`;
      return {
        declLine: decl,
        shift,
        stale: `line ${outside} of the profile is outside ${fn.name} as it is now${where}, lines ${decl + 1}–${end + 1}: its code changed since the profile was taken`,
      };
    }
    if (profiled && old < profiled.lines.length && pattern.test(profiled.lines[old])) {
      // The body as profiled, line for line against the body now (trailing blanks aside).
      const oldEnd = bodyEnd(old, profiled.lines.length, (i) => profiled.lines[i]);
      const same = oldEnd >= 0 && end >= 0 && oldEnd - old === end - decl &&
        profiled.lines.slice(old, oldEnd + 1).every((l, i) => l.trimEnd() === lineAt(decl + i).trimEnd());
      if (!same) {
        const first = profiled.lines.slice(old, (oldEnd >= 0 ? oldEnd : old) + 1).findIndex((l, i) => decl + i >= lineCount || l.trimEnd() !== lineAt(decl + i).trimEnd());
        const at = first >= 0 ? ` (line ${decl + first + 1} differs)` : '';
        return { declLine: decl, shift, stale: `the code of ${fn.name} changed since ${profiled.what}${at}` };
      }
    }
    return { declLine: decl, shift };
  }
  // A closure or a function without a plain name: it moves with the function that encloses it.
  const parentName = enclosingName(fn.name);
  let shift = 0;
  let parentEnd = -1;
  if (parentName) {
    for (const [p, place] of placed) {
      if (p.name !== parentName) continue;
      if (place.stale) return { declLine: Math.min(old, Math.max(lineCount - 1, 0)), shift: 0, stale: `${parentName}, which encloses it, changed since the profile was taken` };
      shift = place.shift;
      parentEnd = bodyEnd(place.declLine, lineCount, lineAt);
      break;
    }
  }
  const decl = old + shift;
  if (decl < 0 || decl >= lineCount || !/\bfunc\b/.test(lineAt(decl))) {
    return { declLine: Math.min(Math.max(decl, 0), Math.max(lineCount - 1, 0)), shift: 0, stale: `no func literal at line ${decl + 1} where ${fn.name} begins: the file changed since the profile was taken` };
  }
  const outside = parentEnd >= 0 ? sampled.find((l) => l - 1 + shift > parentEnd) : undefined;
  if (outside !== undefined) return { declLine: decl, shift: 0, stale: `line ${outside} of the profile is outside ${parentName} as it is now: its code changed since the profile was taken` };
  return { declLine: decl, shift };
}

/** The declaration line matching `pattern` nearest to `near` (0-based), or -1. */
function nearestMatch(pattern: RegExp, near: number, lineCount: number, lineAt: (i: number) => string): number {
  for (let d = 0; d < lineCount; d++) {
    const up = near - d;
    const down = near + d;
    if (up < 0 && down >= lineCount) break;
    if (up >= 0 && up < lineCount && pattern.test(lineAt(up))) return up;
    if (d > 0 && down >= 0 && down < lineCount && pattern.test(lineAt(down))) return down;
  }
  return -1;
}

/** "main.run.func1.2" → "main.run"; "pkg.(*T).M.func3" → "pkg.(*T).M"; undefined when not a closure. */
export function enclosingName(name: string): string | undefined {
  const m = /^(.*?)((?:\.(?:func|gowrap|deferwrap)\d+|-range\d+|\.\d+)+)$/.exec(name);
  return m && m[1] !== '' ? m[1] : undefined;
}

function isClosure(name: string): boolean {
  return declarationPattern(name) === undefined;
}

/**
 * 0-based line of the `}` closing the body of the function declared (or the func literal written) on
 * line `from`: from its `func` keyword, past the signature (braces inside its parentheses, as in
 * `struct{…}` parameters, are not the body), to the matching brace, skipping strings, runes and
 * comments; -1 when the body does not close within the document.
 */
export function bodyEnd(from: number, lineCount: number, lineAt: (i: number) => string): number {
  let depth = 0;
  let parens = 0;
  let opened = false;
  let inBlock = false;
  let inRaw = false;
  const first = from < lineCount ? lineAt(from).search(/\bfunc\b/) : -1;
  for (let i = from; i < lineCount && i < from + 50_000; i++) {
    const s = lineAt(i);
    for (let j = i === from ? Math.max(first, 0) : 0; j < s.length; j++) {
      const c = s[j];
      if (inBlock) {
        if (c === '*' && s[j + 1] === '/') {
          inBlock = false;
          j++;
        }
        continue;
      }
      if (inRaw) {
        if (c === '`') inRaw = false;
        continue;
      }
      if (c === '/' && s[j + 1] === '/') break;
      if (c === '/' && s[j + 1] === '*') {
        inBlock = true;
        j++;
      } else if (c === '`') inRaw = true;
      else if (c === '"' || c === "'") {
        for (j++; j < s.length && s[j] !== c; j++) if (s[j] === '\\') j++;
      } else if (!opened) {
        // The signature: parameters and results in parentheses; the first brace outside them opens the body.
        if (c === '(') parens++;
        else if (c === ')') parens = Math.max(0, parens - 1);
        else if (c === '{' && parens === 0) {
          opened = true;
          depth = 1;
        }
      } else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i;
    }
  }
  return -1;
}
