// The flame tree as the columns the webview receives (plain number arrays: postMessage carries them
// cheaply and exactly). Host code of the flame graph panel: it speaks the protocol, which core does not.
import type { FlameColumns } from '../../protocol/messages';
import type { FlameTree } from '../../core/flame/flameTree';

/** The flame tree as the flame graph webview's message columns (typed arrays copied to plain arrays). */
export function flameColumns(t: FlameTree): FlameColumns {
  return {
    names: t.names,
    files: t.files,
    lines: Array.from(t.lines),
    parent: Array.from(t.parent),
    frame: Array.from(t.frame),
    flat: Array.from(t.flat),
    cum: Array.from(t.cum),
    width: Array.from(t.width),
    x: Array.from(t.x),
    depth: Array.from(t.depth),
    inline: Array.from(t.inline),
    total: t.total,
    sampleType: t.sampleType,
    unit: t.unit,
    outputUnit: t.outputUnit,
    ratio: t.ratio,
    maxDepth: t.maxDepth,
    diff: t.diff,
    mergedFrame: t.mergedFrame,
  };
}
