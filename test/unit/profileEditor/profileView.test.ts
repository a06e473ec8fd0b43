// The profile editor's view of a profile under the options chosen in its other views (flame graph,
// call graph): the filters and the granularity give the table `pprof-lens -top` prints with the same
// flags, and the summary names them; an empty table says why it is empty.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { loadProfile } from '../../../src/core/profile/loadProfile';
import type { Profile } from '../../../src/core/profile/profile';
import { defaultReportOptions } from '../../../src/core/report/reportOptions';
import { topTable } from '../../../src/core/report/topTable';
import { buildProfileView } from '../../../src/extension/profileEditor/profileView';
import { noFilters } from '../../../src/extension/sessions/sessionFilters';
import { emptyText } from '../../../webview-ui/profileEditor/emptyTable';
import { generatedDir } from '../annotations/listOracle';

const read = (name: string): Profile => {
  const file = path.join(generatedDir, name);
  return loadProfile(new Uint8Array(fs.readFileSync(file)), file);
};
const cpu = read('service.cpu.pb.gz');
const cpuIndex = cpu.sampleType.findIndex((t) => t.type === 'cpu');

test('no filters, functions: the summary names none', () => {
  const v = buildProfileView(cpu, 'cpu.pb.gz', '/x/cpu.pb.gz', cpuIndex);
  assert.equal(v.summary.filters, undefined);
  assert.equal(v.summary.granularity, undefined);
  assert.ok(v.top.name.length > 0);
});

test('filters from the flame graph: the table is -top -focus, and the summary lists them as pprof does', () => {
  const focus = '^main\\.cpuLoop$';
  const v = buildProfileView(cpu, 'cpu.pb.gz', '/x/cpu.pb.gz', cpuIndex, { ...noFilters, focus, hide: 'runtime' });
  assert.deepEqual(v.summary.filters, [`focus=${focus}`, 'hide=runtime']);
  const want = topTable(cpu, { ...defaultReportOptions(), sampleIndex: String(cpuIndex), focus, hide: 'runtime' });
  assert.deepEqual(v.top.name, want.rows.map((r) => r.name));
  assert.deepEqual(v.top.flatText, want.rows.map((r) => r.flatText));
  assert.ok(v.summary.legend.some((l) => l.startsWith('Showing nodes accounting for')), v.summary.legend.join('\n'));
});

test('granularity from the flame graph: the table is -top -lines', () => {
  const v = buildProfileView(cpu, 'cpu.pb.gz', '/x/cpu.pb.gz', cpuIndex, noFilters, undefined, 'lines');
  assert.equal(v.summary.granularity, 'lines');
  const want = topTable(cpu, { ...defaultReportOptions(), sampleIndex: String(cpuIndex), granularity: 'lines' });
  assert.deepEqual(v.top.name, want.rows.map((r) => r.name));
  assert.deepEqual(v.top.cumText, want.rows.map((r) => r.cumText));
  assert.ok(v.top.name.some((n) => /\.go:\d+$/.test(n)), v.top.name.join(', '));
});

test('an empty table says why: zero sample type, filters, no stacks, no samples', () => {
  const heap = read('service.heap.pb.gz');
  const zero: Profile = { ...heap, sample: heap.sample.map((s) => ({ ...s, value: s.value.map((v, i) => (heap.sampleType[i].type.startsWith('inuse') ? 0 : v)) })) };
  const inuse = zero.sampleType.findIndex((t) => t.type === 'inuse_space');
  const z = buildProfileView(zero, 'z.pb.gz', '/x/z.pb.gz', inuse);
  assert.equal(z.top.name.length, 0);
  assert.equal(emptyText(z.summary), `No inuse_space: this sample type is 0 in all ${heap.sample.length} sample records. Choose another sample type above.`);

  const none = buildProfileView(cpu, 'cpu.pb.gz', '/x/cpu.pb.gz', cpuIndex, { ...noFilters, focus: '^no such function$' });
  assert.equal(none.top.name.length, 0);
  assert.equal(emptyText(none.summary), 'No function left after the filters (focus=^no such function$).');

  const stackless: Profile = { ...cpu, sample: cpu.sample.map((s) => ({ ...s, location: [] })) };
  const s = buildProfileView(stackless, 's.pb.gz', '/x/s.pb.gz', cpuIndex);
  assert.equal(s.top.name.length, 0);
  assert.equal(emptyText(s.summary), `No function: the samples (${s.summary.totalText} in all) have no call stacks.`);

  const empty = buildProfileView({ ...cpu, sample: [] }, 'e.pb.gz', '/x/e.pb.gz', cpuIndex);
  assert.equal(emptyText(empty.summary), 'No samples: the profile is empty.');
});
