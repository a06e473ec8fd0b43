// Identity of a graph node (pprof graph.NodeInfo) and its printable name.
import { cleanPath, baseName } from './goPath';

export interface NodeInfo {
  name: string;
  origName: string;
  /** Address (0n when aggregated away). */
  address: bigint;
  file: string;
  startLine: number;
  lineno: number;
  /** Column of lineno (0 when unknown or aggregated away: only -showcolumns keeps it). */
  columnno: number;
  objfile: string;
}

/** The interning key of a NodeInfo: equal keys <=> equal infos. */
export function nodeInfoKey(i: NodeInfo): string {
  return `${i.name}\u0000${i.origName}\u0000${i.address}\u0000${i.file}\u0000${i.startLine}\u0000${i.lineno}\u0000${i.columnno}\u0000${i.objfile}`;
}

/** graph.NodeInfo.NameComponents. */
export function nameComponents(i: NodeInfo): string[] {
  const name: string[] = [];
  if (i.address !== 0n) name.push(i.address.toString(16).padStart(16, '0'));
  if (i.name !== '') name.push(i.name);
  if (i.lineno !== 0) name.push(i.columnno !== 0 ? `${i.file}:${i.lineno}:${i.columnno}` : `${i.file}:${i.lineno}`);
  else if (i.file !== '') name.push(i.file);
  else if (i.name !== '') {
    // nothing
  } else if (i.objfile !== '') name.push('[' + baseName(i.objfile) + ']');
  else name.push('<unknown>');
  return name;
}

/** graph.NodeInfo.PrintableName. */
export function printableName(i: NodeInfo): string {
  if (i.address === 0n && i.lineno === 0 && i.file === '' && i.name !== '') return i.name;
  return nameComponents(i).join(' ');
}

/** fmt.Sprint(NodeInfo), pprof's last-resort tie breaker when sorting nodes. */
export function goSprintNodeInfo(i: NodeInfo): string {
  return `{${i.name} ${i.origName} ${i.address} ${i.file} ${i.startLine} ${i.lineno} ${i.columnno} ${i.objfile}}`;
}

export { cleanPath };
