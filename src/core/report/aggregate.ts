// Granularity (driver.aggregate + Profile.Aggregate): forget the parts of function / location
// identity finer than the requested granularity, and drop inline frames with -noinlines.
// Reports apply it while building nodes (GraphSource options); aggregateProfile applies it to a
// materialized profile (-proto / -raw), as pprof does.
import type { Profile } from '../profile/profile';
import type { Granularity } from './reportOptions';

export interface Aggregation {
  keepInlines: boolean;
  keepFunction: boolean;
  keepFilename: boolean;
  keepLineNumber: boolean;
  /** Line columns (Go 1.27's -showcolumns; cleared with the line numbers). */
  keepColumn: boolean;
  keepAddress: boolean;
}

export function aggregation(granularity: Granularity, noInlines: boolean, showColumns = false): Aggregation {
  const inlines = !noInlines;
  const a: Aggregation = { keepInlines: inlines, keepFunction: false, keepFilename: false, keepLineNumber: false, keepColumn: false, keepAddress: false };
  switch (granularity) {
    case 'addresses':
      if (inlines) return { keepInlines: true, keepFunction: true, keepFilename: true, keepLineNumber: true, keepColumn: true, keepAddress: true };
      a.keepFunction = a.keepFilename = a.keepLineNumber = a.keepAddress = true;
      break;
    case 'lines':
      a.keepFunction = a.keepFilename = a.keepLineNumber = true;
      break;
    case 'files':
      a.keepFilename = true;
      break;
    case 'functions':
      a.keepFunction = true;
      break;
    case 'filefunctions':
      a.keepFunction = a.keepFilename = true;
      break;
  }
  a.keepColumn = showColumns && a.keepLineNumber;
  return a;
}

/** Profile.Aggregate on a profile the caller owns (mutates it). */
export function aggregateProfile(p: Profile, a: Aggregation): void {
  if (a.keepInlines && a.keepFunction && a.keepFilename && a.keepLineNumber && a.keepColumn && a.keepAddress) return;
  for (const m of p.mapping) {
    m.hasInlineFrames = m.hasInlineFrames && a.keepInlines;
    m.hasFunctions = m.hasFunctions && a.keepFunction;
    m.hasFilenames = m.hasFilenames && a.keepFilename;
    m.hasLineNumbers = m.hasLineNumbers && a.keepLineNumber;
  }
  if (!a.keepFunction || !a.keepFilename) {
    for (const f of p.function) {
      if (!a.keepFunction) {
        f.name = '';
        f.systemName = '';
      }
      if (!a.keepFilename) f.filename = '';
    }
  }
  if (!a.keepInlines || !a.keepAddress || !a.keepLineNumber || !a.keepColumn) {
    for (const l of p.location) {
      if (!a.keepInlines && l.line.length > 1) l.line = l.line.slice(l.line.length - 1);
      if (!a.keepLineNumber) for (const ln of l.line) ln.line = 0;
      if (!a.keepColumn) for (const ln of l.line) ln.column = 0;
      if (!a.keepAddress) l.address = 0n;
    }
  }
}
