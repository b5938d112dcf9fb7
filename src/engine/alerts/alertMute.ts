// A timed mute of an alert rule: the rule keeps its state (a crossing during the mute disarms it
// silently, so it fires again only on a fresh crossing after re-arming) but nothing fires until
// `mutedUntil` (epoch ms) has passed; the mute then ends by itself. Stored on the rule, so it survives
// a reload and shows wherever the rule does.
export const MUTE_DURATIONS = [
  { id: '15m', label: '15 minutes' },
  { id: '1h', label: '1 hour' },
  { id: 'tomorrow', label: 'until tomorrow (local midnight)' },
] as const;

export type MuteDuration = (typeof MUTE_DURATIONS)[number]['id'];

const MINUTE_MS = 60_000;

/** When a mute chosen at `now` ends: 15 min or 1 h later, or at the next local midnight. */
export function muteEnd(duration: MuteDuration, now: number): number {
  switch (duration) {
    case '15m':
      return now + 15 * MINUTE_MS;
    case '1h':
      return now + 60 * MINUTE_MS;
    case 'tomorrow': {
      const d = new Date(now);
      return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    }
  }
}

export function isMuted(rule: { mutedUntil?: number }, now: number): boolean {
  return rule.mutedUntil !== undefined && now < rule.mutedUntil;
}
