// What the Profiles view and Compare With Base show of a capture without opening it: its kind, the
// duration it covers, its total (of the sample type pprof shows first, as `pprof -top` prints it) and
// its sample types. Read from the file once and cached by path, size and modification time, so the
// view can show them in every row; files over a size limit are not read (their rows show the size).
import * as fs from 'fs';
import { label } from '../core/measurement/measurement';
import { generateReport } from '../core/report/generateReport';
import { defaultReportOptions } from '../core/report/reportOptions';
import type { Profile } from '../core/profile/profile';
import { sampleColumnsOf } from '../core/profile/sampleColumns';
import { profileKindOf } from '../core/profile/profileKind';
import { traceVersion } from '../core/trace/readTrace';
import { looksLikeGoroutineDump, parseGoroutineDump } from '../core/goroutine/goroutineDump';
import { CaptureKindId } from './captureKind';
import { loadProfileWithZlib } from './nativeGunzip';

export interface ProfileFacts {
  /** The kind in a word or two: "CPU", "heap", "allocs", "goroutine", "goroutine dump", "crash" (a crash's output), "contention", "trace"… */
  kind: string;
  /** The capture kind the content says, when it says one (for files without a sidecar or our name). */
  captureKind?: CaptureKindId;
  /** Nanoseconds the profile covers (0: unknown or not timed). */
  durationNanos: number;
  /** The total of the first sample type pprof shows, as pprof prints it ("2.41s", "9.04MB", "527"). */
  totalText?: string;
  /** "type/unit" of every sample type, in order: two profiles compare when these and the period type are equal. */
  sampleTypes: string[];
  /** "type/unit" of the period type, when the profile has one. */
  periodType?: string;
  /** Wall-clock time of the capture the profile records (ms since the epoch; 0: none). */
  timeMillis?: number;
  /** Number of samples (goroutines for a dump); 0 for an empty profile. */
  samples: number;
}

/** The sample type pprof shows first: default_sample_type when the profile names one, else the last. */
function defaultIndex(p: Profile): number {
  const i = p.defaultSampleType ? p.sampleType.findIndex((t) => t.type === p.defaultSampleType) : -1;
  return i >= 0 ? i : Math.max(0, p.sampleType.length - 1);
}

/** Kind words and capture kind from a profile's sample and period types. */
function kindOf(p: Profile): { kind: string; captureKind?: CaptureKindId } {
  switch (profileKindOf(p)) {
    case 'cpu': return { kind: 'CPU', captureKind: 'cpu' };
    case 'heap': return p.defaultSampleType === 'alloc_space' ? { kind: 'allocs', captureKind: 'allocs' } : { kind: 'heap', captureKind: 'heap' };
    case 'goroutine': return { kind: 'goroutine', captureKind: 'goroutine' };
    case 'contention': return { kind: 'contention' };
    case 'threadcreate': return { kind: 'threadcreate', captureKind: 'threadcreate' };
    default: return { kind: p.sampleType.map((t) => t.type).join('/') || 'profile' };
  }
}

/** The facts of a capture's bytes; undefined when they are no profile, dump or trace we can read. */
export function profileFacts(bytes: Uint8Array, name = 'profile'): ProfileFacts | undefined {
  if (traceVersion(bytes.subarray(0, 16)) !== undefined) return { kind: 'trace', captureKind: 'trace', durationNanos: 0, sampleTypes: [], samples: 0 };
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  // A debug=2 dump, or a program's crash output (issue 20: "panic: …" then its goroutines).
  if (/^goroutine \d+ \[/.test(head) || (bytes.length > 0 && bytes[0] !== 0x1f && looksLikeGoroutineDump(Buffer.from(bytes.subarray(0, 65536)).toString('utf8')))) {
    try {
      const d = parseGoroutineDump(Buffer.from(bytes).toString('utf8'));
      const n = d.goroutines.length;
      return { kind: d.crash ? 'crash' : 'goroutine dump', captureKind: 'goroutine-dump', durationNanos: 0, totalText: String(n), sampleTypes: [], samples: n };
    } catch {
      return undefined;
    }
  }
  let p: Profile;
  try {
    p = loadProfileWithZlib(bytes, name);
  } catch {
    return undefined;
  }
  const i = defaultIndex(p);
  let total = 0;
  const rows = sampleColumnsOf(p);
  for (let k = 0; k < rows.count; k++) total += Math.abs(rows.value(k, i));
  const st = p.sampleType[i];
  const facts = {
    ...kindOf(p),
    durationNanos: p.durationNanos > 0 ? p.durationNanos : 0,
    totalText: st ? label(total, st.unit) : undefined,
    sampleTypes: p.sampleType.map((t) => `${t.type}/${t.unit}`),
    ...(p.periodType ? { periodType: `${p.periodType.type}/${p.periodType.unit}` } : {}),
    ...(p.timeNanos > 0 ? { timeMillis: Math.floor(p.timeNanos / 1e6) } : {}),
    samples: rows.count,
  };
  // pprof prints the total in the unit it picks for the whole -top report (its smallest node decides:
  // "1140ms", not "1.14s"), so the text is taken from that report's header; the plain label is the
  // fallback when the report cannot be made.
  if (st && total !== 0) facts.totalText = topTotal(p) ?? facts.totalText;
  return facts;
}

/** The "of X total" of `pprof -top` (default options) for p, or undefined. */
function topTotal(p: Profile): string | undefined {
  try {
    const out = generateReport(p, { ...defaultReportOptions(), format: 'text' }, { readSource: () => undefined, cwd: '/' });
    return /of (\S+) total/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

const cache = new Map<string, { key: string; facts: ProfileFacts | undefined }>();

/** Files larger than this are not read for their facts (their rows show the size only). */
export const FACTS_MAX_BYTES = 32 * 2 ** 20;

/**
 * The facts of the capture file at `file`, read once per version of the file (path, size, mtime);
 * undefined when it is missing, too large (over maxBytes) or no readable profile.
 */
export async function readProfileFacts(file: string, maxBytes = FACTS_MAX_BYTES): Promise<ProfileFacts | undefined> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(file);
  } catch {
    return undefined;
  }
  if (!st.isFile() || st.size > maxBytes) return undefined;
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit.facts;
  let facts: ProfileFacts | undefined;
  try {
    facts = profileFacts(new Uint8Array(await fs.promises.readFile(file)), file);
  } catch {
    facts = undefined;
  }
  if (cache.size > 2000) cache.clear();
  cache.set(file, { key, facts });
  return facts;
}
