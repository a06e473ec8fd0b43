// Converts a parsed Go 1.11–1.21 trace into the Go 1.22+ event model (the same TraceData the v2 reader
// produces), a port of Go's internal/trace tracev1.go converter: v1 block events become GoBlock with a
// reason string, syscalls become GoSyscallBegin/End(Blocked), goroutines that exist when tracing
// starts become GoStatus events, and so on.
import { Ev, GoStatus, ProcStatus } from './specs';
import { NONE } from './ordering';
import type { V1Trace } from './parserV1';
import { TraceData } from './traceData';
import { TraceError } from './traceError';
import { V1, v1Descs } from './v1Events';

const STW_REASONS = [
  '', 'GC mark termination', 'GC sweep termination', 'write heap dump', 'goroutine profile', 'goroutine profile cleanup',
  'all goroutine stack trace', 'read mem stats', 'AllThreadsSyscall', 'GOMAXPROCS', 'start trace', 'stop trace',
  'CountPagesInUse (test)', 'ReadMetricsSlow (test)', 'ReadMemStatsSlow (test)', 'PageCachePagesLeaked (test)', 'ResetDebugLog (test)',
];

function stwReason(version: number, kind: number): string {
  if (version < 21) return kind === 0 || kind === 1 ? STW_REASONS[kind + 1] : '';
  return kind < STW_REASONS.length ? STW_REASONS[kind] : '';
}

/** Old goroutine state code stored with GoStatus (a2 = status + 8 × old); 5 = undetermined. */
const UNDETERMINED = 5;

export function convertV1(t: V1Trace): TraceData {
  const data = new TraceData(t.version);
  const out = data.events;
  const stackCache = new Map<number, number>();
  const stack = (id: number): number => {
    if (id === 0) return 0;
    let s = stackCache.get(id);
    if (s === undefined) {
      const pcs = t.stacks.get(id);
      if (!pcs) return 0;
      s = data.internStack(pcs.map((pc) => {
        const f = t.pcs.get(pc);
        return data.internFrame(pc, f ? t.strings.get(f.fn) ?? '' : '', f ? t.strings.get(f.file) ?? '' : '', f?.line ?? 0);
      }));
      stackCache.set(id, s);
    }
    return s;
  };
  const str = (id: number): number => data.intern(t.strings.get(id) ?? '');

  // For each GoSysCall: does the goroutine's next event block in the syscall? (Go scans ahead per
  // syscall; one backward pass gives the same answer in linear time.)
  const nextOfG = new Int32Array(t.n).fill(-1);
  {
    const seen = new Map<number, number>();
    for (let i = t.n - 1; i >= 0; i--) {
      const g = t.g[i];
      nextOfG[i] = seen.get(g) ?? -1;
      seen.set(g, i);
    }
  }

  let preInit = true;
  const createdPreInit = new Set<number>();
  // Goroutines that exist when tracing starts are "created" before the first Gomaxprocs; Go's
  // converter turns them into GoStatus events (no stack: their creation stacks are dropped, so
  // goroutine analysis names them by a later stack, as Go's does).
  const tasks = new Map<number, { name: string; parent: number }>();
  const seenProcs = new Set<number>();
  const procMs = new Map<number, number>();
  let lastStwReason = 0;
  let lastTs = -1;
  const push = (kind: number, time: number, g: number, p: number, m: number, a0: number, a1: number, a2: number, stk: number): void => {
    if (time <= lastTs) time = lastTs + 1;
    lastTs = time;
    out.push(kind, time, g, p, m, a0, a1, a2, stk);
  };

  if (t.n > 0) out.push(Ev.SyncMarker, t.ts[0] - 1, NONE, NONE, NONE, 1, 0, 0, 0);
  data.generations = t.n > 0 ? 1 : 0;
  for (let i = 0; i < t.n; i++) {
    const ty = t.type[i];
    const ts = t.ts[i];
    const evP = t.p[i];
    const a = [t.args[0][i], t.args[1][i], t.args[2][i], t.args[3][i]];
    const stk = stack(t.stk[i]);
    const g = t.g[i] === 0 ? NONE : t.g[i];
    let m = NONE;
    if (evP !== -1 && ty !== V1.CPUSample) m = procMs.get(evP) ?? NONE;
    const emit = (kind: number, a0 = 0, a1 = 0, a2 = 0, s = 0): void => push(kind, ts, g, evP, m, a0, a1, a2, s);
    switch (ty) {
      case V1.Gomaxprocs:
        if (preInit) {
          preInit = false;
          for (const gid of [...createdPreInit].sort((x, y) => x - y)) {
            push(Ev.GoStatus, ts, NONE, NONE, NONE, gid, NONE, GoStatus.Runnable + 8 * UNDETERMINED, 0);
          }
          createdPreInit.clear();
          break;
        }
        emit(Ev.ProcsChange, a[0], 0, 0, stk);
        break;
      case V1.ProcStart:
        procMs.set(evP, a[0]);
        m = a[0];
        if (seenProcs.has(evP)) emit(Ev.ProcStart, evP, 0);
        else {
          seenProcs.add(evP);
          emit(Ev.ProcStatus, evP, ProcStatus.Running, 0);
        }
        break;
      case V1.ProcStop:
        if (seenProcs.has(evP)) emit(Ev.ProcStop);
        else {
          seenProcs.add(evP);
          emit(Ev.ProcStatus, evP, ProcStatus.Idle, 0);
        }
        procMs.delete(evP);
        break;
      case V1.GCStart: emit(Ev.GCBegin, a[0], 0, 0, stk); break;
      case V1.GCDone: emit(Ev.GCEnd); break;
      case V1.STWStart:
        lastStwReason = data.intern(stwReason(t.version, a[0]));
        emit(Ev.STWBegin, lastStwReason);
        break;
      case V1.STWDone: emit(Ev.STWEnd, lastStwReason); break;
      case V1.GCSweepStart: emit(Ev.GCSweepBegin, 0, 0, 0, stk); break;
      case V1.GCSweepDone: emit(Ev.GCSweepEnd, a[0], a[1]); break;
      case V1.GoCreate:
        if (preInit) {
          createdPreInit.add(a[0]);
          break;
        }
        emit(Ev.GoCreate, a[0], stack(a[1]), 0, stk);
        break;
      case V1.GoStart:
        if (preInit) {
          emit(Ev.GoStatus, a[0], NONE, GoStatus.Running + 8 * UNDETERMINED, 0);
          createdPreInit.delete(a[0]);
        } else {
          emit(Ev.GoStart, a[0], a[1]);
        }
        break;
      case V1.GoStartLabel:
        emit(Ev.GoStart, a[0], a[1]);
        emit(Ev.GoLabel, str(a[2]));
        break;
      case V1.GoEnd: emit(Ev.GoDestroy); break;
      case V1.GoStop: emit(Ev.GoBlock, data.intern('forever'), 0, 0, stk); break;
      case V1.GoSched: emit(Ev.GoStop, data.intern('runtime.Gosched'), 0, 0, stk); break;
      case V1.GoPreempt: emit(Ev.GoStop, data.intern('preempted'), 0, 0, stk); break;
      case V1.GoSleep: emit(Ev.GoBlock, data.intern('sleep'), 0, 0, stk); break;
      case V1.GoBlock: emit(Ev.GoBlock, 0, 0, 0, stk); break;
      case V1.GoUnblock: emit(Ev.GoUnblock, a[0], a[1], 0, stk); break;
      case V1.GoBlockSend: emit(Ev.GoBlock, data.intern('chan send'), 0, 0, stk); break;
      case V1.GoBlockRecv: emit(Ev.GoBlock, data.intern('chan receive'), 0, 0, stk); break;
      case V1.GoBlockSelect: emit(Ev.GoBlock, data.intern('select'), 0, 0, stk); break;
      case V1.GoBlockSync: emit(Ev.GoBlock, data.intern('sync'), 0, 0, stk); break;
      case V1.GoBlockCond: emit(Ev.GoBlock, data.intern('sync.(*Cond).Wait'), 0, 0, stk); break;
      case V1.GoBlockNet: emit(Ev.GoBlock, data.intern('network'), 0, 0, stk); break;
      case V1.GoBlockGC: emit(Ev.GoBlock, data.intern('GC mark assist wait for work'), 0, 0, stk); break;
      case V1.GoSysCall: {
        const nx = nextOfG[i];
        const blocked = nx >= 0 && t.type[nx] === V1.GoSysBlock;
        emit(Ev.GoSyscallBegin, 0, 0, 0, stk);
        if (!blocked) push(Ev.GoSyscallEnd, ts + 1, g, evP, m, 0, 0, 0, 0);
        break;
      }
      case V1.GoSysExit: emit(Ev.GoSyscallEndBlocked); break;
      case V1.GoSysBlock: break;
      case V1.GoWaiting:
        emit(Ev.GoStatus, a[0], NONE, GoStatus.Waiting + 8 * UNDETERMINED, 0);
        createdPreInit.delete(a[0]);
        break;
      case V1.GoInSyscall:
        emit(Ev.GoStatus, a[0], NONE, GoStatus.Syscall + 8 * UNDETERMINED, 0);
        createdPreInit.delete(a[0]);
        break;
      case V1.HeapAlloc: emit(Ev.HeapAlloc, a[0]); break;
      case V1.HeapGoal: emit(Ev.HeapGoal, a[0]); break;
      case V1.GCMarkAssistStart: emit(Ev.GCMarkAssistBegin, 0, 0, 0, stk); break;
      case V1.GCMarkAssistDone: emit(Ev.GCMarkAssistEnd); break;
      case V1.UserTaskCreate: {
        const name = t.strings.get(a[2]) ?? '';
        tasks.set(a[0], { name, parent: a[1] });
        emit(Ev.UserTaskBegin, a[0], a[1] === 0 ? NONE : a[1], data.intern(name), stk);
        break;
      }
      case V1.UserTaskEnd: {
        const ts0 = tasks.get(a[0]);
        tasks.delete(a[0]);
        emit(Ev.UserTaskEnd, a[0], ts0 ? ts0.parent : NONE, data.intern(ts0 ? ts0.name : ''), stk);
        break;
      }
      case V1.UserRegion:
        if (a[1] === 0) emit(Ev.UserRegionBegin, a[0], str(a[2]), 0, stk);
        else if (a[1] === 1) emit(Ev.UserRegionEnd, a[0], str(a[2]), 0, stk);
        break;
      case V1.UserLog:
        emit(Ev.UserLog, a[0], str(a[1]), data.intern(t.inlineStrings[a[3]] ?? ''), stk);
        break;
      case V1.CPUSample:
        push(Ev.CPUSample, ts, g, evP, NONE, 0, 0, 0, stk);
        break;
      default:
        throw new TraceError(`unexpected event type ${v1Descs[ty]?.name ?? ty}`);
    }
  }
  if (t.n > 0) out.push(Ev.SyncMarker, lastTs + 1, NONE, NONE, NONE, 0, 0, 0, 0);
  out.trim();
  return data;
}
