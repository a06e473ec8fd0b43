// Status bar item of the active profile: "$(flame) service.cpu.pb.gz · cpu"; clicking it switches
// the sample type the source annotations show (all annotations follow at once).
import * as vscode from 'vscode';
import { labelText, oneLine } from '../../core/text/untrustedText';
import { activeProfiles } from './activeProfiles';

export const selectSampleTypeCommand = 'pprofLens.selectAnnotationSampleType';

export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pprofLens.activeProfile', vscode.StatusBarAlignment.Left, 50);
  private readonly sub: vscode.Disposable;

  constructor() {
    this.item.name = 'Pprof Lens: Active Profile';
    this.item.command = selectSampleTypeCommand;
    this.sub = activeProfiles.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const s = activeProfiles.active();
    if (!s) {
      this.item.hide();
      return;
    }
    const st = s.profile.sampleType[s.sampleIndex];
    // The label and sample type come from the file and the profile: text, not $(icons).
    this.item.text = `$(flame) ${labelText(s.label)} · ${labelText(st?.type ?? '?')}`;
    const others = s.profile.sampleType.length > 1 ? ' Click to show another sample type.' : '';
    this.item.tooltip = `Pprof Lens: source annotations show ${oneLine(st?.type ?? '')} (${oneLine(st?.unit ?? '')}) of ${oneLine(s.label)}.${others}`;
    this.item.show();
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }
}
