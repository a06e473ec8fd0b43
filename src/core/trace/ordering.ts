// The scheduler-state machine that orders and validates Go 1.22+ trace events, a port of Go's
// internal/trace/order.go: per-goroutine and per-proc sequence numbers, M→P→G bindings, GC and
// range state. Events that may advance are copied into an output queue (with Go's "smuggled"
// extra values in args); events that may not yet advance are left for the caller to retry.
import { Ev, GoStatus, ProcStatus, eventName, goStatusName, procStatusName, specOf } from './specs';
import type { Generation } from './generation';
import { TraceError } from './traceError';

export const NONE = -1;

/** A decoded event: args exclude the timestamp delta (Go's baseEvent.args). */
export interface BaseEvent {
  typ: number;
  time: number;
  args: Float64Array;
}

/** An ordered event: a base event plus the scheduling context it happened in. */
export interface OrderedEvent extends BaseEvent {
  g: number;
  p: number;
  m: number;
  /** Extra string for UserTaskEnd (task name carried from its begin, possibly another generation). */
  extraString: string;
}

interface Ctx { g: number; p: number; m: number }

const enum Req { MustNotHave = 0, MayHave = 1, MustHave = 2 }

interface GState { status: number; seqGen: number; seq: number; regions: { task: number; name: string }[]; ranges: RangeKey[] }
interface PState { status: number; seqGen: number; seq: number; ranges: RangeKey[] }
interface MState { g: number; p: number }
type RangeKey = string;

const enum GC { Undetermined = 0, NotRunning = 1, Running = 2 }

function makeRange(typ: number, desc: number): RangeKey {
  const st = specOf(typ)?.startEv ?? 0;
  return `${st !== 0 ? st : typ}:${desc}`;
}

function validateCtx(ctx: Ctx, m: Req, p: Req, g: Req): void {
  if (m === Req.MustHave && ctx.m === NONE) throw new TraceError("expected a thread but didn't have one");
  if (m === Req.MustNotHave && ctx.m !== NONE) throw new TraceError('expected no thread but had one');
  if (p === Req.MustHave && ctx.p === NONE) throw new TraceError("expected a proc but didn't have one");
  if (p === Req.MustNotHave && ctx.p !== NONE) throw new TraceError('expected no proc but had one');
  if (g === Req.MustHave && ctx.g === NONE) throw new TraceError("expected a goroutine but didn't have one");
  if (g === Req.MustNotHave && ctx.g !== NONE) throw new TraceError('expected no goroutine but had one');
}
function userGo(ctx: Ctx): void {
  validateCtx(ctx, Req.MustHave, Req.MustHave, Req.MustHave);
}

export class Ordering {
  private readonly gStates = new Map<number, GState>();
  private readonly pStates = new Map<number, PState>();
  private readonly mStates = new Map<number, MState>();
  private readonly activeTasks = new Map<number, { name: string; parent: number }>();
  private gcSeq = 0;
  private gcState = GC.Undetermined;
  private initialGen = 0;
  /** Reused per advance: the context before the event, and the one it leaves behind. */
  private readonly cur: Ctx = { g: NONE, p: NONE, m: NONE };
  private readonly nw: Ctx = { g: NONE, p: NONE, m: NONE };

  // Output queue: a ring of reusable event objects (no allocation per event in steady state).
  private ring: OrderedEvent[] = [];
  private head = 0;
  private count = 0;

  get queued(): number {
    return this.count;
  }

  /** Removes and returns the next queued event; valid until the next push. */
  next(): OrderedEvent | undefined {
    if (this.count === 0) return undefined;
    const e = this.ring[this.head];
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    return e;
  }

  private slot(): OrderedEvent {
    if (this.count === this.ring.length) {
      const n = Math.max(8, this.ring.length * 2);
      const grown: OrderedEvent[] = [];
      for (let i = 0; i < this.count; i++) grown.push(this.ring[(this.head + i) % this.ring.length]);
      while (grown.length < n) grown.push({ typ: 0, time: 0, args: new Float64Array(5), g: NONE, p: NONE, m: NONE, extraString: '' });
      this.ring = grown;
      this.head = 0;
    }
    const e = this.ring[(this.head + this.count) % this.ring.length];
    this.count++;
    return e;
  }

  private push(ev: BaseEvent, ctx: Ctx): OrderedEvent {
    const e = this.slot();
    e.typ = ev.typ;
    e.time = ev.time;
    e.args.set(ev.args);
    e.g = ctx.g;
    e.p = ctx.p;
    e.m = ctx.m;
    e.extraString = '';
    return e;
  }

  private pushMade(typ: number, time: number, ctx: Ctx, ...args: number[]): OrderedEvent {
    const e = this.slot();
    e.typ = typ;
    e.time = time;
    e.args.fill(0);
    for (let i = 0; i < args.length; i++) e.args[i] = args[i];
    e.g = ctx.g;
    e.p = ctx.p;
    e.m = ctx.m;
    e.extraString = '';
    return e;
  }

  /**
   * Tries to advance ev, which came from thread m in generation gen. Returns false when the event
   * cannot advance yet (another thread's events must come first); throws TraceError when the trace is
   * broken. Like Go, args of ev may be rewritten (smuggled old states).
   */
  advance(ev: BaseEvent, gt: Generation, m: number, gen: number): boolean {
    if (this.initialGen === 0) this.initialGen = gen;
    let ms: MState | undefined;
    const cur = this.cur;
    cur.g = NONE;
    cur.p = NONE;
    cur.m = m;
    if (m !== NONE) {
      ms = this.mStates.get(m);
      if (!ms) {
        ms = { g: NONE, p: NONE };
        this.mStates.set(m, ms);
      }
      cur.p = ms.p;
      cur.g = ms.g;
    }
    const nw = this.dispatch(ev, gt, m, gen, cur);
    if (nw && ms) {
      ms.p = nw.p;
      ms.g = nw.g;
    }
    return nw !== undefined;
  }

  /** The context after an event: cur with some fields changed (a reused object). */
  private after(cur: Ctx, g: number = cur.g, p: number = cur.p): Ctx {
    const nw = this.nw;
    nw.g = g;
    nw.p = p;
    nw.m = cur.m;
    return nw;
  }

  /** Returns the new context when ev advanced, undefined when it cannot advance yet. */
  private dispatch(ev: BaseEvent, gt: Generation, m: number, gen: number, cur: Ctx): Ctx | undefined {
    switch (ev.typ) {
      case Ev.ProcsChange: case Ev.GoLabel: case Ev.UserLog:
        return this.annotation(ev, cur);
      case Ev.ProcStart: return this.procStart(ev, gen, cur);
      case Ev.ProcStop: return this.procStop(ev, cur);
      case Ev.ProcSteal: return this.procSteal(ev, gen, cur);
      case Ev.ProcStatus: return this.procStatus(ev, gen, cur);
      case Ev.GoCreate: case Ev.GoCreateBlocked: return this.goCreate(ev, gen, cur);
      case Ev.GoCreateSyscall: return this.goCreateSyscall(ev, gen, cur);
      case Ev.GoStart: return this.goStart(ev, gen, cur);
      case Ev.GoDestroy: case Ev.GoStop: case Ev.GoBlock: return this.goStopExec(ev, cur);
      case Ev.GoDestroySyscall: return this.goDestroySyscall(ev, cur);
      case Ev.GoUnblock: return this.goUnblock(ev, gen, cur);
      case Ev.GoSyscallBegin: return this.goSyscallBegin(ev, gen, cur);
      case Ev.GoSyscallEnd: return this.goSyscallEnd(ev, cur);
      case Ev.GoSyscallEndBlocked: return this.goSyscallEndBlocked(ev, cur);
      case Ev.GoStatus: case Ev.GoStatusStack: return this.goStatus(ev, gen, cur);
      case Ev.STWBegin: case Ev.GCMarkAssistBegin: return this.goRangeBegin(ev, cur);
      case Ev.STWEnd: case Ev.GCMarkAssistEnd: return this.goRangeEnd(ev, cur);
      case Ev.GCMarkAssistActive: return this.goRangeActive(ev, gen, cur);
      case Ev.GCActive: return this.gcActive(ev, gen, cur);
      case Ev.GCBegin: return this.gcBegin(ev, cur);
      case Ev.GCEnd: return this.gcEnd(ev, cur);
      case Ev.GCSweepActive: return this.gcSweepActive(ev, gen, cur);
      case Ev.GCSweepBegin: return this.gcSweepBegin(ev, cur);
      case Ev.GCSweepEnd: return this.gcSweepEnd(ev, cur);
      case Ev.HeapAlloc: case Ev.HeapGoal: return this.heapMetric(ev, cur);
      case Ev.UserTaskBegin: return this.userTaskBegin(ev, gt, cur);
      case Ev.UserTaskEnd: return this.userTaskEnd(ev, cur);
      case Ev.UserRegionBegin: return this.userRegion(ev, gt, cur, true);
      case Ev.UserRegionEnd: return this.userRegion(ev, gt, cur, false);
      case Ev.GoSwitch: case Ev.GoSwitchDestroy: return this.goSwitch(ev, gen, cur);
      case Ev.Span: case Ev.SpanAlloc: case Ev.SpanFree: case Ev.HeapObject: case Ev.HeapObjectAlloc:
      case Ev.HeapObjectFree: case Ev.GoroutineStack: case Ev.GoroutineStackAlloc: case Ev.GoroutineStackFree:
        validateCtx(cur, Req.MustHave, Req.MayHave, Req.MayHave);
        this.push(ev, cur);
        return cur;
      default:
        throw new TraceError(`bad event type found while ordering: ${ev.typ}`);
    }
  }

  private procStatus(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const pid = ev.args[0];
    const status = ev.args[1];
    // tracev2ProcStatus2ProcState: Bad→Undetermined(0), Running→Running, Idle→Idle, Syscall→Running, Abandoned→Idle.
    const toState = [0, 3, 2, 3, 2];
    if (!(status >= 0 && status < toState.length)) throw new TraceError(`invalid status for proc ${pid}: ${status}`);
    let oldState = toState[status];
    const s = this.pStates.get(pid);
    if (s) {
      if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.Syscall) {
        oldState = 3; // ProcRunning
        ev.args[1] = ProcStatus.Syscall;
      } else if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.SyscallAbandoned) {
        oldState = 2; // ProcIdle
        ev.args[1] = ProcStatus.SyscallAbandoned;
      } else if (s.status !== status) {
        throw new TraceError(`inconsistent status for proc ${pid}: old ${procStatusName(s.status)} vs. new ${procStatusName(status)}`);
      }
      s.seqGen = gen;
      s.seq = 0;
    } else {
      this.pStates.set(pid, { status, seqGen: gen, seq: 0, ranges: [] });
      oldState = gen === this.initialGen ? 0 /* Undetermined */ : 1 /* NotExist */;
    }
    ev.args[2] = oldState;
    const nw = this.after(cur);
    if (status === ProcStatus.Running || status === ProcStatus.Syscall) nw.p = pid;
    if (status === ProcStatus.SyscallAbandoned && oldState === 3) {
      let found = false;
      for (const [mid, ms] of this.mStates) {
        if (ms.p === pid) {
          cur.m = mid;
          cur.p = pid;
          cur.g = ms.g;
          found = true;
        }
      }
      if (!found) throw new TraceError(`failed to find sched context for proc ${pid} that's about to be stolen`);
    }
    this.push(ev, cur);
    return nw;
  }

  private procStart(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const pid = ev.args[0];
    const seq = ev.args[1];
    const st = this.pStates.get(pid);
    if (!st || st.status !== ProcStatus.Idle || !(st.seqGen === gen && seq === st.seq + 1) || cur.p !== NONE) return undefined;
    validateCtx(cur, Req.MustHave, Req.MustNotHave, Req.MayHave);
    st.status = ProcStatus.Running;
    st.seqGen = gen;
    st.seq = seq;
    this.push(ev, cur);
    return this.after(cur, cur.g, pid);
  }

  private procStop(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    const st = this.pStates.get(cur.p);
    if (!st) throw new TraceError(`event ${eventName(ev.typ)} for proc (${cur.p}) that doesn't exist`);
    if (st.status !== ProcStatus.Running && st.status !== ProcStatus.Syscall) {
      throw new TraceError(`${eventName(ev.typ)} event for proc that's not Running or Syscall`);
    }
    validateCtx(cur, Req.MustHave, Req.MustHave, Req.MayHave);
    st.status = ProcStatus.Idle;
    this.push(ev, cur);
    return this.after(cur, cur.g, NONE);
  }

  private procSteal(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const pid = ev.args[0];
    const seq = ev.args[1];
    const st = this.pStates.get(pid);
    if (!st || (st.status !== ProcStatus.Syscall && st.status !== ProcStatus.SyscallAbandoned) || !(st.seqGen === gen && seq === st.seq + 1)) {
      return undefined;
    }
    validateCtx(cur, Req.MustHave, Req.MayHave, Req.MayHave);
    const oldStatus = st.status;
    ev.args[3] = oldStatus;
    st.status = ProcStatus.Idle;
    st.seqGen = gen;
    st.seq = seq;
    if (oldStatus === ProcStatus.SyscallAbandoned) {
      this.push(ev, cur);
      return cur;
    }
    const mid = ev.args[2];
    if (mid === cur.m) {
      if (cur.p !== pid) throw new TraceError(`tried to self-steal proc ${pid} (thread ${mid}), but got proc ${cur.p} instead`);
      this.push(ev, cur);
      return this.after(cur, cur.g, NONE);
    }
    const ms = this.mStates.get(mid);
    if (!ms) throw new TraceError(`stole proc from non-existent thread ${mid}`);
    if (ms.p !== pid) throw new TraceError(`tried to steal proc ${pid} from thread ${mid}, but got proc ${ms.p} instead`);
    ms.p = NONE;
    this.push(ev, cur);
    return cur;
  }

  private goStatus(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const gid = ev.args[0];
    const mid = ev.args[1];
    const status = ev.args[2];
    // tracev2GoStatus2GoState: Bad→Undetermined(0), Runnable(1), Running(2), Syscall(3), Waiting(4) — same numbering.
    if (!(status >= 0 && status <= 4)) throw new TraceError(`invalid status for goroutine ${gid}: ${status}`);
    let oldState = status;
    const s = this.gStates.get(gid);
    if (s) {
      if (s.status !== status) {
        throw new TraceError(`inconsistent status for goroutine ${gid}: old ${goStatusName(s.status)} vs. new ${goStatusName(status)}`);
      }
      s.seqGen = gen;
      s.seq = 0;
    } else if (gen === this.initialGen) {
      this.gStates.set(gid, { status, seqGen: gen, seq: 0, regions: [], ranges: [] });
      oldState = 5; // Undetermined (stored as 5 so that 0 keeps meaning "Bad")
    } else {
      throw new TraceError(`found goroutine status for new goroutine after the first generation: id=${gid} status=${goStatusName(status)}`);
    }
    ev.args[2] = status + 8 * oldState; // Go smuggles old<<32|status into args[2]; we use old*8+status.
    const nw = this.after(cur);
    if (status === GoStatus.Running) {
      nw.g = gid;
    } else if (status === GoStatus.Syscall) {
      if (mid === NONE) throw new TraceError(`found goroutine ${gid} in syscall without a thread`);
      if (mid === cur.m) {
        if (gen !== this.initialGen && cur.g !== gid) {
          throw new TraceError(`inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${cur.g}`);
        }
        nw.g = gid;
      } else {
        const ms = this.mStates.get(mid);
        if (ms) {
          if (ms.g !== gid) throw new TraceError(`inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${ms.g}`);
          cur.g = ms.g;
        } else {
          this.mStates.set(mid, { g: gid, p: NONE });
        }
        cur.m = mid;
      }
    }
    this.push(ev, cur);
    return nw;
  }

  private goCreate(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    validateCtx(cur, Req.MustHave, Req.MustHave, Req.MayHave);
    const st = this.gStates.get(cur.g);
    if (st && st.status !== GoStatus.Running) throw new TraceError(`${eventName(ev.typ)} event for goroutine that's not Running`);
    const newg = ev.args[0];
    if (this.gStates.has(newg)) throw new TraceError(`tried to create goroutine (${newg}) that already exists`);
    const status = ev.typ === Ev.GoCreateBlocked ? GoStatus.Waiting : GoStatus.Runnable;
    this.gStates.set(newg, { status, seqGen: gen, seq: 0, regions: [], ranges: [] });
    this.push(ev, cur);
    return cur;
  }

  private runningG(ev: BaseEvent, cur: Ctx): GState {
    userGo(cur);
    const st = this.gStates.get(cur.g);
    if (!st) throw new TraceError(`event ${eventName(ev.typ)} for goroutine (${cur.g}) that doesn't exist`);
    if (st.status !== GoStatus.Running) throw new TraceError(`${eventName(ev.typ)} event for goroutine that's not Running`);
    return st;
  }

  private goStopExec(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    const st = this.runningG(ev, cur);
    const nw = this.after(cur, NONE);
    if (ev.typ === Ev.GoDestroy) this.gStates.delete(cur.g);
    else if (ev.typ === Ev.GoStop) st.status = GoStatus.Runnable;
    else st.status = GoStatus.Waiting;
    this.push(ev, cur);
    return nw;
  }

  private goStart(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const gid = ev.args[0];
    const seq = ev.args[1];
    const st = this.gStates.get(gid);
    if (!st || st.status !== GoStatus.Runnable || !(st.seqGen === gen && seq === st.seq + 1)) return undefined;
    validateCtx(cur, Req.MustHave, Req.MustHave, Req.MustNotHave);
    st.status = GoStatus.Running;
    st.seqGen = gen;
    st.seq = seq;
    this.push(ev, cur);
    return this.after(cur, gid);
  }

  private goUnblock(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const gid = ev.args[0];
    const seq = ev.args[1];
    const st = this.gStates.get(gid);
    if (!st || st.status !== GoStatus.Waiting || !(st.seqGen === gen && seq === st.seq + 1)) return undefined;
    st.status = GoStatus.Runnable;
    st.seqGen = gen;
    st.seq = seq;
    this.push(ev, cur);
    return cur;
  }

  private goSwitch(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const curSt = this.runningG(ev, cur);
    const nextg = ev.args[0];
    const seq = ev.args[1];
    const nx = this.gStates.get(nextg);
    if (!nx || nx.status !== GoStatus.Waiting || !(nx.seqGen === gen && seq === nx.seq + 1)) return undefined;
    this.push(ev, cur);
    if (ev.typ === Ev.GoSwitch) {
      curSt.status = GoStatus.Waiting;
      this.pushMade(Ev.GoBlock, ev.time, cur, 0, 0);
    } else {
      this.gStates.delete(cur.g);
      this.pushMade(Ev.GoDestroy, ev.time, cur);
    }
    nx.status = GoStatus.Running;
    nx.seqGen = gen;
    nx.seq = seq;
    this.pushMade(Ev.GoStart, ev.time, cur, nextg, seq).g = NONE;
    return this.after(cur, nextg);
  }

  private goSyscallBegin(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const st = this.runningG(ev, cur);
    st.status = GoStatus.Syscall;
    const ps = this.pStates.get(cur.p);
    if (!ps) throw new TraceError(`uninitialized proc ${cur.p} found during ${eventName(ev.typ)}`);
    ps.status = ProcStatus.Syscall;
    const pseq = ev.args[0];
    if (!(ps.seqGen === gen && pseq === ps.seq + 1)) {
      throw new TraceError(`failed to advance ${eventName(ev.typ)}: can't make sequence: ${ps.seq} (gen=${ps.seqGen}) -> ${pseq} (gen=${gen})`);
    }
    ps.seq = pseq;
    this.push(ev, cur);
    return cur;
  }

  private goSyscallEnd(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    userGo(cur);
    const st = this.gStates.get(cur.g);
    if (!st) throw new TraceError(`event ${eventName(ev.typ)} for goroutine (${cur.g}) that doesn't exist`);
    if (st.status !== GoStatus.Syscall) throw new TraceError(`${eventName(ev.typ)} event for goroutine that's not Running`);
    st.status = GoStatus.Running;
    const ps = this.pStates.get(cur.p);
    if (!ps) throw new TraceError(`uninitialized proc ${cur.p} found during ${eventName(ev.typ)}`);
    if (ps.status !== ProcStatus.Syscall) throw new TraceError(`expected proc ${cur.p} in state Syscall, but got ${procStatusName(ps.status)} instead`);
    ps.status = ProcStatus.Running;
    this.push(ev, cur);
    return cur;
  }

  private goSyscallEndBlocked(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    if (cur.p !== NONE) {
      const ps = this.pStates.get(cur.p);
      if (!ps) throw new TraceError(`uninitialized proc ${cur.p} found during ${eventName(ev.typ)}`);
      if (ps.status === ProcStatus.Syscall) return undefined;
    }
    validateCtx(cur, Req.MustHave, Req.MayHave, Req.MustHave);
    const st = this.gStates.get(cur.g);
    if (!st) throw new TraceError(`event ${eventName(ev.typ)} for goroutine (${cur.g}) that doesn't exist`);
    if (st.status !== GoStatus.Syscall) throw new TraceError(`${eventName(ev.typ)} event for goroutine that's not Running`);
    st.status = GoStatus.Runnable;
    this.push(ev, cur);
    return this.after(cur, NONE);
  }

  private goCreateSyscall(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    validateCtx(cur, Req.MustHave, Req.MayHave, Req.MustNotHave);
    const newg = ev.args[0];
    if (this.gStates.has(newg)) throw new TraceError(`tried to create goroutine (${newg}) in syscall that already exists`);
    this.gStates.set(newg, { status: GoStatus.Syscall, seqGen: gen, seq: 0, regions: [], ranges: [] });
    this.push(ev, cur);
    return this.after(cur, newg);
  }

  private goDestroySyscall(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    validateCtx(cur, Req.MustHave, Req.MayHave, Req.MustHave);
    const st = this.gStates.get(cur.g);
    if (!st) throw new TraceError(`event ${eventName(ev.typ)} for goroutine (${cur.g}) that doesn't exist`);
    if (st.status !== GoStatus.Syscall) throw new TraceError(`${eventName(ev.typ)} event for goroutine that's not Syscall`);
    this.gStates.delete(cur.g);
    const nw = this.after(cur, NONE);
    if (cur.p !== NONE) {
      const ps = this.pStates.get(cur.p);
      if (!ps) throw new TraceError(`found invalid proc ${cur.p} during ${eventName(ev.typ)}`);
      if (ps.status !== ProcStatus.Syscall) throw new TraceError(`proc ${cur.p} in unexpected state ${procStatusName(ps.status)} during ${eventName(ev.typ)}`);
      ps.status = ProcStatus.SyscallAbandoned;
      nw.p = NONE;
      // An extra self-ProcSteal (see go122-create-syscall-reuse-thread-id).
      this.pushMade(Ev.ProcSteal, ev.time, cur, cur.p, 0, 0, ProcStatus.Syscall);
    }
    this.push(ev, cur);
    return nw;
  }

  private userTaskBegin(ev: BaseEvent, gt: Generation, cur: Ctx): Ctx | undefined {
    const id = ev.args[0];
    if (this.activeTasks.has(id)) throw new TraceError(`task ID conflict: ${id}`);
    let parent = ev.args[1];
    if (parent === 0) {
      parent = NONE; // 0 means no parent here, not the background task.
      ev.args[1] = NONE;
    }
    const name = gt.strings.get(ev.args[2]);
    if (name === undefined) throw new TraceError(`invalid string ID ${ev.args[2]} for ${ev.typ} event`);
    this.activeTasks.set(id, { name, parent });
    userGo(cur);
    this.push(ev, cur);
    return cur;
  }

  private userTaskEnd(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    const id = ev.args[0];
    const ts = this.activeTasks.get(id);
    let name = '';
    if (ts) {
      ev.args[2] = ts.parent;
      name = ts.name;
      this.activeTasks.delete(id);
    } else {
      ev.args[2] = NONE;
    }
    userGo(cur);
    this.push(ev, cur).extraString = name;
    return cur;
  }

  private userRegion(ev: BaseEvent, gt: Generation, cur: Ctx, begin: boolean): Ctx | undefined {
    userGo(cur);
    const tid = ev.args[0];
    const name = gt.strings.get(ev.args[1]);
    if (name === undefined) throw new TraceError(`invalid string ID ${ev.args[1]} for ${ev.typ} event`);
    const gs = this.gStates.get(cur.g);
    if (!gs) throw new TraceError(`encountered ${begin ? 'EvUserRegionBegin' : 'EvUserRegionEnd'} without known state for current goroutine ${cur.g}`);
    if (begin) {
      gs.regions.push({ task: tid, name });
    } else if (gs.regions.length > 0) {
      const top = gs.regions[gs.regions.length - 1];
      if (top.task !== tid || top.name !== name) {
        throw new TraceError(`misuse of region in goroutine ${cur.g}: region end {${tid} ${name}} when the inner-most active region start event is {${top.task} ${top.name}}`);
      }
      gs.regions.pop();
    }
    this.push(ev, cur);
    return cur;
  }

  private gcActive(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const seq = ev.args[0];
    if (gen === this.initialGen) {
      if (this.gcState !== GC.Undetermined) throw new TraceError("GCActive in the first generation isn't first GC event");
      this.gcSeq = seq;
      this.gcState = GC.Running;
      this.push(ev, cur);
      return cur;
    }
    if (seq !== this.gcSeq + 1) return undefined;
    if (this.gcState !== GC.Running) throw new TraceError('encountered GCActive while GC was not in progress');
    this.gcSeq = seq;
    userGo(cur);
    this.push(ev, cur);
    return cur;
  }

  private gcBegin(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    const seq = ev.args[0];
    if (this.gcState === GC.Undetermined) {
      this.gcSeq = seq;
      this.gcState = GC.Running;
      this.push(ev, cur);
      return cur;
    }
    if (seq !== this.gcSeq + 1) return undefined;
    if (this.gcState === GC.Running) throw new TraceError('encountered GCBegin while GC was already in progress');
    this.gcSeq = seq;
    this.gcState = GC.Running;
    userGo(cur);
    this.push(ev, cur);
    return cur;
  }

  private gcEnd(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    const seq = ev.args[0];
    if (seq !== this.gcSeq + 1) return undefined;
    if (this.gcState === GC.NotRunning) throw new TraceError('encountered GCEnd when GC was not in progress');
    if (this.gcState === GC.Undetermined) throw new TraceError('encountered GCEnd when GC was in an undetermined state');
    this.gcSeq = seq;
    this.gcState = GC.NotRunning;
    userGo(cur);
    this.push(ev, cur);
    return cur;
  }

  private annotation(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    userGo(cur);
    this.push(ev, cur);
    return cur;
  }

  private heapMetric(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    validateCtx(cur, Req.MustHave, Req.MustHave, Req.MayHave);
    this.push(ev, cur);
    return cur;
  }

  private gcSweepBegin(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    validateCtx(cur, Req.MustHave, Req.MustHave, Req.MayHave);
    const ps = this.pStates.get(cur.p);
    if (!ps) throw new TraceError(`uninitialized proc ${cur.p} found during ${eventName(ev.typ)}`);
    beginRange(ps.ranges, makeRange(ev.typ, 0), ev.typ);
    this.push(ev, cur);
    return cur;
  }

  private gcSweepActive(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const pid = ev.args[0];
    const ps = this.pStates.get(pid);
    if (!ps) throw new TraceError(`encountered GCSweepActive for unknown proc ${pid}`);
    activeRange(ps.ranges, makeRange(ev.typ, 0), gen === this.initialGen);
    this.push(ev, cur);
    return cur;
  }

  private gcSweepEnd(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    validateCtx(cur, Req.MustHave, Req.MustHave, Req.MayHave);
    const ps = this.pStates.get(cur.p);
    if (!ps) throw new TraceError(`uninitialized proc ${cur.p} found during ${eventName(ev.typ)}`);
    endRange(ps.ranges, ev.typ);
    this.push(ev, cur);
    return cur;
  }

  private goRangeBegin(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    userGo(cur);
    const desc = ev.typ === Ev.STWBegin ? ev.args[0] : 0;
    const gs = this.gStates.get(cur.g);
    if (!gs) throw new TraceError(`encountered event of type ${ev.typ} without known state for current goroutine ${cur.g}`);
    beginRange(gs.ranges, makeRange(ev.typ, desc), ev.typ);
    this.push(ev, cur);
    return cur;
  }

  private goRangeActive(ev: BaseEvent, gen: number, cur: Ctx): Ctx | undefined {
    const gid = ev.args[0];
    const gs = this.gStates.get(gid);
    if (!gs) throw new TraceError(`uninitialized goroutine ${gid} found during ${eventName(ev.typ)}`);
    activeRange(gs.ranges, makeRange(ev.typ, 0), gen === this.initialGen);
    this.push(ev, cur);
    return cur;
  }

  private goRangeEnd(ev: BaseEvent, cur: Ctx): Ctx | undefined {
    userGo(cur);
    const gs = this.gStates.get(cur.g);
    if (!gs) throw new TraceError(`encountered event of type ${ev.typ} without known state for current goroutine ${cur.g}`);
    const desc = endRange(gs.ranges, ev.typ);
    if (ev.typ === Ev.STWEnd) ev.args[0] = desc; // the STW kind, carried from its begin
    this.push(ev, cur);
    return cur;
  }
}

function beginRange(ranges: RangeKey[], key: RangeKey, typ: number): void {
  if (ranges.includes(key)) throw new TraceError(`discovered event already in-flight for when starting event ${eventName(typ)}`);
  ranges.push(key);
}

function activeRange(ranges: RangeKey[], key: RangeKey, initial: boolean): void {
  if (initial) {
    if (ranges.includes(key)) throw new TraceError(`found named active range already in first gen: ${key}`);
    ranges.push(key);
  } else if (!ranges.includes(key)) {
    throw new TraceError(`resource is missing active range: ${key}`);
  }
}

/** Ends the range begun by typ's start event; returns its description (string ID). */
function endRange(ranges: RangeKey[], typ: number): number {
  const st = specOf(typ)?.startEv ?? 0;
  const idx = ranges.findIndex((r) => Number(r.slice(0, r.indexOf(':'))) === st);
  if (idx < 0) throw new TraceError(`tried to end event ${eventName(st)}, but not in-flight`);
  const desc = Number(ranges[idx].slice(ranges[idx].indexOf(':') + 1));
  ranges[idx] = ranges[ranges.length - 1];
  ranges.pop();
  return desc;
}
