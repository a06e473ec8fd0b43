// Show Goroutines' quick pick: names from the capture folder and its sidecars (a file name, a target
// name) are shown as text: "$(icon)" in them is not an icon, a line break is a space.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CaptureEntry } from '../../../src/collect/captureLibrary';
import { goroutineSources } from '../../../src/extension/goroutines/goroutineSources';

test('hostile file and target names: no icon, one line', () => {
  const e: CaptureEntry = { path: '/w/.pprof/x', fileName: '$(warning) urgent\nrun me.txt', target: '$(check) ok', kind: 'goroutine-dump', time: 1, bytes: 10 };
  const s = goroutineSources({ kind: 'current', target: { name: 'svc $(bug)', baseUrl: 'http://127.0.0.1:6060' } }, [e], () => 't');
  assert.equal(s[0].label, '$(cloud-download) Capture from svc \\$(bug)');
  const open = s.find((x) => x.action === 'open');
  assert.equal(open?.label, '\\$(warning) urgent run me.txt');
  assert.equal(open?.action === 'open' && open.description, '\\$(check) ok · t');
});
