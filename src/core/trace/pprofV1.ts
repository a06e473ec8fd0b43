// Kept for importers of the profile kind type: Go 1.11–1.21 traces now get Go 1.27's `-pprof`
// semantics through the converter (pprofV2.ts), as `go tool trace` does.
export type { TracePprofKind } from './pprofV2';
