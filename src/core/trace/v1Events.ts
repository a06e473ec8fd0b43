// Event types of the Go 1.11–1.21 ("v1") trace format (Go's internal/trace/internal/tracev1).
export const enum V1 {
  None = 0, Batch = 1, Frequency = 2, Stack = 3, Gomaxprocs = 4, ProcStart = 5, ProcStop = 6, GCStart = 7,
  GCDone = 8, STWStart = 9, STWDone = 10, GCSweepStart = 11, GCSweepDone = 12, GoCreate = 13, GoStart = 14,
  GoEnd = 15, GoStop = 16, GoSched = 17, GoPreempt = 18, GoSleep = 19, GoBlock = 20, GoUnblock = 21,
  GoBlockSend = 22, GoBlockRecv = 23, GoBlockSelect = 24, GoBlockSync = 25, GoBlockCond = 26, GoBlockNet = 27,
  GoSysCall = 28, GoSysExit = 29, GoSysBlock = 30, GoWaiting = 31, GoInSyscall = 32, HeapAlloc = 33,
  HeapGoal = 34, TimerGoroutine = 35, FutileWakeup = 36, String = 37, GoStartLocal = 38, GoUnblockLocal = 39,
  GoSysExitLocal = 40, GoStartLabel = 41, GoBlockGC = 42, GCMarkAssistStart = 43, GCMarkAssistDone = 44,
  UserTaskCreate = 45, UserTaskEnd = 46, UserRegion = 47, UserLog = 48, CPUSample = 49, Count = 50,
}

export interface V1Desc {
  name: string;
  minVersion: number;
  stack: boolean;
  nargs: number;
}

function d(name: string, minVersion: number, stack: boolean, nargs: number): V1Desc {
  return { name, minVersion, stack, nargs };
}

export const v1Descs: V1Desc[] = [
  d('None', 5, false, 0), d('Batch', 5, false, 2), d('Frequency', 5, false, 1), d('Stack', 5, false, 2),
  d('Gomaxprocs', 5, true, 1), d('ProcStart', 5, false, 1), d('ProcStop', 5, false, 0), d('GCStart', 5, true, 1),
  d('GCDone', 5, false, 0), d('GCSTWStart', 5, false, 1), d('GCSTWDone', 5, false, 0), d('GCSweepStart', 5, true, 0),
  d('GCSweepDone', 5, false, 2), d('GoCreate', 5, true, 2), d('GoStart', 5, false, 2), d('GoEnd', 5, false, 0),
  d('GoStop', 5, true, 0), d('GoSched', 5, true, 0), d('GoPreempt', 5, true, 0), d('GoSleep', 5, true, 0),
  d('GoBlock', 5, true, 0), d('GoUnblock', 5, true, 2), d('GoBlockSend', 5, true, 0), d('GoBlockRecv', 5, true, 0),
  d('GoBlockSelect', 5, true, 0), d('GoBlockSync', 5, true, 0), d('GoBlockCond', 5, true, 0), d('GoBlockNet', 5, true, 0),
  d('GoSysCall', 5, true, 0), d('GoSysExit', 5, false, 3), d('GoSysBlock', 5, false, 0), d('GoWaiting', 5, false, 1),
  d('GoInSyscall', 5, false, 1), d('HeapAlloc', 5, false, 1), d('HeapGoal', 5, false, 1), d('TimerGoroutine', 5, false, 1),
  d('FutileWakeup', 5, false, 0), d('String', 7, false, 0), d('GoStartLocal', 7, false, 1), d('GoUnblockLocal', 7, true, 1),
  d('GoSysExitLocal', 7, false, 2), d('GoStartLabel', 8, false, 3), d('GoBlockGC', 8, true, 0),
  d('GCMarkAssistStart', 9, true, 0), d('GCMarkAssistDone', 9, false, 0), d('UserTaskCreate', 11, true, 3),
  d('UserTaskEnd', 11, true, 1), d('UserRegion', 11, true, 3), d('UserLog', 11, true, 2), d('CPUSample', 19, true, 3),
];

/** Fake Ps of the v1 format. */
export const FAKE_P = 1000000;
export const TIMER_P = 1000001;
export const NETPOLL_P = 1000002;
export const SYSCALL_P = 1000003;
export const GC_P = 1000004;
export const PROFILE_P = 1000005;

export function isBlockV1(t: number): boolean {
  return t === V1.GoBlock || (t >= V1.GoBlockSend && t <= V1.GoBlockNet) || t === V1.GoSleep || t === V1.GoBlockGC;
}
