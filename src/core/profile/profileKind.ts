// What kind of profile this is (CPU, heap, goroutine, contention, thread creation), judged from its
// period and sample types as Go's runtime writes them. One classifier: the profile editor's header,
// the Profiles view's rows and the comparison's "same kind" check each put it in their own words.
import type { Profile } from './profile';

/** The kinds of profile Go's runtime writes that the views name; other profiles have no kind. */
export type ProfileKindId = 'cpu' | 'heap' | 'goroutine' | 'contention' | 'threadcreate';

/**
 * The profile's kind from its period and sample types, tested in this order: cpu, heap (inuse_space
 * or alloc_space), goroutine, contention (delay or contentions), threadcreate; undefined for others.
 */
export function profileKindOf(p: Profile): ProfileKindId | undefined {
  const types = new Set(p.sampleType.map((t) => t.type));
  const period = p.periodType?.type ?? '';
  if (period === 'cpu' || types.has('cpu')) return 'cpu';
  if (types.has('inuse_space') || types.has('alloc_space')) return 'heap';
  if (period === 'goroutine' || types.has('goroutine')) return 'goroutine';
  if (types.has('delay') || types.has('contentions')) return 'contention';
  if (period === 'threadcreate' || types.has('threadcreate')) return 'threadcreate';
  return undefined;
}
