// Settings of test profiling (pprofLens.testProfiling.*) and which go binary runs the tests: the Go
// extension's go.goroot when set (its bin/go), else `go` on PATH, as the Go extension itself does.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { benchtimeProblem } from '../../core/goTest/goTestCommand';

export interface TestProfilingSettings {
  codeLens: boolean;
  flags: string[];
  benchtime: string;
  /** Why the configured benchtime was replaced by "1s", for a warning. */
  benchtimeProblem?: string;
}

export function testProfilingSettings(scope?: vscode.Uri): TestProfilingSettings {
  const c = vscode.workspace.getConfiguration('pprofLens.testProfiling', scope);
  const flags = c.get<unknown>('flags', []);
  const bt = String(c.get<string>('benchtime', '1s') ?? '1s').trim();
  const problem = benchtimeProblem(bt);
  return {
    codeLens: c.get<boolean>('codeLens', true) !== false,
    flags: Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim()) : [],
    benchtime: problem ? '1s' : bt,
    benchtimeProblem: problem,
  };
}

/** go.goroot's bin/go when that setting names a Go installation, else "go" (found on PATH). */
export function goBinary(scope?: vscode.Uri): string {
  const goroot = vscode.workspace.getConfiguration('go', scope).get<string>('goroot');
  if (typeof goroot === 'string' && goroot.trim() !== '') {
    const bin = path.join(goroot.trim(), 'bin', process.platform === 'win32' ? 'go.exe' : 'go');
    if (fs.existsSync(bin)) return bin;
  }
  return 'go';
}
