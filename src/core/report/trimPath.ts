// report.trimPath: source path clean-up shared by the graph (-trim_path, -source_path).
import { baseName } from '../graph/goPath';

export function trimPath(path: string, trim: string, searchPath: string): string {
  const sPath = path;
  if (trim === '') {
    for (const dir of splitList(searchPath)) {
      const want = '/' + baseName(dir) + '/';
      const found = sPath.indexOf(want);
      if (found !== -1) return path.slice(found + want.length);
    }
  }
  const trimPaths = [...splitList(trim), '/proc/self/cwd/./', '/proc/self/cwd/'];
  for (let t of trimPaths) {
    if (!t.endsWith('/')) t += '/';
    if (sPath.startsWith(t)) return path.slice(t.length);
  }
  return path;
}

/** filepath.SplitList (Unix): "" -> [], otherwise split on ":". */
export function splitList(p: string): string[] {
  if (p === '') return [];
  return p.split(':');
}
