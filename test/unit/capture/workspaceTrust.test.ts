// Restricted Mode: package.json declares limited support with the settings a cloned repository could
// plant (VS Code ignores their workspace values until the folder is trusted), and every extension file
// that runs a program or sends a request checks trust first.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { packageJson, packageJsonPath } from '../packageJson';

const repoRoot = path.dirname(packageJsonPath);

describe('package.json: capabilities.untrustedWorkspaces', () => {
  const cap = packageJson.capabilities?.untrustedWorkspaces;

  it('limited support, with a description saying what is off', () => {
    assert.equal(cap?.supported, 'limited');
    assert.match(cap.description, /Restricted Mode/);
    assert.match(cap.description, /[Cc]apturing/);
    assert.match(cap.description, /Profile Test/);
  });

  it('restricts the settings that choose targets, folders, paths and go test flags; each one is contributed', () => {
    const props = Object.keys(packageJson.contributes.configuration.properties ?? {});
    const restricted: string[] = cap.restrictedConfigurations;
    for (const s of ['pprofLens.targets', 'pprofLens.storageDir', 'pprofLens.pathMappings', 'pprofLens.testProfiling.flags', 'pprofLens.testProfiling.benchtime']) {
      assert.ok(restricted.includes(s), `${s} is restricted`);
    }
    for (const s of restricted) assert.ok(props.includes(s), `${s} is a contributed setting`);
    assert.equal(new Set(restricted).size, restricted.length);
  });

  it('the settings that carry headers, paths or flags (arrays, folder strings) are all restricted', () => {
    const props: Record<string, { type: string | string[] }> = packageJson.contributes.configuration.properties;
    const risky = Object.entries(props).filter(([k, v]) => v.type === 'array' || /Dir$|[Pp]ath/.test(k)).map(([k]) => k);
    assert.ok(risky.length >= 4, risky.join(', '));
    for (const k of risky) assert.ok(cap.restrictedConfigurations.includes(k), `${k} is restricted`);
  });
});

describe('code that runs programs or sends requests checks workspace trust', () => {
  const dir = path.join(repoRoot, 'src', 'extension');
  const files = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : []);
  // Imports that spawn processes (child_process, go list / go test, ps / lsof) or send HTTP requests.
  const risky = /from '(?:node:)?child_process'|from '[./]*collect\/(?:fetchProfile|probePprof|goTestProfile|goPackage|listeningPorts|pgoFiles|pgoBench)'/;

  it('every such file calls isTrusted() or requireTrust()', () => {
    const found = files(dir).filter((f) => risky.test(fs.readFileSync(f, 'utf8')));
    const names = found.map((f) => path.relative(dir, f)).sort();
    // The places this covers today (a new one joins the list and must check too).
    for (const want of ['annotations/sourceLocator.ts', 'capture/captureRunner.ts', 'capture/debugTargets.ts', 'testProfiling/testProfileRunner.ts', 'watch/watcher.ts', 'pgo/registerPgo.ts', 'pgo/pgoGain.ts']) {
      assert.ok(names.includes(want), `${want} in ${names.join(', ')}`);
    }
    for (const f of found) {
      assert.match(fs.readFileSync(f, 'utf8'), /\b(isTrusted|requireTrust)\(/, `${path.relative(dir, f)} checks workspace trust`);
    }
  });
});
