// What the profile editor's table says when it has no rows: the reason, in the user's terms.
import type { ProfileSummary } from '../../src/protocol/messages';

/** Why the table has no rows: an empty profile, a sample type that is 0 everywhere, or the filters. */
export function emptyText(s: ProfileSummary): string {
  const type = s.sampleTypes[s.sampleIndex]?.type ?? 'value';
  if (s.sampleCount === 0) return 'No samples: the profile is empty.';
  if (s.total === 0) {
    const other = s.sampleTypes.length > 1 ? ' Choose another sample type above.' : '';
    return `No ${type}: this sample type is 0 in all ${s.sampleCount.toLocaleString('en-US')} sample records.${other}`;
  }
  if (s.filters && s.filters.length > 0) return `No function left after the filters (${s.filters.join(' ')}).`;
  return `No function: the samples (${s.totalText} in all) have no call stacks.`;
}
