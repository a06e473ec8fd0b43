// Event types and specs of the Go 1.22+ ("v2") execution trace wire format, as defined by Go's
// internal/trace/tracev2/events.go. Args include the leading timestamp delta for timed events.

export const enum Ev {
  None = 0,
  EventBatch = 1, Stacks = 2, Stack = 3, Strings = 4, String = 5, CPUSamples = 6, CPUSample = 7, Frequency = 8,
  ProcsChange = 9, ProcStart = 10, ProcStop = 11, ProcSteal = 12, ProcStatus = 13,
  GoCreate = 14, GoCreateSyscall = 15, GoStart = 16, GoDestroy = 17, GoDestroySyscall = 18, GoStop = 19,
  GoBlock = 20, GoUnblock = 21, GoSyscallBegin = 22, GoSyscallEnd = 23, GoSyscallEndBlocked = 24, GoStatus = 25,
  STWBegin = 26, STWEnd = 27,
  GCActive = 28, GCBegin = 29, GCEnd = 30, GCSweepActive = 31, GCSweepBegin = 32, GCSweepEnd = 33,
  GCMarkAssistActive = 34, GCMarkAssistBegin = 35, GCMarkAssistEnd = 36, HeapAlloc = 37, HeapGoal = 38,
  GoLabel = 39, UserTaskBegin = 40, UserTaskEnd = 41, UserRegionBegin = 42, UserRegionEnd = 43, UserLog = 44,
  GoSwitch = 45, GoSwitchDestroy = 46, GoCreateBlocked = 47, GoStatusStack = 48,
  ExperimentalBatch = 49, Sync = 50, ClockSnapshot = 51, EndOfGeneration = 52,
  // Experimental (AllocFree).
  Span = 128, SpanAlloc = 129, SpanFree = 130, HeapObject = 131, HeapObjectAlloc = 132, HeapObjectFree = 133,
  GoroutineStack = 134, GoroutineStackAlloc = 135, GoroutineStackFree = 136,
  /** Not on the wire: the reader's generation boundary marker (Go's EventSync). */
  SyncMarker = 255,
}

export interface EventSpec {
  name: string;
  /** Argument names, the timestamp delta ("dt") first for timed events. */
  args: string[];
  timed: boolean;
  /** Indices into args (dt included) holding stack IDs / string IDs. */
  stackIDs: number[];
  stringIDs: number[];
  /** For an End or Active event: the Begin event it pairs with. */
  startEv: number;
}

const specs: (EventSpec | undefined)[] = new Array(256);
function def(ev: number, name: string, args: string[], timed: boolean, opt: { stack?: number[]; str?: number[]; start?: number } = {}): void {
  specs[ev] = { name, args, timed, stackIDs: opt.stack ?? [], stringIDs: opt.str ?? [], startEv: opt.start ?? Ev.None };
}
def(Ev.EventBatch, 'EventBatch', ['gen', 'm', 'time', 'size'], false);
def(Ev.Stacks, 'Stacks', [], false);
def(Ev.Stack, 'Stack', ['id', 'nframes'], false);
def(Ev.Strings, 'Strings', [], false);
def(Ev.String, 'String', ['id'], false);
def(Ev.CPUSamples, 'CPUSamples', [], false);
def(Ev.CPUSample, 'CPUSample', ['time', 'm', 'p', 'g', 'stack'], false, { stack: [4] });
def(Ev.Frequency, 'Frequency', ['freq'], false);
def(Ev.ExperimentalBatch, 'ExperimentalBatch', ['exp', 'gen', 'm', 'time'], false);
def(Ev.Sync, 'Sync', [], false);
def(Ev.EndOfGeneration, 'EndOfGeneration', [], false);
def(Ev.ProcsChange, 'ProcsChange', ['dt', 'procs_value', 'stack'], true, { stack: [2] });
def(Ev.ProcStart, 'ProcStart', ['dt', 'p', 'p_seq'], true);
def(Ev.ProcStop, 'ProcStop', ['dt'], true);
def(Ev.ProcSteal, 'ProcSteal', ['dt', 'p', 'p_seq', 'm'], true);
def(Ev.ProcStatus, 'ProcStatus', ['dt', 'p', 'pstatus'], true);
def(Ev.GoCreate, 'GoCreate', ['dt', 'new_g', 'new_stack', 'stack'], true, { stack: [3, 2] });
def(Ev.GoCreateSyscall, 'GoCreateSyscall', ['dt', 'new_g'], true);
def(Ev.GoStart, 'GoStart', ['dt', 'g', 'g_seq'], true);
def(Ev.GoDestroy, 'GoDestroy', ['dt'], true);
def(Ev.GoDestroySyscall, 'GoDestroySyscall', ['dt'], true);
def(Ev.GoStop, 'GoStop', ['dt', 'reason_string', 'stack'], true, { stack: [2], str: [1] });
def(Ev.GoBlock, 'GoBlock', ['dt', 'reason_string', 'stack'], true, { stack: [2], str: [1] });
def(Ev.GoUnblock, 'GoUnblock', ['dt', 'g', 'g_seq', 'stack'], true, { stack: [3] });
def(Ev.GoSyscallBegin, 'GoSyscallBegin', ['dt', 'p_seq', 'stack'], true, { stack: [2] });
def(Ev.GoSyscallEnd, 'GoSyscallEnd', ['dt'], true, { start: Ev.GoSyscallBegin });
def(Ev.GoSyscallEndBlocked, 'GoSyscallEndBlocked', ['dt'], true, { start: Ev.GoSyscallBegin });
def(Ev.GoStatus, 'GoStatus', ['dt', 'g', 'm', 'gstatus'], true);
def(Ev.STWBegin, 'STWBegin', ['dt', 'kind_string', 'stack'], true, { stack: [2], str: [1] });
def(Ev.STWEnd, 'STWEnd', ['dt'], true, { start: Ev.STWBegin });
def(Ev.GCActive, 'GCActive', ['dt', 'gc_seq'], true, { start: Ev.GCBegin });
def(Ev.GCBegin, 'GCBegin', ['dt', 'gc_seq', 'stack'], true, { stack: [2] });
def(Ev.GCEnd, 'GCEnd', ['dt', 'gc_seq'], true, { start: Ev.GCBegin });
def(Ev.GCSweepActive, 'GCSweepActive', ['dt', 'p'], true, { start: Ev.GCSweepBegin });
def(Ev.GCSweepBegin, 'GCSweepBegin', ['dt', 'stack'], true, { stack: [1] });
def(Ev.GCSweepEnd, 'GCSweepEnd', ['dt', 'swept_value', 'reclaimed_value'], true, { start: Ev.GCSweepBegin });
def(Ev.GCMarkAssistActive, 'GCMarkAssistActive', ['dt', 'g'], true, { start: Ev.GCMarkAssistBegin });
def(Ev.GCMarkAssistBegin, 'GCMarkAssistBegin', ['dt', 'stack'], true, { stack: [1] });
def(Ev.GCMarkAssistEnd, 'GCMarkAssistEnd', ['dt'], true, { start: Ev.GCMarkAssistBegin });
def(Ev.HeapAlloc, 'HeapAlloc', ['dt', 'heapalloc_value'], true);
def(Ev.HeapGoal, 'HeapGoal', ['dt', 'heapgoal_value'], true);
def(Ev.GoLabel, 'GoLabel', ['dt', 'label_string'], true, { str: [1] });
def(Ev.UserTaskBegin, 'UserTaskBegin', ['dt', 'task', 'parent_task', 'name_string', 'stack'], true, { stack: [4], str: [3] });
def(Ev.UserTaskEnd, 'UserTaskEnd', ['dt', 'task', 'stack'], true, { stack: [2] });
def(Ev.UserRegionBegin, 'UserRegionBegin', ['dt', 'task', 'name_string', 'stack'], true, { stack: [3], str: [2] });
def(Ev.UserRegionEnd, 'UserRegionEnd', ['dt', 'task', 'name_string', 'stack'], true, { stack: [3], str: [2], start: Ev.UserRegionBegin });
def(Ev.UserLog, 'UserLog', ['dt', 'task', 'key_string', 'value_string', 'stack'], true, { stack: [4], str: [2, 3] });
def(Ev.GoSwitch, 'GoSwitch', ['dt', 'g', 'g_seq'], true);
def(Ev.GoSwitchDestroy, 'GoSwitchDestroy', ['dt', 'g', 'g_seq'], true);
def(Ev.GoCreateBlocked, 'GoCreateBlocked', ['dt', 'new_g', 'new_stack', 'stack'], true, { stack: [3, 2] });
def(Ev.GoStatusStack, 'GoStatusStack', ['dt', 'g', 'm', 'gstatus', 'stack'], true, { stack: [4] });
def(Ev.ClockSnapshot, 'ClockSnapshot', ['dt', 'mono', 'sec', 'nsec'], true);
def(Ev.Span, 'Span', ['dt', 'id', 'npages_value', 'kindclass'], true);
def(Ev.SpanAlloc, 'SpanAlloc', ['dt', 'id', 'npages_value', 'kindclass'], true);
def(Ev.SpanFree, 'SpanFree', ['dt', 'id'], true);
def(Ev.HeapObject, 'HeapObject', ['dt', 'id', 'type'], true);
def(Ev.HeapObjectAlloc, 'HeapObjectAlloc', ['dt', 'id', 'type'], true);
def(Ev.HeapObjectFree, 'HeapObjectFree', ['dt', 'id'], true);
def(Ev.GoroutineStack, 'GoroutineStack', ['dt', 'id', 'order'], true);
def(Ev.GoroutineStackAlloc, 'GoroutineStackAlloc', ['dt', 'id', 'order'], true);
def(Ev.GoroutineStackFree, 'GoroutineStackFree', ['dt', 'id'], true);

/** The spec of a wire event type, or undefined. Go's batch cursor reads timed events with the full
 * table whatever the trace version (readTimedBaseEvent indexes tracev2.Specs()), so this does too. */
export function specOf(typ: number): EventSpec | undefined {
  return specs[typ];
}

export function eventName(typ: number): string {
  if (typ === Ev.SyncMarker) return 'Sync';
  return specs[typ]?.name ?? `Invalid(${typ})`;
}

export const enum GoStatus { Bad = 0, Runnable = 1, Running = 2, Syscall = 3, Waiting = 4 }
export const enum ProcStatus { Bad = 0, Running = 1, Idle = 2, Syscall = 3, SyscallAbandoned = 4 }

export function goStatusName(s: number): string {
  return ['Bad', 'Runnable', 'Running', 'Syscall', 'Waiting'][s] ?? 'Bad';
}
export function procStatusName(s: number): string {
  return ['Bad', 'Running', 'Idle', 'Syscall', 'SyscallAbandoned'][s] ?? 'Bad';
}

/** Wire-format limits (tracev2/events.go). */
export const MAX_BATCH_SIZE = 64 << 10;
export const MAX_FRAMES_PER_STACK = 128;
export const MAX_STRING_SIZE = 1 << 10;
