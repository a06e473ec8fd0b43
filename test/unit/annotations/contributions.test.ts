// package.json declares what the source annotations use: their commands, every theme colour the
// code asks for (so themes can override them), and the settings.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './listOracle';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const c = pkg.contributes;

test('commands, titled as in the issue', () => {
  const titles = new Map<string, string>(c.commands.map((x: { command: string; title: string; category?: string }) => [x.command, `${x.category}: ${x.title}`]));
  assert.equal(titles.get('pprofLens.annotateSourceWith'), 'Pprof Lens: Annotate Source With…');
  assert.equal(titles.get('pprofLens.toggleSourceAnnotations'), 'Pprof Lens: Toggle Source Annotations');
  assert.equal(titles.get('pprofLens.unresolvedSourceFiles'), 'Pprof Lens: Unresolved Source Files');
  // Every command the code registers is declared.
  const dir = path.join(repoRoot, 'src', 'extension', 'annotations');
  const code = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n') +
    fs.readFileSync(path.join(repoRoot, 'src', 'extension', 'sessions', 'sessionStatusBar.ts'), 'utf8');
  const registered = [...code.matchAll(/registerCommand\('(pprofLens\.[A-Za-z]+)'/g), ...code.matchAll(/Command = '(pprofLens\.[A-Za-z]+)'/g)].map((m) => m[1]);
  assert.ok(registered.length >= 6, registered.join(', '));
  for (const id of registered) assert.ok(titles.has(id), `${id} is declared`);
});

test('every ThemeColor the decorations use is contributed, with light and dark defaults', () => {
  const colors = new Map<string, { defaults: Record<string, string | null> }>(c.colors.map((x: { id: string; defaults: Record<string, string | null> }) => [x.id, x]));
  const src = fs.readFileSync(path.join(repoRoot, 'src', 'extension', 'annotations', 'decorations.ts'), 'utf8');
  const ids = [...src.matchAll(/ThemeColor\(['`]([^'`]+)['`]\)/g)].flatMap((m) =>
    m[1].includes('${level}') ? [1, 2, 3, 4, 5].map((l) => m[1].replace('${level}', String(l))) : [m[1]]);
  assert.ok(ids.length >= 12, ids.join(', '));
  for (const id of ids) {
    const col = colors.get(id);
    assert.ok(col, `${id} contributed`);
    assert.match(col.defaults.dark ?? '', /^#[0-9a-f]{6,8}$/i, id);
    assert.match(col.defaults.light ?? '', /^#[0-9a-f]{6,8}$/i, id);
  }
});

test('settings: path mappings and the CodeLens switch', () => {
  const props = c.configuration.properties;
  assert.equal(props['pprofLens.pathMappings'].type, 'array');
  assert.deepEqual(props['pprofLens.pathMappings'].items.required, ['from', 'to']);
  assert.equal(props['pprofLens.sourceAnnotations.codeLens'].default, true);
});
