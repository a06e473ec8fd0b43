// Sample filters of pprof's driver (applyFocus in driver_focus.go and profile/filter.go):
// focus/ignore/hide/show, show_from, tagfocus/tagignore, tagshow/taghide, prune_from.
// They replace the state's sample columns (sharing the profile's arrays) and line overrides, with
// pprof's semantics.
import type { LabelSet, Line, Location } from '../profile/profile';
import type { ProfileState } from './profileState';
import type { ReportOptions } from './reportOptions';
import { compileRegexOption, GoRegexp } from '../profile/goRegexp';
import { compileTagFilter } from './tagFilter';
import { simplifyFunc } from '../profile/prune';

export type Warn = (message: string) => void;

function matchesName(loc: Location, lines: Line[], re: GoRegexp): boolean {
  for (const ln of lines) {
    const fn = ln.function;
    if (fn && (re.match(fn.name) || re.match(fn.filename))) return true;
  }
  return !!loc.mapping && re.match(loc.mapping.file);
}

function unmatchedLines(loc: Location, cur: Line[], re: GoRegexp): Line[] {
  if (loc.mapping && re.match(loc.mapping.file)) return [];
  const lines: Line[] = [];
  for (const ln of cur) {
    const fn = ln.function;
    if (fn && (re.match(fn.name) || re.match(fn.filename))) continue;
    lines.push(ln);
  }
  return lines;
}

function matchedLines(loc: Location, cur: Line[], re: GoRegexp): Line[] {
  if (loc.mapping && re.match(loc.mapping.file)) return cur;
  const lines: Line[] = [];
  for (const ln of cur) {
    const fn = ln.function;
    if (fn && !re.match(fn.name) && !re.match(fn.filename)) continue;
    lines.push(ln);
  }
  return lines;
}

/** Profile.FilterSamplesByName. */
export function filterSamplesByName(
  p: ProfileState,
  focus: GoRegexp | undefined,
  ignore: GoRegexp | undefined,
  hide: GoRegexp | undefined,
  show: GoRegexp | undefined,
): { fm: boolean; im: boolean; hm: boolean; hnm: boolean } {
  // Go 1.27: no regexp at all is a match that keeps every sample (even those without locations,
  // which the focus walk below would drop).
  if (!focus && !ignore && !hide && !show) return { fm: true, im: false, hm: false, hnm: false };
  let fm = false;
  let im = false;
  let hm = false;
  let hnm = false;
  // 1 = focused, 2 = ignored.
  const focusOrIgnore = new Map<Location, number>();
  const hidden = new Set<Location>();
  for (const l of p.locations) {
    if (ignore && matchesName(l, p.lines(l), ignore)) {
      im = true;
      focusOrIgnore.set(l, 2);
    } else if (!focus || matchesName(l, p.lines(l), focus)) {
      fm = true;
      focusOrIgnore.set(l, 1);
    }
    if (hide && matchesName(l, p.lines(l), hide)) {
      hm = true;
      const lines = unmatchedLines(l, p.lines(l), hide);
      p.setLines(l, lines);
      if (lines.length === 0) hidden.add(l);
    }
    if (show) {
      const lines = matchedLines(l, p.lines(l), show);
      p.setLines(l, lines);
      if (lines.length === 0) hidden.add(l);
      else hnm = true;
    }
  }
  const rows = p.rows;
  const table = rows.locations;
  // Per location index of the rows' table: 1 = focused, 2 = ignored; hidden locations.
  const fi = new Uint8Array(table.length);
  const hid = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) {
    fi[i] = focusOrIgnore.get(table[i]) ?? 0;
    hid[i] = hidden.has(table[i]) ? 1 : 0;
  }
  const { stack, start, end } = rows;
  const keep = new Int32Array(rows.count);
  let n = 0;
  let entries = 0;
  for (let s = 0; s < rows.count; s++) {
    let f = false;
    let ignored = false;
    let visible = 0;
    for (let k = start[s]; k < end[s]; k++) {
      const li = stack[k];
      const v = fi[li];
      if (v === 1) f = true;
      else if (v === 2) {
        ignored = true;
        break;
      }
      if (hid[li] === 0) visible++;
    }
    if (!f || ignored) continue;
    if (hidden.size > 0 && visible === 0) continue;
    keep[n++] = s;
    entries += visible;
  }
  if (hidden.size === 0) {
    p.rows = rows.select(keep.subarray(0, n));
  } else {
    // Hidden locations leave the stacks: the kept samples get stacks of their own.
    const ns = new Int32Array(entries);
    const st = new Int32Array(n);
    const en = new Int32Array(n);
    let k2 = 0;
    for (let j = 0; j < n; j++) {
      const s = keep[j];
      st[j] = k2;
      for (let k = start[s]; k < end[s]; k++) if (hid[stack[k]] === 0) ns[k2++] = stack[k];
      en[j] = k2;
    }
    const sel = rows.select(keep.subarray(0, n), st, en);
    p.rows = sel.withStacks(ns, st, en);
  }
  return { fm, im, hm, hnm };
}

function lastMatchedLineIndex(lines: Line[], re: GoRegexp): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const fn = lines[i].function;
    if (fn && (re.match(fn.name) || re.match(fn.filename))) return i;
  }
  return -1;
}

/** Profile.ShowFrom. */
export function showFrom(p: ProfileState, re: GoRegexp): boolean {
  let matched = false;
  const locs = new Set<Location>();
  for (const loc of p.locations) {
    let ok = false;
    if (loc.mapping && re.match(loc.mapping.file)) ok = true;
    else {
      const lines = p.lines(loc);
      const i = lastMatchedLineIndex(lines, re);
      if (i >= 0) {
        p.setLines(loc, lines.slice(0, i + 1));
        ok = true;
      }
    }
    if (ok) {
      locs.add(loc);
      matched = true;
    }
  }
  const rows = p.rows;
  const table = rows.locations;
  const has = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) has[i] = locs.has(table[i]) ? 1 : 0;
  const { stack, start, end } = rows;
  const keep = new Int32Array(rows.count);
  const newEnd = new Int32Array(rows.count);
  let n = 0;
  for (let s = 0; s < rows.count; s++) {
    for (let k = end[s] - 1; k >= start[s]; k--) {
      if (has[stack[k]] === 1) {
        keep[n] = s;
        newEnd[n++] = k + 1;
        break;
      }
    }
  }
  p.rows = rows.select(keep.subarray(0, n), undefined, newEnd.subarray(0, n));
  return matched;
}

/** Profile.FilterSamplesByTag. */
export function filterSamplesByTag(
  p: ProfileState,
  focus: ((s: LabelSet) => boolean) | undefined,
  ignore: ((s: LabelSet) => boolean) | undefined,
): { fm: boolean; im: boolean } {
  let fm = false;
  let im = false;
  const rows = p.rows;
  // The filters read labels only: one answer per label set (bit 1 focused, bit 2 ignored; 0 unknown).
  const verdict = new Uint8Array(rows.labelSets.length);
  const keep = new Int32Array(rows.count);
  let n = 0;
  for (let s = 0; s < rows.count; s++) {
    const ls = rows.labelSet[s];
    let v = verdict[ls];
    if (v === 0) {
      const set = rows.labelSets[ls];
      const focused = focus ? focus(set) : true;
      const ignored = ignore ? ignore(set) : false;
      v = verdict[ls] = 4 | (focused ? 1 : 0) | (ignored ? 2 : 0);
    }
    const focused = (v & 1) !== 0;
    const ignored = (v & 2) !== 0;
    fm = fm || focused;
    im = im || ignored;
    if (focused && !ignored) keep[n++] = s;
  }
  p.rows = rows.select(keep.subarray(0, n));
  return { fm, im };
}

/** Profile.FilterTagsByName. */
export function filterTagsByName(p: ProfileState, show: GoRegexp | undefined, hide: GoRegexp | undefined): { sm: boolean; hm: boolean } {
  let sm = false;
  let hm = false;
  const matchRemove = (name: string): boolean => {
    const matchShow = !show || show.match(name);
    const matchHide = !!hide && hide.match(name);
    if (matchShow) sm = true;
    if (matchHide) hm = true;
    return !matchShow || matchHide;
  };
  // Labels are per label set: each set the rows use is filtered once, in the order rows use them.
  const rows = p.rows;
  const mapped = new Int32Array(rows.labelSets.length).fill(-1);
  const sets: LabelSet[] = [rows.labelSets[0]];
  mapped[0] = 0;
  const labelSet = new Int32Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    const ls = rows.labelSet[i];
    let m = mapped[ls];
    if (m < 0) {
      const s = rows.labelSets[ls];
      let label = s.label;
      let numLabel = s.numLabel;
      if (label) {
        const keys = Object.keys(label);
        const keep = keys.filter((k) => !matchRemove(k));
        if (keep.length !== keys.length) {
          const l: Record<string, string[]> = {};
          for (const k of keep) l[k] = label[k];
          label = l;
        }
      }
      if (numLabel) {
        const keys = Object.keys(numLabel);
        const keep = keys.filter((k) => !matchRemove(k));
        if (keep.length !== keys.length) {
          const l: Record<string, number[]> = {};
          for (const k of keep) l[k] = numLabel[k];
          numLabel = l;
        }
      }
      m = mapped[ls] = sets.length;
      sets.push(label === s.label && numLabel === s.numLabel ? s : { ...s, label, numLabel });
    }
    labelSet[i] = m;
  }
  p.rows = rows.withLabels(labelSet, sets);
  return { sm, hm };
}



/** Profile.PruneFrom. */
export function pruneFrom(p: ProfileState, re: GoRegexp): void {
  const pruneBeneath = new Set<Location>();
  for (const loc of p.locations) {
    const lines = p.lines(loc);
    for (let i = 0; i < lines.length; i++) {
      const fn = lines[i].function;
      if (fn && fn.name !== '' && re.match(simplifyFunc(fn.name))) {
        pruneBeneath.add(loc);
        p.setLines(loc, lines.slice(i));
        break;
      }
    }
  }
  const rows = p.rows;
  const table = rows.locations;
  const beneath = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) beneath[i] = pruneBeneath.has(table[i]) ? 1 : 0;
  const { stack, end } = rows;
  const start = rows.start.slice();
  for (let s = 0; s < rows.count; s++) {
    for (let k = start[s]; k < end[s]; k++) {
      if (beneath[stack[k]] === 1) {
        start[s] = k;
        break;
      }
    }
  }
  p.rows = rows.withStacks(stack, start, end);
}

function warnNoMatches(match: boolean, option: string, warn: Warn): void {
  if (!match) warn(option + ' expression matched no samples');
}

/** driver.applyFocus. */
export function applyFocus(p: ProfileState, numLabelUnits: Map<string, string>, cfg: ReportOptions, warn: Warn): void {
  const focus = compileRegexOption('focus', cfg.focus);
  const ignore = compileRegexOption('ignore', cfg.ignore);
  const hide = compileRegexOption('hide', cfg.hide);
  const show = compileRegexOption('show', cfg.show);
  const showfrom = compileRegexOption('show_from', cfg.showFrom);
  const tagfocus = compileTagFilter('tagfocus', cfg.tagFocus, numLabelUnits, warn);
  const tagignore = compileTagFilter('tagignore', cfg.tagIgnore, numLabelUnits, warn);
  const prunefrom = compileRegexOption('prune_from', cfg.pruneFrom);

  // With no name filter Go 1.27 keeps every sample, even those without a stack (Go 1.19 dropped them).
  const r = filterSamplesByName(p, focus, ignore, hide, show);
  warnNoMatches(!focus || r.fm, 'Focus', warn);
  warnNoMatches(!ignore || r.im, 'Ignore', warn);
  warnNoMatches(!hide || r.hm, 'Hide', warn);
  warnNoMatches(!show || r.hnm, 'Show', warn);

  const sfm = showfrom ? showFrom(p, showfrom) : false;
  warnNoMatches(!showfrom || sfm, 'ShowFrom', warn);

  const t = tagfocus || tagignore ? filterSamplesByTag(p, tagfocus, tagignore) : { fm: true, im: false };
  warnNoMatches(!tagfocus || t.fm, 'TagFocus', warn);
  warnNoMatches(!tagignore || t.im, 'TagIgnore', warn);

  const tagshow = compileRegexOption('tagshow', cfg.tagShow);
  const taghide = compileRegexOption('taghide', cfg.tagHide);
  const tn = tagshow || taghide ? filterTagsByName(p, tagshow, taghide) : { sm: false, hm: false };
  warnNoMatches(!tagshow || tn.sm, 'TagShow', warn);
  warnNoMatches(!taghide || tn.hm, 'TagHide', warn);

  if (prunefrom) pruneFrom(p, prunefrom);
}
