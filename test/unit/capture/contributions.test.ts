// package.json declares what capture needs: the capture commands (category "Pprof Lens"), the
// Profiles view in its own activity-bar container, and the capture settings.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { packageJson, packageJsonPath } from '../packageJson';

const pkg = packageJson;
const c = pkg.contributes;

describe('package.json contributions for capturing', () => {
  it('capture commands, titled as in the issue', () => {
    const titles = new Map<string, string>(c.commands.map((x: { command: string; title: string; category?: string }) => [x.command, `${x.category}: ${x.title}`]));
    const want: Record<string, string> = {
      'pprofLens.profile30s': 'Pprof Lens: Profile 30s',
      'pprofLens.profileCpu': 'Pprof Lens: Profile CPU…',
      'pprofLens.captureHeap': 'Pprof Lens: Capture Heap Profile',
      'pprofLens.captureAllocs': 'Pprof Lens: Capture Allocs Profile',
      'pprofLens.captureGoroutine': 'Pprof Lens: Capture Goroutine Profile',
      'pprofLens.captureGoroutineDump': 'Pprof Lens: Capture Goroutine Dump',
      'pprofLens.captureGoroutineLeak': 'Pprof Lens: Capture Goroutine Leak Profile',
      'pprofLens.captureBlock': 'Pprof Lens: Capture Block Profile',
      'pprofLens.captureMutex': 'Pprof Lens: Capture Mutex Profile',
      'pprofLens.captureThreadcreate': 'Pprof Lens: Capture Threadcreate Profile',
      'pprofLens.captureTrace': 'Pprof Lens: Capture Execution Trace…',
      'pprofLens.selectTarget': 'Pprof Lens: Select Capture Target…',
    };
    for (const [id, title] of Object.entries(want)) assert.equal(titles.get(id), title, id);
  });
  it('every command used in a menu is declared', () => {
    const declared = new Set(c.commands.map((x: { command: string }) => x.command));
    for (const [menu, items] of Object.entries(c.menus as Record<string, { command: string }[]>)) {
      for (const it of items) assert.ok(declared.has(it.command), `${menu}: ${it.command}`);
    }
  });
  it('Capture Goroutine Leak Profile is in the Profiles view\'s title menu and on its targets', () => {
    for (const menu of ['view/title', 'view/item/context']) {
      assert.ok((c.menus[menu] as { command: string }[]).some((m) => m.command === 'pprofLens.captureGoroutineLeak'), menu);
    }
  });
  it('the Profiles view in the Pprof Lens container, and the settings', () => {
    assert.ok(c.viewsContainers.activitybar.some((v: { id: string; icon: string }) => v.id === 'pprofLens' && fs.existsSync(path.join(path.dirname(packageJsonPath), v.icon))));
    assert.ok(c.views.pprofLens.some((v: { id: string }) => v.id === 'pprofLens.profiles'));
    for (const k of ['pprofLens.targets', 'pprofLens.storageDir', 'pprofLens.cpuProfileSeconds', 'pprofLens.traceSeconds', 'pprofLens.watchLeakProfile']) {
      assert.ok(c.configuration.properties[k], k);
    }
  });
});
