// The active-profile registry: which parsed profiles are open (in the profile editor, or captured
// and shown there) and which one the source annotations follow — the one last opened, or the one
// picked with "Annotate Source With…" — with the sample type they show. Views read it and listen
// to onDidChange; nothing here computes.
import * as vscode from 'vscode';
import type { Profile } from '../../core/profile/profile';
import { noFilters, SessionFilters } from './sessionFilters';

export interface ProfileSession {
  /** uri.toString(): the registry key. */
  readonly key: string;
  readonly uri: vscode.Uri;
  /** File name, for the status bar and pickers. */
  readonly label: string;
  profile: Profile;
  /** Index into profile.sampleType the annotations show. */
  sampleIndex: number;
  /** Bumped when the profile is read again (caches key on it). */
  version: number;
  /** focus/ignore/hide/show (Go RE2) chosen in any view of the profile; the annotations apply them too. */
  filters: SessionFilters;
}

export { noFilters } from './sessionFilters';
export type { SessionFilters } from './sessionFilters';

interface Entry {
  session: ProfileSession;
  /** Editor panels (or other owners) that keep the profile open. */
  owners: Set<object>;
  /** Order of last activation (higher = more recent). */
  stamp: number;
}

export class ActiveProfiles implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private activeKey: string | undefined;
  private stamp = 0;
  private readonly changed = new vscode.EventEmitter<ProfileSession | undefined>();
  /** Fires with the active session (or undefined) when it, its profile or its sample type changes. */
  readonly onDidChange = this.changed.event;

  active(): ProfileSession | undefined {
    return this.activeKey === undefined ? undefined : this.entries.get(this.activeKey)?.session;
  }

  /** Open profiles, most recently active first. */
  list(): ProfileSession[] {
    return Array.from(this.entries.values())
      .sort((a, b) => b.stamp - a.stamp)
      .map((e) => e.session);
  }

  /**
   * A profile is shown by `owner` (e.g. an editor panel): it becomes the active one. Called again
   * with the same uri it updates the profile (read again) and the sample type.
   */
  show(uri: vscode.Uri, profile: Profile, sampleIndex: number, owner: object): void {
    const key = uri.toString();
    let e = this.entries.get(key);
    if (!e) {
      const label = uri.path.split('/').pop() || uri.path;
      e = { session: { key, uri, label, profile, sampleIndex, version: 0, filters: noFilters }, owners: new Set(), stamp: 0 };
      this.entries.set(key, e);
    } else if (e.session.profile !== profile) {
      e.session.profile = profile;
      e.session.version++;
    }
    e.owners.add(owner);
    e.session.sampleIndex = Math.min(Math.max(0, sampleIndex), Math.max(0, profile.sampleType.length - 1));
    e.stamp = ++this.stamp;
    this.activeKey = key;
    this.changed.fire(e.session);
  }

  /** `owner` no longer shows the profile; when none does, it is closed (its annotations go). */
  close(uri: vscode.Uri, owner: object): void {
    const key = uri.toString();
    const e = this.entries.get(key);
    if (!e) return;
    e.owners.delete(owner);
    if (e.owners.size > 0) return;
    this.entries.delete(key);
    if (this.activeKey === key) {
      // The previously active profile, if one is still open.
      this.activeKey = this.list()[0]?.key;
      this.changed.fire(this.active());
    }
  }

  setActive(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    e.stamp = ++this.stamp;
    this.activeKey = key;
    this.changed.fire(e.session);
  }

  setSampleIndex(sampleIndex: number): void {
    const s = this.active();
    if (!s || sampleIndex < 0 || sampleIndex >= s.profile.sampleType.length || s.sampleIndex === sampleIndex) return;
    s.sampleIndex = sampleIndex;
    this.changed.fire(s);
  }

  /** The filters of a profile's views changed (any view): annotations follow when it is the active one. */
  setFilters(key: string, filters: SessionFilters): void {
    const e = this.entries.get(key);
    if (!e) return;
    const f = e.session.filters;
    if (f.focus === filters.focus && f.ignore === filters.ignore && f.hide === filters.hide && f.show === filters.show) return;
    e.session.filters = { focus: filters.focus, ignore: filters.ignore, hide: filters.hide, show: filters.show };
    if (this.activeKey === key) this.changed.fire(e.session);
  }

  dispose(): void {
    this.entries.clear();
    this.activeKey = undefined;
    this.changed.dispose();
  }
}

/** The registry of the extension (one per extension host). */
export const activeProfiles = new ActiveProfiles();
