// The call graph of a profile (pprof internal/graph), re-exported from the files that hold
// each part: node.ts (nodes, edges, tags, values), graphSource.ts (building graphs from samples),
// graphModel.ts (Graph and its trimming), nodeOrder.ts (sorting), edgeTable.ts, tags.ts.
export * from './node';
export * from './graphSource';
export * from './graphModel';
export { sortNodes, sortEdges } from './nodeOrder';
export type { NodeOrder } from './nodeOrder';
export { EdgeTable } from './edgeTable';
export { joinLabels } from './tags';
