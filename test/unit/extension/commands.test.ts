// Commands in one place: src/extension/commands.ts registers every command of the extension (no other
// file calls registerCommand), and what it registers is exactly what package.json declares.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const extensionDir = path.join(repoRoot, 'src', 'extension');

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [{ file: path.relative(repoRoot, p), text: fs.readFileSync(p, 'utf8') }] : [];
  });
}

const all = sources(extensionDir);
const commandsFile = path.join('src', 'extension', 'commands.ts');

/** Command ids named by constants (`const fooCommand = 'pprofLens.foo'`) anywhere in the extension. */
function constants(): Map<string, string> {
  const m = new Map<string, string>();
  for (const { text } of all) for (const c of text.matchAll(/const (\w+) = '(pprofLens\.[\w.]+)'/g)) m.set(c[1], c[2]);
  return m;
}

test('no file but commands.ts registers a command', () => {
  const others = all.filter((s) => s.file !== commandsFile && /commands\.registerCommand\(|registerTextEditorCommand\(/.test(s.text));
  assert.deepEqual(others.map((s) => s.file), []);
});

test('commands.ts registers exactly the commands package.json declares', () => {
  const code = all.find((s) => s.file === commandsFile)!.text;
  const names = constants();
  const registered: string[] = [];
  for (const m of code.matchAll(/^\s*(?:for \(.*\) )?registerCommand\(([^,]+),/gm)) {
    const arg = m[1].trim();
    if (arg === 'cmd.id') continue; // the capture commands, below
    const lit = /^'(pprofLens\.[\w.]+)'$/.exec(arg);
    const id = lit ? lit[1] : names.get(arg);
    assert.ok(id, `${arg} names a command id`);
    registered.push(id);
  }
  const capture = all.find((s) => s.file.endsWith(path.join('capture', 'registerCapture.ts')))!.text;
  const list = capture.slice(capture.indexOf('CAPTURE_COMMANDS'), capture.indexOf('];', capture.indexOf('CAPTURE_COMMANDS')));
  const captureIds = [...list.matchAll(/id: '(pprofLens\.[\w.]+)'/g)].map((m) => m[1]);
  assert.ok(captureIds.length >= 5, captureIds.join(', '));
  registered.push(...captureIds);

  assert.equal(new Set(registered).size, registered.length, 'each command registered once');
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const declared: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual([...registered].sort(), [...declared].sort());
});
