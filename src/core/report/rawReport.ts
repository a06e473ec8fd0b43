// -raw: Profile.String() of Go 1.27's pprof (line columns, "Doc:"), after filtering.
// Time is printed in UTC ("+0000 UTC"); pprof prints the host's local zone.
import type { Profile } from '../profile/profile';
import { profileToString } from '../profile/profileString';

export function profileString(p: Profile): string {
  return profileToString(p);
}
