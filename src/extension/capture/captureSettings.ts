// Settings of capturing (pprofLens.targets, pprofLens.storageDir, pprofLens.cpuProfileSeconds,
// pprofLens.traceSeconds) and where captures are kept.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { CaptureTarget, parseTargetUrl } from '../../collect/captureTarget';

export interface ConfiguredTarget extends CaptureTarget {
  /** Why an entry was skipped, for the log; undefined when usable. */
  problem?: string;
}

/** pprofLens.targets: [{ name, url, headers? }]; unusable entries are returned with a problem. */
export function configuredTargets(): ConfiguredTarget[] {
  const raw = vscode.workspace.getConfiguration('pprofLens').get<unknown>('targets', []);
  if (!Array.isArray(raw)) return [];
  const out: ConfiguredTarget[] = [];
  for (const t of raw) {
    if (typeof t !== 'object' || t === null) continue;
    const { name, url, headers } = t as { name?: unknown; url?: unknown; headers?: unknown };
    const parsed = typeof url === 'string' ? parseTargetUrl(url) : { ok: false as const, message: 'no "url"' };
    const h: Record<string, string> = {};
    if (typeof headers === 'object' && headers !== null) {
      for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') h[k] = v;
    }
    if (!parsed.ok) {
      out.push({ name: String(name ?? url ?? '?'), baseUrl: '', problem: parsed.message });
      continue;
    }
    out.push({
      name: typeof name === 'string' && name.trim() ? name.trim() : new URL(parsed.baseUrl).host,
      baseUrl: parsed.baseUrl,
      headers: Object.keys(h).length > 0 ? h : undefined,
    });
  }
  return out;
}

export function cpuProfileSeconds(): number {
  return clampSeconds(vscode.workspace.getConfiguration('pprofLens').get<number>('cpuProfileSeconds', 30), 30);
}

export function traceSeconds(): number {
  return clampSeconds(vscode.workspace.getConfiguration('pprofLens').get<number>('traceSeconds', 5), 5);
}

function clampSeconds(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.min(3600, Math.trunc(v)) : fallback;
}

/**
 * Where captures are written: pprofLens.storageDir (absolute, "~/…", or relative to the first
 * workspace folder; "${workspaceFolder}" is expanded), else the workspace's ".pprof" folder, else the
 * extension's global storage.
 */
export function captureStorageDir(context: vscode.ExtensionContext): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  const globalDir = path.join(context.globalStorageUri.fsPath, 'captures');
  let s = (vscode.workspace.getConfiguration('pprofLens').get<string>('storageDir', '') ?? '').trim();
  if (s === '') return folder ? path.join(folder, '.pprof') : globalDir;
  if (s.includes('${workspaceFolder}')) {
    if (!folder) return globalDir;
    s = s.split('${workspaceFolder}').join(folder);
  }
  if (s === '~' || s.startsWith('~/')) s = path.join(os.homedir(), s.slice(1));
  if (path.isAbsolute(s)) return path.normalize(s);
  return path.join(folder ?? globalDir, s);
}
