// -raw: Profile.String() of Go 1.19's pprof (no line columns, no DocURL), after filtering.
// Time is printed in UTC ("+0000 UTC"); pprof prints the host's local zone.
import type { Profile } from '../profile/profile';
import { profileToString } from '../profile/profileString';

export function profileString(p: Profile): string {
  return profileToString(p, 'go119');
}
