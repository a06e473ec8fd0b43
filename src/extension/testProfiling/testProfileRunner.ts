// Profiling one test or benchmark from the editor: go test under a progress notification with
// Cancel, its output streamed to the "Pprof Lens: go test" channel, the profile saved into the
// capture storage like a capture (temp file + link, JSON sidecar) and opened in the profile editor.
// A failing test still gives a profile: it opens, with a warning quoting the failure.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { loadProfileWithZlib } from '../../collect/nativeGunzip';
import { emptyCpuProfileAdvice, packageSeconds } from '../../core/goTest/emptyProfileAdvice';
import { findTestFunctions } from '../../core/goTest/testFunctions';
import { captureKind } from '../../collect/captureKind';
import { captureFileName } from '../../collect/captureName';
import { goPackageOf } from '../../collect/goPackage';
import { captureKindOfTestProfile, profileGoTest } from '../../collect/goTestProfile';
import { saveCaptureOrFallback } from '../capture/captureRunner';
import { describeGoTest, testProfileKind, TestProfileKindId } from '../../core/goTest/goTestCommand';
import type { Log } from '../log';
import { requireTrust } from '../workspaceTrust';
import { messageText } from '../../core/text/untrustedText';
import { goBinary, testProfilingSettings } from './testProfilingSettings';

export interface TestProfileRequest {
  /** The _test.go file (its folder is the package). */
  file: vscode.Uri;
  name: string;
  kind: 'test' | 'benchmark';
  profile: TestProfileKindId;
  /** Flags added to pprofLens.testProfiling.flags for this run (e.g. "-count=500" after an empty profile). */
  extraFlags?: string[];
  /** -benchtime for this run instead of pprofLens.testProfiling.benchtime. */
  benchtime?: string;
}

export interface TestProfileSink {
  storageDir(): string;
  fallbackDir: string;
  /** Lists and shows a saved profile (the Profiles view, the profile editor). */
  show(p: string): Promise<void>;
}

const SHOW_OUTPUT = 'Show Output';

export class TestProfileRunner implements vscode.Disposable {
  private readonly output = vscode.window.createOutputChannel('Pprof Lens: go test');

  constructor(private readonly log: Log, private readonly sink: TestProfileSink) {}

  /** Runs it and shows the outcome; resolves to the saved profile's path, if any. */
  async run(req: TestProfileRequest): Promise<string | undefined> {
    // go list and go test run the workspace's code with its settings' flags and Go: trusted folders only.
    if (!requireTrust('Profile Test')) return undefined;
    const dir = path.dirname(req.file.fsPath);
    const configured = testProfilingSettings(req.file);
    const settings = { ...configured, flags: [...configured.flags, ...(req.extraFlags ?? [])], benchtime: req.benchtime ?? configured.benchtime };
    if (settings.benchtimeProblem && req.kind === 'benchmark') {
      void vscode.window.showWarningMessage(`Pprof Lens: pprofLens.testProfiling.benchtime: ${settings.benchtimeProblem}. Using 1s.`);
    }
    const pkg = await goPackageOf(dir);
    const kind = testProfileKind(req.profile);
    const test = { name: req.name, kind: req.kind };
    const command = describeGoTest({ test, kind: req.profile, benchtime: settings.benchtime, extraFlags: settings.flags }, pkg.importPath);
    const go = goBinary(req.file);
    const started = new Date();
    this.output.appendLine(`\n[${started.toISOString()}] ${command}    (in ${dir}${go === 'go' ? '' : `, go: ${go}`})`);
    this.log.info(`profile ${req.kind} ${req.name} (${kind.id}) in ${dir}: ${command}`);

    const abort = new AbortController();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Profiling ${req.name}…`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        progress.report({ message: 'building and running…' });
        let partial = '';
        return profileGoTest({
          goBinary: go, dir, test, kind: req.profile, benchtime: settings.benchtime, extraFlags: settings.flags, signal: abort.signal,
          onOutput: (text) => {
            this.output.append(text);
            // The last complete line is the progress message ("BenchmarkX-8  1000  1234 ns/op").
            const lines = (partial + text).split('\n');
            partial = lines.pop() ?? '';
            const last = lines.map((l) => l.trim()).filter((l) => l !== '').pop();
            if (last) progress.report({ message: last.length > 90 ? `${last.slice(0, 89)}…` : last });
          },
        });
      },
    );

    switch (result.status) {
      case 'cancelled':
        this.output.appendLine('(cancelled)');
        this.log.info(`profile ${req.name} cancelled`);
        vscode.window.setStatusBarMessage(`Pprof Lens: profiling ${req.name} cancelled`, 4000);
        return undefined;
      case 'no-go':
        this.output.appendLine(result.message);
        this.log.error(`profile ${req.name}: ${result.message}`);
        void vscode.window.showErrorMessage(messageText(`Pprof Lens: cannot profile ${req.name}: ${result.message}.`));
        return undefined;
      case 'build-failed':
        this.output.appendLine(`(exit status ${result.exitCode}: the package did not build)`);
        this.log.error(`profile ${req.name}: ${pkg.importPath} did not build`);
        this.offerOutput(vscode.window.showErrorMessage(messageText(`Pprof Lens: ${pkg.importPath} does not build: ${result.lines.slice(0, 3).join('  ')}`, 600), SHOW_OUTPUT));
        return undefined;
      case 'no-profile': {
        const why = result.signal ? `killed by ${result.signal}` : `exit status ${result.exitCode}`;
        this.output.appendLine(`(${why}; no profile was written)`);
        this.log.error(`profile ${req.name}: go test ended without a profile (${why})`);
        const excerpt = result.excerpt.length ? `: ${result.excerpt.slice(0, 4).join('  ')}` : '.';
        this.offerOutput(vscode.window.showErrorMessage(messageText(`Pprof Lens: go test ended without writing a profile of ${req.name} (${why})${excerpt}`, 600), SHOW_OUTPUT));
        return undefined;
      }
      case 'profiled':
        break;
    }

    this.output.appendLine(`(exit status ${result.exitCode}; ${kind.label.toLowerCase()} profile: ${result.bytes.length} bytes)`);
    if (result.ranNothing) {
      this.log.info(`profile ${req.name}: go test ran nothing`);
      this.offerOutput(vscode.window.showWarningMessage(
        `Pprof Lens: go test found no ${req.kind} named ${req.name} in ${pkg.importPath} (check pprofLens.testProfiling.flags, e.g. build tags); nothing was saved.`,
        SHOW_OUTPUT,
      ));
      return undefined;
    }
    const capture = captureKind(captureKindOfTestProfile(req.profile));
    // Named and grouped as a test, not as a live capture: "<package>-<TestName>-cpu-<time>.pb.gz".
    const name = captureFileName(`${pkg.shortName}-${req.name}`, capture, started);
    const meta = {
      source: command,
      target: pkg.shortName,
      kind: capture.id,
      test: req.name,
      testKind: req.kind,
      package: pkg.importPath,
      dir,
      benchtime: req.kind === 'benchmark' ? settings.benchtime : undefined,
      flags: settings.flags.length ? settings.flags : undefined,
      testFailed: result.testFailed || undefined,
      capturedAt: started.toISOString(),
      elapsedMs: result.elapsedMs,
    };
    const saved = await saveCaptureOrFallback(this.sink.storageDir(), this.sink.fallbackDir, name, result.bytes, meta, this.log, `the profile of ${req.name}`);
    this.log.info(`saved the profile of ${req.name} to ${saved.path} (${result.bytes.length} bytes, ${result.elapsedMs} ms)`);
    this.output.appendLine(`saved: ${saved.path}`);
    await this.sink.show(saved.path);
    if (req.profile === 'cpu' && !result.testFailed && isEmptyProfile(result.bytes)) {
      this.adviseEmpty(req, result.output, settings.benchtime);
    }
    if (result.testFailed) {
      const excerpt = result.excerpt.length ? `: ${result.excerpt.slice(0, 4).join('  ')}` : '.';
      this.offerOutput(vscode.window.showWarningMessage(messageText(`Pprof Lens: ${req.name} failed (its profile is open)${excerpt}`, 600), SHOW_OUTPUT));
    }
    return saved.path;
  }

  /** A CPU profile without samples: the test ran too briefly for 100 Hz sampling; buttons re-run it usefully. */
  private adviseEmpty(req: TestProfileRequest, output: string, benchtime: string): void {
    let benchmarks: string[] = [];
    try {
      benchmarks = findTestFunctions(fs.readFileSync(req.file.fsPath, 'utf8')).filter((f) => f.kind === 'benchmark').map((f) => f.name);
    } catch {
      // the file is gone: no benchmark to offer
    }
    const advice = emptyCpuProfileAdvice({ name: req.name, kind: req.kind, seconds: packageSeconds(output), benchmarks, benchtime });
    this.log.info(`profile ${req.name}: the CPU profile has no samples; offered ${advice.actions.map((a) => a.label).join(', ')}`);
    void vscode.window.showWarningMessage(`Pprof Lens: ${advice.message}`, ...advice.actions.map((a) => a.label)).then(async (choice) => {
      const action = advice.actions.find((a) => a.label === choice);
      if (!action) return;
      if ('flags' in action) await this.run({ ...req, extraFlags: [...(req.extraFlags ?? []), ...action.flags] });
      else if ('benchtime' in action) await this.run({ ...req, benchtime: action.benchtime });
      else {
        const name = 'benchmark' in action ? action.benchmark
          : await vscode.window.showQuickPick(action.chooseBenchmark, { title: 'Pprof Lens: Profile Benchmark', placeHolder: 'Which benchmark?' });
        if (name) await this.run({ file: req.file, name, kind: 'benchmark', profile: 'cpu' });
      }
    });
  }

  private offerOutput(choice: Thenable<string | undefined>): void {
    void choice.then((c) => {
      if (c === SHOW_OUTPUT) this.output.show(true);
    });
  }

  dispose(): void {
    this.output.dispose();
  }
}

/** Whether a profile has no sample with a non-zero value (what the profile editor calls empty). */
function isEmptyProfile(bytes: Uint8Array): boolean {
  try {
    return !loadProfileWithZlib(bytes, 'profile').sample.some((x) => x.value.some((v) => v !== 0));
  } catch {
    return false; // unreadable: the profile editor says why
  }
}
