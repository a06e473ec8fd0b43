// Test helper: `go tool pprof` flags -> ReportOptions (only what the report tests use).
import { defaultReportOptions, ReportOptions } from '../../../src/core/report/reportOptions';

export function optionsFromFlags(flags: string): ReportOptions {
  const o = defaultReportOptions();
  for (const a of flags.split(/\s+/).filter((x) => x !== '')) {
    const m = /^--?([a-z_]+)(?:=(.*))?$/s.exec(a);
    if (!m) throw new Error('bad flag ' + a);
    const k = m[1];
    const v = m[2] ?? '';
    switch (k) {
      case 'top':
      case 'text':
        o.format = 'text';
        break;
      case 'traces':
      case 'tree':
      case 'dot':
      case 'tags':
      case 'comments':
      case 'raw':
        o.format = k;
        break;
      case 'peek':
      case 'list':
        o.format = k;
        o.symbol = v;
        break;
      case 'flat':
      case 'cum':
        o.sort = k;
        break;
      case 'functions':
      case 'filefunctions':
      case 'files':
      case 'lines':
      case 'addresses':
        o.granularity = k;
        break;
      case 'noinlines':
        o.noInlines = true;
        break;
      case 'compact_labels':
        o.compactLabels = true;
        break;
      case 'nodecount':
        o.nodeCount = Number(v);
        break;
      case 'nodefraction':
        o.nodeFraction = Number(v);
        break;
      case 'edgefraction':
        o.edgeFraction = Number(v);
        break;
      case 'unit':
        o.unit = v;
        break;
      case 'sample_index':
        o.sampleIndex = v;
        break;
      case 'mean':
        o.mean = true;
        break;
      case 'call_tree':
        o.callTree = true;
        break;
      case 'relative_percentages':
        o.relativePercentages = true;
        break;
      case 'divide_by':
        o.divideBy = Number(v);
        break;
      case 'trim_path':
        o.trimPath = v;
        break;
      case 'source_path':
        o.sourcePath = v;
        break;
      case 'drop_negative':
        o.dropNegative = true;
        break;
      case 'trim':
        o.trim = v !== 'false';
        break;
      case 'focus':
        o.focus = v;
        break;
      case 'ignore':
        o.ignore = v;
        break;
      case 'hide':
        o.hide = v;
        break;
      case 'show':
        o.show = v;
        break;
      case 'show_from':
        o.showFrom = v;
        break;
      case 'prune_from':
        o.pruneFrom = v;
        break;
      case 'tagfocus':
        o.tagFocus = v;
        break;
      case 'tagignore':
        o.tagIgnore = v;
        break;
      case 'tagshow':
        o.tagShow = v;
        break;
      case 'taghide':
        o.tagHide = v;
        break;
      case 'tagroot':
        o.tagRoot = v;
        break;
      case 'tagleaf':
        o.tagLeaf = v;
        break;
      case 'symbolize':
        break;
      default:
        throw new Error('unsupported flag ' + a);
    }
  }
  return o;
}
