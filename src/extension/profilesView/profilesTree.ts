// The "Profiles" tree (view pprofLens.profiles): the captures in the storage folder, grouped by
// target and kind, newest first. Rebuilt from disk on every change of the folder.
import * as vscode from 'vscode';
import { captureKind, CaptureKindId } from '../../collect/captureKind';
import { CaptureEntry, groupCaptures, readCaptureLibrary } from '../../collect/captureLibrary';
import { readProfileFacts } from '../../collect/profileFacts';
import { captureRowText, formatBytes, formatTime, leakedText } from './captureRow';

export type ProfilesNode = TargetNode | KindNode | WatchNode | CaptureNode;

/** A target group; with baseUrl, the capture commands accept it as their argument (context menu). */
export interface TargetNode {
  type: 'target';
  target: string;
  baseUrl?: string;
  count: number;
  children: (KindNode | WatchNode)[];
}

/** The snapshots of one watch, kept in their own folder (collapsed: a watch takes dozens). */
export interface WatchNode {
  type: 'watch';
  parent: TargetNode;
  folder: string;
  kind: 'goroutines' | 'heap';
  time: number;
  children: CaptureNode[];
}

export interface KindNode {
  type: 'kind';
  parent: TargetNode;
  kind: CaptureKindId | undefined;
  label: string;
  children: CaptureNode[];
}

/**
 * A capture file: what commands of the view (and of later features) receive as their argument. A
 * trace's derived profiles are capture nodes under their trace's node.
 */
export interface CaptureNode {
  type: 'capture';
  parent: KindNode | WatchNode | CaptureNode;
  entry: CaptureEntry;
  children: CaptureNode[];
}

const KIND_ICONS: Record<CaptureKindId, string> = {
  cpu: 'flame',
  heap: 'database',
  allocs: 'symbol-array',
  goroutine: 'list-tree',
  'goroutine-dump': 'list-flat',
  'goroutine-leak': 'bug',
  block: 'debug-pause',
  mutex: 'lock',
  threadcreate: 'split-horizontal',
  trace: 'pulse',
};

export class ProfilesTree implements vscode.TreeDataProvider<ProfilesNode> {
  private readonly changed = new vscode.EventEmitter<ProfilesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TargetNode[] = [];
  private byPath = new Map<string, CaptureNode>();
  private loaded: Promise<void> | undefined;

  constructor(private dir: () => string) {}

  /** Reads the folder again and redraws. */
  refresh(): Promise<void> {
    this.loaded = this.load();
    return this.loaded.then(() => this.changed.fire(undefined));
  }

  /** The node of a capture file, once the tree has (re)loaded. */
  async nodeFor(path: string): Promise<CaptureNode | undefined> {
    await (this.loaded ?? this.refresh());
    return this.byPath.get(path);
  }

  entries(): CaptureEntry[] {
    return [...this.byPath.values()].map((n) => n.entry);
  }

  private async load(): Promise<void> {
    const groups = groupCaptures(await readCaptureLibrary(this.dir()));
    const byPath = new Map<string, CaptureNode>();
    this.roots = groups.map((g) => {
      const t: TargetNode = { type: 'target', target: g.target, baseUrl: g.baseUrl, count: 0, children: [] };
      const capture = (parent: CaptureNode['parent'], entry: CaptureEntry): CaptureNode => {
        const c: CaptureNode = { type: 'capture', parent, entry, children: [] };
        c.children = (entry.derived ?? []).map((d) => capture(c, d));
        byPath.set(entry.path, c);
        return c;
      };
      t.children = g.kinds.map((k) => {
        const kn: KindNode = { type: 'kind', parent: t, kind: k.kind, label: k.label, children: [] };
        kn.children = k.entries.map((entry) => capture(kn, entry));
        t.count += k.entries.length;
        return kn;
      });
      for (const w of g.watches) {
        const wn: WatchNode = { type: 'watch', parent: t, folder: w.folder, kind: w.kind, time: w.time, children: [] };
        wn.children = w.entries.map((entry) => capture(wn, entry));
        t.children.push(wn);
        t.count += w.entries.length;
      }
      return t;
    });
    this.byPath = byPath;
  }

  async getChildren(node?: ProfilesNode): Promise<ProfilesNode[]> {
    if (!node) {
      await (this.loaded ?? this.refresh());
      return this.roots;
    }
    return node.children;
  }

  getParent(node: ProfilesNode): ProfilesNode | undefined {
    return node.type === 'target' ? undefined : node.parent;
  }

  async getTreeItem(node: ProfilesNode): Promise<vscode.TreeItem> {
    if (node.type === 'target') {
      const item = new vscode.TreeItem(node.target, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `target:${node.target}`;
      item.description = `${node.count} capture${node.count === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon(node.target.startsWith('go test ') ? 'beaker' : 'server-process'); // Test profiles
      item.tooltip = node.baseUrl ?? node.target;
      // Without this, screen readers hear the tooltip (the URL) instead of the target's name.
      item.accessibilityInformation = { label: `${node.target}, ${item.description}${node.baseUrl ? `, ${node.baseUrl}` : ''}` };
      item.contextValue = node.baseUrl ? 'pprofLens.target' : 'pprofLens.target.unknown';
      return item;
    }
    if (node.type === 'watch') {
      const item = new vscode.TreeItem(`${node.kind === 'goroutines' ? 'Watch Goroutines' : 'Watch Heap'} · ${formatTime(node.time)}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `watch:${node.parent.target}:${node.folder}`;
      item.description = `${node.children.length} snapshot${node.children.length === 1 ? '' : 's'}`;
      item.tooltip = `${node.folder}/: the snapshots of one watch`;
      item.iconPath = new vscode.ThemeIcon('eye');
      item.contextValue = 'pprofLens.watchFolder';
      return item;
    }
    if (node.type === 'kind') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `kind:${node.parent.target}:${node.kind ?? ''}`;
      item.description = String(node.children.length);
      item.iconPath = new vscode.ThemeIcon(node.kind ? KIND_ICONS[node.kind] : 'file');
      item.contextValue = `pprofLens.kind.${node.kind ?? 'other'}`;
      return item;
    }
    const e = node.entry;
    // Each row says what the capture is: kind, duration, total (read once from the file), size.
    const facts = e.kind === 'trace' ? undefined : await readProfileFacts(e.path);
    const row = captureRowText(e, facts);
    // A trace lists its derived profiles (network, sync, syscall, scheduler) under it.
    const item = new vscode.TreeItem(node.parent.type === 'capture' ? e.fileName : row.label,
      node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    // A new id once a trace has derived profiles: VS Code keeps a known id's collapsed state, and a row
    // that had no children would stay folded.
    item.id = `capture:${e.path}${node.children.length > 0 ? '#profiles' : ''}`;
    item.resourceUri = vscode.Uri.file(e.path);
    item.description = row.description;
    const tip = new vscode.MarkdownString();
    tip.appendText(`${e.fileName}\n\n`);
    if (e.test) tip.appendText(`go test ${e.test.kind} ${e.test.name}${e.test.package ? ` in ${e.test.package}` : ''}\n\n`);
    if (e.kind) tip.appendText(`${captureKind(e.kind).label}${e.seconds ? `, ${e.seconds}s` : ''}${leakedText(e) ? `: ${leakedText(e)} goroutines` : ''}\n\n`);
    if (facts?.totalText) tip.appendText(`total ${facts.totalText}${facts.samples === 0 ? ' (no samples)' : ''}\n\n`);
    if (e.url) tip.appendText(`${e.url}\n\n`);
    tip.appendText(`${new Date(e.time).toLocaleString()} · ${formatBytes(e.bytes)}\n\n${e.path}`);
    item.tooltip = tip;
    item.accessibilityInformation = { label: `${e.fileName}, ${row.label}, ${row.description}` };
    item.iconPath = new vscode.ThemeIcon(e.kind ? KIND_ICONS[e.kind] : 'file');
    item.contextValue = `pprofLens.capture.${e.kind ?? 'other'}`;
    item.command = { command: 'pprofLens.profiles.open', title: 'Open', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export { formatBytes, formatTime } from './captureRow';
