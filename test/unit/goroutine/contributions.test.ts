// package.json declares the goroutine view's and the watches' commands, menus and settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fixtureDir } from '../profile/fixturePath';

const pkg = JSON.parse(fs.readFileSync(path.join(fixtureDir, '..', '..', '..', 'package.json'), 'utf8'));

test('comparison, goroutine view and watch commands, titled as in the issue', () => {
  const titles = new Map<string, string>(pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]));
  assert.equal(titles.get('pprofLens.compareWithBase'), 'Pprof Lens: Compare With Base…');
  assert.equal(titles.get('pprofLens.profiles.compare'), 'Pprof Lens: Compare');
  assert.equal(titles.get('pprofLens.showGoroutines'), 'Pprof Lens: Show Goroutines');
  assert.equal(titles.get('pprofLens.watchGoroutines'), 'Pprof Lens: Watch Goroutines');
  assert.equal(titles.get('pprofLens.watchHeap'), 'Pprof Lens: Watch Heap');
  const ctx = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
  assert.ok(ctx.some((m) => m.command === 'pprofLens.profiles.compare' && m.when.includes('listMultiSelection')));
  // Execution traces are not profiles: no Compare on them.
  assert.ok(ctx.some((m) => m.command === 'pprofLens.profiles.compare' && m.when.includes('viewItem != pprofLens.capture.trace')));
  const interval = pkg.contributes.configuration.properties['pprofLens.watchInterval'];
  assert.equal(interval.default, 10);
  for (const id of ['pprofLens.compareWithBase', 'pprofLens.showGoroutines', 'pprofLens.watchGoroutines', 'pprofLens.watchHeap']) {
    assert.ok(pkg.activationEvents.includes(`onCommand:${id}`), id);
  }
});
