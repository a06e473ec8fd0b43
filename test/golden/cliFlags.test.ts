// Command-line spelling: Go's flag package rules as `go tool pprof` applies them, mapped onto
// ReportOptions (pprofFlags.ts). Behaviour against pprof itself is covered by pprofReports.test.ts.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { FlagError, parseGoFlags } from '../../src/cli/goFlags';
import { allFlags, toCommand } from '../../src/cli/pprofFlags';

const cmd = (argv: string[]) => toCommand(parseGoFlags(argv, allFlags()));

describe('Go flag syntax', () => {
  it('-flag, --flag, -flag=value, -flag value', () => {
    const c = cmd(['--top', '-nodecount', '7', '--nodefraction=0.25', '-focus', '-x', 'a.pb.gz']);
    assert.equal(c.options.format, 'text');
    assert.equal(c.options.nodeCount, 7);
    assert.equal(c.options.nodeFraction, 0.25);
    assert.equal(c.options.focus, '-x', 'a string flag takes the next argument even if it starts with -');
    assert.deepEqual(c.sources, ['a.pb.gz']);
  });
  it('booleans only take =value', () => {
    assert.equal(cmd(['-top', '-trim=false', 'x']).options.trim, false);
    assert.equal(cmd(['-top', '-trim=0', 'x']).options.trim, false);
    assert.equal(cmd(['-top', '-noinlines=T', 'x']).options.noInlines, true);
    const c = cmd(['-top', '-noinlines', 'false', 'x']);
    assert.deepEqual(c.sources, ['false', 'x'], '"false" after a bool flag is an argument');
    assert.throws(() => cmd(['-top', '-trim=maybe', 'x']), FlagError);
  });
  it('integers and floats as strconv parses them', () => {
    assert.equal(cmd(['-top', '-nodecount=0x10', 'x']).options.nodeCount, 16);
    assert.equal(cmd(['-top', '-nodecount=010', 'x']).options.nodeCount, 8);
    assert.equal(cmd(['-top', '-nodecount=1_000', 'x']).options.nodeCount, 1000);
    assert.equal(cmd(['-top', '-nodecount=-1', 'x']).options.nodeCount, -1);
    assert.throws(() => cmd(['-top', '-nodecount=1.5', 'x']), /invalid value "1.5" for flag -nodecount/);
    assert.equal(cmd(['-top', '-divide_by=1e3', 'x']).options.divideBy, 1000);
    assert.equal(cmd(['-top', '-edgefraction=.5', 'x']).options.edgeFraction, 0.5);
    assert.throws(() => cmd(['-top', '-edgefraction=half', 'x']), FlagError);
  });
  it('"--" ends flags; "-" is an argument; flags may follow sources', () => {
    assert.deepEqual(cmd(['-top', '--', '-weird.pb.gz']).sources, ['-weird.pb.gz']);
    assert.deepEqual(cmd(['-top', '-']).sources, ['-']);
    const c = cmd(['a.pb.gz', '-cum', '-top']);
    assert.equal(c.options.sort, 'cum');
    assert.deepEqual(c.sources, ['a.pb.gz']);
  });
  it('unknown flags, missing values, bad syntax', () => {
    assert.throws(() => cmd(['-nope', 'x']), /flag provided but not defined: -nope/);
    assert.throws(() => cmd(['-top', '-focus']), /flag needs an argument: -focus/);
    assert.throws(() => cmd(['---top', 'x']), /bad flag syntax/);
    assert.throws(() => cmd(['-=x', 'x']), /bad flag syntax/);
  });
});

describe('pprof flag semantics', () => {
  it('formats: one at most; -peek/-list take a regexp', () => {
    assert.equal(cmd(['-peek=main', 'x']).options.format, 'peek');
    assert.equal(cmd(['-peek=main', 'x']).options.symbol, 'main');
    assert.equal(cmd(['-list', 'foo$', 'x']).options.symbol, 'foo$');
    assert.equal(cmd(['-text', 'x']).options.format, 'text');
    assert.throws(() => cmd(['-top', '-traces', 'x']), /must set at most one output format/);
    assert.equal(cmd(['-list=', 'x']).formatFlag, undefined, 'an empty regexp is no format, as in pprof');
  });
  it('granularity and sort are one choice each', () => {
    assert.equal(cmd(['-top', '-lines', 'x']).options.granularity, 'lines');
    assert.equal(cmd(['-top', '-filefunctions', 'x']).options.granularity, 'filefunctions');
    assert.throws(() => cmd(['-top', '-lines', '-files', 'x']), /conflicting options set: \[files lines\]|conflicting options set: \[lines files\]/);
    assert.equal(cmd(['-top', '-flat', 'x']).options.sort, 'flat');
  });
  it('legacy sample index shorthands', () => {
    assert.equal(cmd(['-top', '-alloc_space', 'x']).options.sampleIndex, 'alloc_space');
    assert.equal(cmd(['-top', '-inuse_objects', 'x']).options.sampleIndex, 'inuse_objects');
    assert.equal(cmd(['-top', '-contentions', 'x']).options.sampleIndex, 'contentions');
    const md = cmd(['-top', '-mean_delay', 'x']);
    assert.equal(md.options.sampleIndex, 'delay');
    assert.equal(md.options.mean, true);
    const both = cmd(['-top', '-sample_index=1', '-alloc_space', 'x']);
    assert.equal(both.options.sampleIndex, '1');
    assert.deepEqual(both.notes, ['Multiple value selections, ignoring -alloc_space']);
  });
  it('bases', () => {
    const c = cmd(['-top', '-base=a', '-base', 'b', 'x']);
    assert.deepEqual(c.base, ['a', 'b']);
    assert.equal(c.diffBase, false);
    const d = cmd(['-top', '-diff_base=a', '-normalize', 'x']);
    assert.deepEqual(d.base, ['a']);
    assert.equal(d.diffBase, true);
    assert.equal(d.options.normalize, true);
    assert.throws(() => cmd(['-top', '-base=a', '-diff_base=b', 'x']), /cannot both be specified/);
    assert.throws(() => cmd(['-top', '-normalize', 'x']), /must have base profile to normalize by/);
  });
  it('every listed option lands in ReportOptions', () => {
    const c = cmd(['-dot', '-call_tree', '-relative_percentages', '-unit=ms', '-compact_labels', '-source_path=/s', '-trim_path=/t',
      '-mean', '-sample_index=2', '-divide_by=2', '-tagroot=a', '-tagleaf=b', '-drop_negative', '-nodecount=3', '-nodefraction=0.1',
      '-edgefraction=0.2', '-focus=f', '-ignore=i', '-prune_from=p', '-hide=h', '-show=s', '-show_from=sf', '-tagfocus=tf',
      '-tagignore=ti', '-tagshow=ts', '-taghide=th', '-noinlines', '-addresses', '-cum', '-output=o.dot', '-seconds=5', '-timeout=9', 'x']);
    const o = c.options;
    assert.deepEqual([o.format, o.callTree, o.relativePercentages, o.unit, o.compactLabels, o.sourcePath, o.trimPath, o.mean, o.sampleIndex,
      o.divideBy, o.tagRoot, o.tagLeaf, o.dropNegative, o.nodeCount, o.nodeFraction, o.edgeFraction, o.focus, o.ignore, o.pruneFrom, o.hide,
      o.show, o.showFrom, o.tagFocus, o.tagIgnore, o.tagShow, o.tagHide, o.noInlines, o.granularity, o.sort],
    ['dot', true, true, 'ms', true, '/s', '/t', true, '2', 2, 'a', 'b', true, 3, 0.1, 0.2, 'f', 'i', 'p', 'h', 's', 'sf', 'tf', 'ti', 'ts', 'th',
      true, 'addresses', 'cum']);
    assert.equal(c.output, 'o.dot');
    assert.equal(c.seconds, 5);
    assert.equal(c.timeout, 9);
  });
});
