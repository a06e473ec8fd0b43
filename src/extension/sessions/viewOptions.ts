// One set of view options per profile (sample type, granularity, focus/ignore/hide/show, node
// limit), shared by every view of it and kept in the workspace state so a reloaded window shows the
// profile as it was left. The sample type is also the active-profile registry's (the one the source
// annotations use): changing it in one place changes it everywhere.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profile/profile';
import type { ProfileViewOptions } from '../../protocol/messages';
import { activeProfiles } from './activeProfiles';
import { initialSampleIndex } from '../profileEditor/profileView';
import { readSettings } from '../settings';

const stateKey = 'pprofLens.viewOptions';

/** The report options (pprof's flags) a view's options stand for: sample type, granularity, filters. */
export function viewReportOptions(o: ProfileViewOptions) {
  return {
    sampleIndex: String(o.sampleIndex),
    granularity: o.granularity,
    focus: o.focus,
    ignore: o.ignore,
    hide: o.hide,
    show: o.show,
  };
}
const maxRemembered = 50;

export class ViewOptionsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<{ key: string; options: ProfileViewOptions }>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The options last handed out per profile (unsaved defaults included). */
  private readonly known = new Map<string, ProfileViewOptions>();
  /** Set while update() hands a sample type to the registry: its change events are our own. */
  private updating = false;

  constructor(private readonly memento: vscode.Memento) {
    // The profile editor and the annotations' status bar item set the sample type on the registry.
    // Compared with the options the views were given (not only saved ones): a flame graph whose
    // options were never changed follows the editor's sample type too.
    this.subscription = activeProfiles.onDidChange((s) => {
      if (!s || this.updating) return;
      const cur = this.known.get(s.key) ?? this.all()[s.key];
      if (cur && cur.sampleIndex !== s.sampleIndex) this.update(s.key, { sampleIndex: s.sampleIndex }, false);
    });
  }

  private all(): Record<string, ProfileViewOptions> {
    return this.memento.get<Record<string, ProfileViewOptions>>(stateKey) ?? {};
  }

  /** The options a view of the profile was given or saved, without defaults (undefined: none yet). */
  peek(key: string): ProfileViewOptions | undefined {
    return this.known.get(key) ?? this.all()[key];
  }

  get(key: string, profile: Profile): ProfileViewOptions {
    const saved = this.all()[key];
    const session = activeProfiles.list().find((s) => s.key === key);
    const sampleIndex = session?.sampleIndex ?? saved?.sampleIndex ?? initialSampleIndex(profile, readSettings().defaultSampleType);
    const o: ProfileViewOptions = { ...defaults(), ...saved, sampleIndex };
    o.sampleIndex = Math.min(Math.max(0, o.sampleIndex), Math.max(0, profile.sampleType.length - 1));
    this.known.set(key, o);
    activeProfiles.setFilters(key, o);
    return o;
  }

  update(key: string, patch: Partial<ProfileViewOptions>, toRegistry = true): void {
    const all = this.all();
    const cur = all[key];
    const next: ProfileViewOptions = { ...defaults(), ...cur, ...this.known.get(key), ...patch };
    delete all[key];
    all[key] = next; // most recent last; the oldest are forgotten
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - maxRemembered))) delete all[k];
    void this.memento.update(stateKey, all);
    this.known.set(key, next);
    if (toRegistry && patch.sampleIndex !== undefined && activeProfiles.list().some((s) => s.key === key)) {
      // setActive fires with the old sample type: without the guard the subscription above would
      // put it back, and every view would be computed three times (seconds each on a big profile).
      this.updating = true;
      try {
        activeProfiles.setActive(key);
        activeProfiles.setSampleIndex(patch.sampleIndex);
      } finally {
        this.updating = false;
      }
    }
    activeProfiles.setFilters(key, next);
    this.changed.fire({ key, options: next });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function defaults(): ProfileViewOptions {
  return { sampleIndex: 0, granularity: 'functions', focus: '', ignore: '', hide: '', show: '', nodeCount: 80 };
}
