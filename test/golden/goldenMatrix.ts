// Which `go tool pprof` flag sets the golden tests run on which generated profile. Every CLI flag
// appears somewhere; regexps are chosen per program so that filters actually select something.
import * as fs from 'fs';
import * as path from 'path';
import { GeneratedProfile, goRoot, repoRoot } from './goldenHarness';

export interface GoldenCase {
  name: string;
  args: string[];
  /** Generated files the case reads (for the cache key). */
  inputs: string[];
  /** Source files -list reads (absolute; their content is part of the cache key). */
  sourceDeps?: string[];
  /**
   * Go 1.27 orders edges of equal |weight| and opposite sign at random (graph.edgeList.Less: 10 and -10
   * compare neither way; sort.Sort over a map's values), so with -base/-diff_base the -tree and -dot
   * outputs may differ from run to run of go tool pprof itself. For these cases a byte mismatch is
   * accepted only when each block (between -tree separators; the whole -dot) has the same lines.
   */
  tiedEdgeOrderFree?: boolean;
  /**
   * -top -files: Go 1.27 prints rows of the same file name and weight (one node per function start
   * line) in random order (NodeInfo.comparePrintableName calls them neither less nor greater and
   * the nodes come from a map). A byte mismatch is accepted only when just such rows moved.
   */
  tiedNodeOrderFree?: boolean;
}

/** The Go sources of a program whose profiles -list annotates (GOROOT sources do not change). */
function programSources(program: string): string[] {
  const dir = program === 'sample-service' ? path.join(repoRoot, 'examples', 'sample-service')
    : program === 'labeled' || program === 'generics' ? path.join(repoRoot, 'test', 'fixtures', 'goprograms', program) : undefined;
  if (!dir) return [];
  try {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.go')).sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

interface ProgramRegexps {
  focus: string;
  ignore: string;
  hide: string;
  show: string;
  showFrom: string;
  peek: string;
  list: string;
}

const regexps: Record<string, ProgramRegexps> = {
  'sample-service': { focus: 'main\\.', ignore: 'runtime\\.', hide: 'runtime', show: 'main\\.|sync', showFrom: 'main\\.',
    peek: 'main\\.(isPrime|spin|updateShared|buildReport)$', list: 'main\\.(isPrime|updateShared|buildReport|waitForever)$' },
  'go test compress/flate': { focus: 'deflate', ignore: 'runtime\\.', hide: 'runtime', show: 'flate', showFrom: 'testing\\.\\(\\*B\\)\\.run1',
    peek: 'fastEncL1\\)\\.encode$', list: 'fastEncL1\\)\\.encode$' },
  'go test strings': { focus: 'strings\\.', ignore: 'runtime\\.', hide: 'runtime', show: 'strings', showFrom: 'testing\\.',
    peek: 'strings\\.Index$', list: 'strings\\.Fields$' },
  'go test sort': { focus: 'sort\\.', ignore: 'runtime\\.', hide: 'runtime', show: 'sort', showFrom: 'testing\\.',
    peek: 'sort\\.insertionSort$', list: 'sort\\.insertionSort$' },
  generics: { focus: 'sumOf', ignore: 'sortCopy', hide: 'runtime', show: 'main\\.|seq\\.', showFrom: 'main\\.work',
    peek: 'main\\.(sumOf|churn)\\[go\\.shape\\.int\\]$', list: 'main\\.(sumOf\\[go\\.shape\\.int\\]|\\(\\*Stack\\[go\\.shape\\.int\\]\\)\\.Push)$' },
  labeled: { focus: 'hashLoop', ignore: 'sortLoop', hide: 'runtime', show: 'main\\.', showFrom: 'main\\.work',
    peek: 'main\\.(hashLoop|allocChunks)$', list: 'main\\.(sortLoop|allocChunks)$' },
};

const common = (r: ProgramRegexps): string[][] => [
  ['-top'], ['-text'], ['-top', '-cum'], ['--top', '--flat'], ['-traces'], ['-tree'], ['-dot'], ['-raw'], ['-proto'],
  ['-top', '-nodecount=5'], ['-top', '-nodecount', '3'], ['-tree', '-nodecount=8'], ['-top', '-nodefraction=0.05'],
  ['-dot', '-nodecount=10', '-edgefraction=0.05'], ['-dot', '-nodefraction=0.1', '-edgefraction=0.2'],
  ['-top', '-functions'], ['-top', '-filefunctions'], ['-top', '-files'], ['-top', '-lines'], ['-top', '-addresses'],
  ['-tree', '-lines'], ['-traces', '-lines'], ['-top', '-noinlines'], ['-top', '-lines', '-noinlines'], ['-dot', '-addresses', '-noinlines'],
  // No ['-dot', '-call_tree']: Go 1.27 (as 1.19) prints it differently from run to run (5 runs of
  // `go tool pprof -dot -call_tree` on gotest.flate.cpu.pprof, service.goroutine.pb.gz,
  // labeled.cpu.pb.gz and generics.cpu.pb.gz gave 5 different outputs each: nodes of the same
  // function on different paths tie on weight and name, so node numbers and edge order come from map
  // iteration), so no oracle.
  ['-top', '-trim=false'], ['-dot', '-compact_labels'], ['-top', '-divide_by=10'],
  ['-top', `-focus=${r.focus}`], ['-top', `-ignore=${r.ignore}`], ['-top', `-hide=${r.hide}`], ['-top', `-show=${r.show}`],
  ['-tree', `-show_from=${r.showFrom}`], ['-top', '-cum', `-focus=${r.focus}`, `-hide=${r.hide}`],
  ['-top', '-relative_percentages', `-focus=${r.focus}`], ['-tree', '-relative_percentages', `-focus=${r.focus}`],
  ['-dot', `-focus=${r.focus}`, `-ignore=${r.ignore}`], ['-traces', `-focus=${r.focus}`],
  [`-peek=${r.peek}`], ['-peek', r.peek.replace(/\$$/, ''), '-lines'], [`-list=${r.list}`], ['-list', r.list, '-cum'],
  ['-top', '-sample_index=0'], ['-top', '-sample_index=1'], ['-top', '-mean'], ['-top', '-unit=auto'],
  ['-top', '-drop_negative'], ['-list', r.list, '-source_path=/nonexistent'],
  // Flags and formats new since Go 1.19's pprof.
  ['-top', '-lines', '-showcolumns'], ['-traces', '-lines', '-showcolumns'], ['-raw', '-lines', '-showcolumns'], ['-raw', '-noinlines'],
  ['-top', '-all_frames'], ['-tags'], ['-tags', '-unit=ms'], ['-comments'],
];

const byKind: Record<string, string[][]> = {
  cpu: [['-top', '-sample_index=samples'], ['-top', '-sample_index=cpu'], ['-top', '-unit=ms'], ['-top', '-unit=s'],
    ['-tree', '-unit=us'], ['-top', '-mean', '-sample_index=cpu']],
  heap: [['-top', '-sample_index=alloc_space'], ['-top', '-sample_index=alloc_objects'], ['-top', '-sample_index=inuse_objects'],
    ['-top', '-sample_index=3'], ['-top', '-inuse_space'], ['-top', '-inuse_objects'], ['-top', '-alloc_space'], ['-top', '-alloc_objects'],
    ['-top', '-unit=kb'], ['-top', '-unit=MB'], ['-top', '-alloc_space', '-mean'], ['-top', '-tagfocus=64kb:'], ['-top', '-tagfocus=1kb'],
    ['-top', '-tagignore=1kb'], ['-top', '-tagfocus=2kb:1mb'], ['-traces', '-tagshow=bytes'], ['-traces', '-taghide=bytes'],
    ['-top', '-sample_index=inuse_space', '-alloc_objects']],
  contention: [['-top', '-total_delay'], ['-top', '-contentions'], ['-top', '-mean_delay'], ['-top', '-unit=ms'],
    ['-top', '-sample_index=delay', '-mean']],
  goroutine: [['-top', '-unit=auto']],
  threadcreate: [],
};

const labeledCpu: string[][] = [['-top', '-tagfocus=kind=hash'], ['-top', '-tagignore=kind=sort'], ['-top', '-tagfocus=hash'],
  ['-traces', '-tagshow=kind'], ['-traces', '-taghide=kind'], ['-traces', '-tagfocus=kind=sort', '-tagshow=kind'],
  ['-top', '-tagfocus=kind=hash', '-tagignore=phase=alloc'], ['-traces', '-tagroot=kind'], ['-tree', '-tagleaf=kind'],
  ['-top', '-tagroot=kind']];

export function casesFor(p: GeneratedProfile): GoldenCase[] {
  if (p.kind === 'cpu-big') return [{ name: `${p.file} -top`, args: ['-top', p.file], inputs: [p.file] }];
  if (p.kind === 'goroutine-dump') return [];
  const r = regexps[p.program] ?? regexps['sample-service'];
  const sets = [...common(r), ...(byKind[p.kind] ?? []), ...(p.program === 'labeled' && p.kind === 'cpu' ? labeledCpu : []),
    ...(p.program === 'labeled' ? [['-tags', '-tagfocus=kind=hash'], ['-tags', '-tagignore=kind=sort'], ['-tags', '-mean']] : [])];
  if (p.program === 'sample-service') {
    // Sources recorded as /work/main/examples/...: trim that and find them under this checkout.
    const recorded = '/work/main/';
    sets.push(['-list', r.list, `-trim_path=${recorded}`, `-source_path=${repoRoot}`]);
  }
  if (p.program.startsWith('go test ')) {
    const goroot = `${goRoot()}/src/`;
    sets.push(['-list', r.list, `-trim_path=${goroot}`, `-source_path=${goroot}`]);
  }
  const sources = programSources(p.program);
  return sets.map((flags) => ({
    name: `${p.file} ${flags.join(' ')}`, args: [...flags, p.file], inputs: [p.file],
    ...(flags.includes('-files') && (flags.includes('-top') || flags.includes('-text')) ? { tiedNodeOrderFree: true } : {}),
    ...(flags.some((f) => f.startsWith('-list')) ? { sourceDeps: sources } : {}),
  }));
}

/** -base / -diff_base / -normalize / merging on pairs of captures of the same program. */
export function pairCases(files: Set<string>): GoldenCase[] {
  const pairs: [string, string, string[]][] = [
    ['service.cpu2.pb.gz', 'service.cpu.pb.gz', []],
    ['service.heap2.pb.gz', 'service.heap.pb.gz', ['-sample_index=alloc_space']],
    ['service.allocs2.pb.gz', 'service.allocs.pb.gz', []],
    ['service.goroutine2.pb.gz', 'service.goroutine.pb.gz', []],
    ['service.block2.pb.gz', 'service.block.pb.gz', []],
  ];
  const out: GoldenCase[] = [];
  for (const [a, b, extra] of pairs) {
    if (!files.has(a) || !files.has(b)) continue;
    const sets = [['-top', `-base=${b}`], ['-top', '-diff_base', b], ['-top', '-normalize', `-base=${b}`], ['-top', '-normalize', `-diff_base=${b}`],
      ['-top', '-drop_negative', `-base=${b}`], ['-traces', `-diff_base=${b}`], ['-tree', `-base=${b}`],
      ['-dot', `-diff_base=${b}`],
      ['-top', '-cum', `-base=${b}`], ['-proto', `-base=${b}`]];
    for (const flags of sets) {
      const tiedEdgeOrderFree = flags[0] === '-tree' || flags[0] === '-dot';
      out.push({ name: `${a} ${[...extra, ...flags].join(' ')}`, args: [...extra, ...flags, a], inputs: [a, b], tiedEdgeOrderFree });
    }
    for (const flags of [['-top'], ['-traces'], ['-raw'], ['-proto'], ['-tree'], ['-top', '-cum', '-lines']]) {
      out.push({ name: `merge ${a} ${b} ${[...extra, ...flags].join(' ')}`, args: [...extra, ...flags, a, b], inputs: [a, b] });
    }
  }
  // Several sources of other programs and kinds: merged with their sample types made compatible
  // (Go 1.27: the types all have in common, in the first's order; none in common is an error).
  const merges: string[][] = [
    ['service.cpu.pb.gz', 'service.cpu2.pb.gz', 'labeled.cpu.pb.gz'],
    ['generics.cpu.pb.gz', 'labeled.cpu.pb.gz', 'gotest.sort.cpu.pprof'],
    ['service.heap.pb.gz', 'service.allocs.pb.gz'],
    ['service.allocs.pb.gz', 'generics.heap.pb.gz', 'labeled.heap.pb.gz'],
    ['service.block.pb.gz', 'service.mutex.pb.gz'],
    ['service.goroutine.pb.gz', 'service.threadcreate.pb.gz'],
    ['service.cpu.pb.gz', 'service.heap.pb.gz'],
  ];
  for (const srcs of merges) {
    if (!srcs.every((f) => files.has(f))) continue;
    for (const flags of [['-top'], ['-raw'], ['-traces'], ['-proto'], ['-top', '-sample_index=0']]) {
      out.push({ name: `merge ${srcs.join(' ')} ${flags.join(' ')}`, args: [...flags, ...srcs], inputs: srcs });
    }
  }
  return out;
}
