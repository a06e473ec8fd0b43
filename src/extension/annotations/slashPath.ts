// Profile paths as slash paths, whatever machine wrote them (C:\build\svc\a.go → C:/build/svc/a.go):
// the few helpers the pure path rules (sourcePathResolver, sourceInference) share.

/** Backslashes to slashes. */
export function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Absolute on Unix ("/…") or Windows ("C:/…"), after toSlash. */
export function isAbs(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

/** Joins the non-empty parts with "/". */
export function joinSlash(...parts: string[]): string {
  return parts.filter((x) => x !== '').join('/');
}
