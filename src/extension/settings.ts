// The extension's settings (contributes.configuration, all under "pprofLens.").
import * as vscode from 'vscode';

export interface Settings {
  /** Sample type shown first when a profile has it (e.g. "alloc_space"); "" = the profile's default. */
  defaultSampleType: string;
  /** Files larger than this are refused before reading (MiB). */
  maxProfileSizeMiB: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('pprofLens');
  return {
    defaultSampleType: c.get<string>('defaultSampleType', '').trim(),
    maxProfileSizeMiB: Math.max(1, c.get<number>('maxProfileSizeMiB', 512)),
  };
}
