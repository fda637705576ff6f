package site

import "fmt"

// SmallestShown is the smallest count disclosure control may show under
// max_suppressed and round_to as given: every count is rounded to a
// multiple of roundTo, and one of maxSuppressed or less is shown as "*",
// so the smallest shown is the multiple of roundTo next above
// maxSuppressed (10 with the defaults).
func SmallestShown(maxSuppressed, roundTo int) int {
	roundTo = max(roundTo, 1)
	return (maxSuppressed/roundTo + 1) * roundTo
}

// checkDisclosure refuses a [disclosure] setting that reads as stricter
// than the default and is not. Each value was once checked only against
// its own default, so round_to = 8 alone (max_suppressed left at 7)
// showed counts of 8; and max_suppressed is compared with counts already
// rounded to a multiple of round_to, so max_suppressed = 9 with round_to
// = 5 hid just what 7 does, where a site that writes 9 expects counts up
// to 9 hidden. A value below its default is refused before this, as
// looser. (A summary also lays the site's rule over the default one, so
// that no count the defaults hide is shown whatever is set: report's
// control.)
func checkDisclosure(name string, d Disclosure, pos positions) []Problem {
	def := DefaultDisclosure
	m, r := d.MaxSuppressed, d.RoundTo
	if m == 0 {
		m = def.MaxSuppressed
	}
	if r == 0 {
		r = def.RoundTo
	}
	if m < def.MaxSuppressed || r < def.RoundTo {
		return nil // looser: refused as such
	}
	least := SmallestShown(def.MaxSuppressed, def.RoundTo)
	if s := SmallestShown(m, r); s < least {
		want := (least + r - 1) / r * r // the multiple of r from which counts are shown
		want -= r
		return []Problem{{name, pos["disclosure.round_to"],
			fmt.Sprintf("round_to %d with max_suppressed %d would show counts from %d, below the default's smallest, %d: "+
				"write max_suppressed = %d as well (* is then any count from 0 to %d)", r, m, s, least, want, SmallestShown(want, r)-1)}}
	}
	if m == def.MaxSuppressed || m%r == 0 {
		return nil
	}
	acts := m / r * r
	line := pos["disclosure.max_suppressed"]
	if SmallestShown(m, r) == SmallestShown(def.MaxSuppressed, r) {
		next := acts + r
		return []Problem{{name, line,
			fmt.Sprintf("max_suppressed %d has no effect with round_to %d: counts are rounded to a multiple of %d before they are compared with it, "+
				"so it hides just what the default %d hides (* is any count from 0 to %d); write max_suppressed = %d to hide the counts that round to %d too "+
				"(* is then any count from 0 to %d), or leave it out",
				m, r, r, def.MaxSuppressed, max(SmallestShown(m, r), least)-1, next, next, SmallestShown(next, r)-1)}}
	}
	return []Problem{{name, line,
		fmt.Sprintf("max_suppressed %d with round_to %d hides just what %d does: counts are rounded to a multiple of %d before they are compared with it; "+
			"write max_suppressed = %d (* is then any count from 0 to %d) or %d (0 to %d)",
			m, r, acts, r, acts, SmallestShown(acts, r)-1, acts+r, SmallestShown(acts+r, r)-1)}}
}
