// package.json declares the PGO commands where they belong: Create default.pgo… in the
// command palette, on CPU captures in the Profiles view and in a CPU profile's editor title; Show PGO
// Hot Call Sites on default.pgo files; Measure PGO Gain in Go editors; the PGO view in the Pprof Lens
// container; activation for all.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { packageJson } from '../packageJson';

// The ids of src/extension/pgo (which needs the vscode module, absent in unit tests).
const createDefaultPgoCommand = 'pprofLens.createDefaultPgo';
const showPgoHotCallSitesCommand = 'pprofLens.showPgoHotCallSites';
const PGO_VIEW_ID = 'pprofLens.pgo';
const measurePgoGainCommand = 'pprofLens.measurePgoGain';

const c = packageJson.contributes;
type MenuItem = { command: string; when?: string };

test('the PGO commands, titled as in the issue, and where they appear', () => {
  const titles = new Map<string, string>(c.commands.map((x: { command: string; title: string; category?: string }) => [x.command, `${x.category}: ${x.title}`]));
  assert.equal(titles.get(createDefaultPgoCommand), 'Pprof Lens: Create default.pgo…');
  assert.equal(titles.get(showPgoHotCallSitesCommand), 'Pprof Lens: Show PGO Hot Call Sites');
  assert.equal(titles.get(measurePgoGainCommand), 'Pprof Lens: Measure PGO Gain');
  const inMenu = (menu: string, cmd: string): MenuItem[] => (c.menus[menu] as MenuItem[]).filter((m) => m.command === cmd);
  assert.match(inMenu('commandPalette', measurePgoGainCommand)[0]?.when ?? '', /editorLangId == go/);
  assert.match(inMenu('view/item/context', createDefaultPgoCommand)[0]?.when ?? '', /view == pprofLens\.profiles && viewItem == pprofLens\.capture\.cpu/);
  assert.match(inMenu('editor/title', createDefaultPgoCommand)[0]?.when ?? '', /activeCustomEditorId == pprofLens\.profileEditor && pprofLens\.activeProfileIsCpu/);
  assert.match(inMenu('explorer/context', showPgoHotCallSitesCommand)[0]?.when ?? '', /resourceFilename == default\.pgo/);
  assert.equal(inMenu('commandPalette', createDefaultPgoCommand).length, 0, 'not hidden from the palette');
  assert.ok(c.views.pprofLens.some((v: { id: string }) => v.id === PGO_VIEW_ID));
  for (const e of [`onCommand:${createDefaultPgoCommand}`, `onCommand:${showPgoHotCallSitesCommand}`, `onView:${PGO_VIEW_ID}`, `onCommand:${measurePgoGainCommand}`]) {
    assert.ok(packageJson.activationEvents.includes(e), e);
  }
});
