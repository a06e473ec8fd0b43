// A whole trace as read: events in order plus the interned strings, frames and stacks they point at.
import { EventStore } from './eventStore';

export interface TraceFrame {
  pc: number;
  /** Indexes into TraceData.strings. */
  func: number;
  file: number;
  line: number;
}

export class TraceData {
  readonly events = new EventStore();
  /** strings[0] is "". */
  readonly strings: string[] = [''];
  private readonly stringIndex = new Map<string, number>([['', 0]]);
  readonly frames: TraceFrame[] = [];
  private readonly frameIndex = new Map<string, number>();
  /** stacks[i] lists frame indexes, leaf first; stacks[0] is the empty stack. */
  readonly stacks: number[][] = [[]];
  private readonly stackIndex = new Map<string, number>([['', 0]]);
  generations = 0;

  constructor(readonly version: number) {}

  intern(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  internFrame(pc: number, func: string, file: string, line: number): number {
    const fn = this.intern(func);
    const fl = this.intern(file);
    const key = `${pc}:${fn}:${fl}:${line}`;
    let i = this.frameIndex.get(key);
    if (i === undefined) {
      i = this.frames.length;
      this.frames.push({ pc, func: fn, file: fl, line });
      this.frameIndex.set(key, i);
    }
    return i;
  }

  internStack(frames: number[]): number {
    const key = frames.join(',');
    let i = this.stackIndex.get(key);
    if (i === undefined) {
      i = this.stacks.length;
      this.stacks.push(frames);
      this.stackIndex.set(key, i);
    }
    return i;
  }
}
