// Trace-derived profiles of Go 1.11–1.21 traces, exactly as Go 1.19's `go tool trace -pprof=TYPE`
// computes them (cmd/trace/pprof.go): each blocking event is linked to the event that ends it the way
// internal/trace's postProcessTrace sets Event.Link, and its delay (link time − event time) is summed
// per stack ID. Events with no link, no stack or zero delay are skipped, as there.
import { V1, isBlockV1 } from './v1Events';
import type { V1Trace } from './parserV1';
import { buildDelayProfile, DelayRecord } from './delayProfile';
import type { Profile } from '../profile/profile';

export type TracePprofKind = 'net' | 'sync' | 'syscall' | 'sched';

/** For each event, the index of the event its Link points at (-1 when none). */
export function linkV1(t: V1Trace): Int32Array {
  const link = new Int32Array(t.n).fill(-1);
  const pending = new Map<number, number>(); // goroutine → index of its g.ev
  for (let i = 0; i < t.n; i++) {
    const ty = t.type[i];
    const g = t.g[i];
    switch (ty) {
      case V1.GoCreate:
        pending.set(t.args[0][i], i);
        break;
      case V1.GoWaiting: case V1.GoInSyscall: case V1.GoSched: case V1.GoPreempt: case V1.GoSysCall:
        pending.set(g, i);
        break;
      case V1.GoStart: case V1.GoStartLabel: {
        const e = pending.get(g);
        if (e !== undefined && e >= 0) link[e] = i;
        pending.set(g, -1);
        break;
      }
      case V1.GoUnblock: {
        const g1 = t.args[0][i];
        const e = pending.get(g1);
        if (e !== undefined && e >= 0) link[e] = i;
        pending.set(g1, i);
        break;
      }
      case V1.GoSysExit: {
        const e = pending.get(g);
        if (e !== undefined && e >= 0 && t.type[e] === V1.GoSysCall) link[e] = i;
        pending.set(g, i);
        break;
      }
      default:
        if (isBlockV1(ty)) pending.set(g, i);
    }
  }
  return link;
}

function selects(kind: TracePprofKind, ty: number): boolean {
  switch (kind) {
    case 'net': return ty === V1.GoBlockNet;
    case 'sync':
      return ty === V1.GoBlockSend || ty === V1.GoBlockRecv || ty === V1.GoBlockSelect ||
        ty === V1.GoBlockSync || ty === V1.GoBlockCond || ty === V1.GoBlockGC;
    case 'syscall': return ty === V1.GoSysCall;
    case 'sched': return ty === V1.GoUnblock || ty === V1.GoCreate;
  }
}

export function pprofFromV1(t: V1Trace, kind: TracePprofKind): Profile {
  const link = linkV1(t);
  const recs = new Map<number, DelayRecord>();
  for (let i = 0; i < t.n; i++) {
    if (!selects(kind, t.type[i])) continue;
    const stk = t.stk[i];
    const l = link[i];
    if (l < 0 || stk === 0) continue;
    const pcs = t.stacks.get(stk);
    if (!pcs || pcs.length === 0) continue;
    const d = t.ts[l] - t.ts[i];
    if (d <= 0) continue;
    let r = recs.get(stk);
    if (!r) {
      r = {
        frames: pcs.map((pc) => {
          const f = t.pcs.get(pc);
          return { pc, fn: f ? t.strings.get(f.fn) ?? '' : '', file: f ? t.strings.get(f.file) ?? '' : '', line: f?.line ?? 0 };
        }),
        n: 0, time: 0,
      };
      recs.set(stk, r);
    }
    r.n++;
    r.time += d;
  }
  return buildDelayProfile(recs.values());
}
