// package.json declares Profile Test: its commands (category "Pprof Lens"), settings, activation on Go files.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { packageJson } from '../packageJson';

const pkg = packageJson;
const c = pkg.contributes;

describe('package.json contributions for Profile Test', () => {
  it('commands in the Pprof Lens category; the CPU shortcut only from the CodeLens', () => {
    const titles = new Map<string, string>(c.commands.map((x: { command: string; title: string; category?: string }) => [x.command, `${x.category}: ${x.title}`]));
    assert.equal(titles.get('pprofLens.profileTest'), 'Pprof Lens: Profile Test…');
    assert.equal(titles.get('pprofLens.profileTestCpu'), 'Pprof Lens: Profile Test (CPU)');
    const palette = new Map<string, string>(c.menus.commandPalette.map((x: { command: string; when: string }) => [x.command, x.when]));
    assert.equal(palette.get('pprofLens.profileTestCpu'), 'false');
    assert.equal(palette.get('pprofLens.profileTest'), 'editorLangId == go');
  });
  it('settings with their defaults', () => {
    const p = c.configuration.properties;
    assert.equal(p['pprofLens.testProfiling.codeLens'].default, true);
    assert.deepEqual(p['pprofLens.testProfiling.flags'].default, []);
    assert.equal(p['pprofLens.testProfiling.benchtime'].default, '1s');
    const re = new RegExp(p['pprofLens.testProfiling.benchtime'].pattern);
    for (const ok of ['1s', '500ms', '1m30s', '100x']) assert.ok(re.test(ok), ok);
    for (const bad of ['', 'fast', '1']) assert.ok(!re.test(bad), bad);
  });
  it('activates on Go files (the CodeLens) and on its commands', () => {
    for (const e of ['onLanguage:go', 'onCommand:pprofLens.profileTest', 'onCommand:pprofLens.profileTestCpu']) {
      assert.ok(pkg.activationEvents.includes(e), e);
    }
  });
});
