package report

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"digicheck/site"
)

// acceptedDisclosures is every [disclosure] setting a site's config file
// may give with round_to from 0 to 30 and max_suppressed from -1 to 45
// (each also left out), that the config accepts, as it reads it.
func acceptedDisclosures(t *testing.T) []site.Disclosure {
	t.Helper()
	var out []site.Disclosure
	seen := map[site.Disclosure]bool{}
	for r := -1; r <= 30; r++ { // -1: left out
		for m := -2; m <= 45; m++ { // -2: left out
			doc := "[disclosure]\n"
			if r >= 0 {
				doc += "round_to = " + strconv.Itoa(r) + "\n"
			}
			if m >= -1 {
				doc += "max_suppressed = " + strconv.Itoa(m) + "\n"
			}
			c, err := site.ParseConfig("c.toml", []byte(doc), ".")
			if err != nil {
				continue
			}
			dc := c.Disclosure
			dc.Grid = ""
			if !seen[dc] {
				seen[dc] = true
				out = append(out, dc)
			}
		}
	}
	if !seen[site.Disclosure{MaxSuppressed: 7, RoundTo: 5}] || !seen[site.Disclosure{MaxSuppressed: 10, RoundTo: 10}] {
		t.Fatalf("the config accepts neither the defaults nor round_to 10 with max_suppressed 10: %v", out)
	}
	return out
}

// cellKeys are cell keys at both sides of every edge at which rounding to
// 5 or to roundTo turns from down to up, and others spread evenly between.
func cellKeys(roundTo int) []uint32 {
	seen := map[uint32]bool{}
	var out []uint32
	add := func(k uint32) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, to := range []uint64{5, uint64(max(roundTo, 1))} {
		for u := uint64(0); u < to; u++ {
			edge := (u<<32 + to - 1) / to
			add(uint32(edge))
			if edge > 0 {
				add(uint32(edge - 1))
			}
		}
	}
	add(1<<32 - 1)
	for i := uint64(0); i < 31; i++ {
		add(uint32(i * (1 << 32) / 31))
	}
	return out
}

// controlledCells lays out cells of every exact count from 0 to 60 at
// every key of keys, alone, and parts of every count to 24 under bases of
// every count to 24 (a part no more than its base), a few keys each; and
// applies disclosure control dc to them.
func controlledCells(dc site.Disclosure, keys []uint32) *Summary {
	s := &Summary{Disclosure: dc, Cells: make([]Cell, 0, 61*len(keys)+25*5*(1+13*5))}
	for n := 0; n <= 60; n++ {
		for _, k := range keys {
			s.Cells = append(s.Cells, Cell{Period: "2026-01", Breakdown: "b", Measure: "m", Count: n, Key: k, Base: -1})
		}
	}
	few := []uint32{keys[0], keys[len(keys)/3], keys[2*len(keys)/3], keys[len(keys)-1], 0x9e3779b9}
	for nb := 0; nb <= 24; nb++ {
		for _, kb := range few {
			base := len(s.Cells)
			s.Cells = append(s.Cells, Cell{Period: "2026-01", Breakdown: "b", Measure: "base", Count: nb, Key: kb, Base: -1})
			for np := 0; np <= nb; np++ {
				for _, kp := range few {
					s.Cells = append(s.Cells, Cell{Period: "2026-01", Breakdown: "b", Measure: "part", Count: np, Key: kp, Base: base})
				}
			}
		}
	}
	s.control(dc.MaxSuppressed, dc.RoundTo)
	return s
}

// cellState is what a cell shows, as bytes to hash.
func cellState(c Cell) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(c.Shown))
	if c.Suppressed {
		return append(b, 1)
	}
	return append(b, 0)
}

// noteFigures reads from a summary's disclosure note what it says: the
// multiple counts are rounded to, the count below which they are shown
// as *, and how near a shown count is to the exact one.
func noteFigures(t *testing.T, s *Summary) (roundTo, below, within int) {
	t.Helper()
	note := s.DisclosureNote()
	m := regexp.MustCompile(`rounded to a multiple of (\d+)\b.*counts below (\d+), zero included, are shown as \*.*within (\d+) of the exact one`).FindStringSubmatch(note)
	if m == nil {
		t.Fatalf("the disclosure note does not say its rounding, threshold and nearness: %q", note)
	}
	roundTo, _ = strconv.Atoi(m[1])
	below, _ = strconv.Atoi(m[2])
	within, _ = strconv.Atoi(m[3])
	return roundTo, below, within
}

// TestNoAcceptedDisclosureSettingShowsACountTheDefaultsHide: a site may
// make disclosure control stricter, never looser. round_to = 10 with
// max_suppressed left at 7 was accepted as stricter, and then counts of 1
// to 5 were shown as 10 (round_to = 20: counts of 1 to 3 as 20), which
// the defaults never show, under a note saying counts below 10 are shown
// as *: max_suppressed was compared with the rounded count, and a larger
// round_to lost the small-count threshold. And max_suppressed = 8 or 9
// with round_to = 5 was accepted and changed nothing, as rounded counts
// are multiples of 5. Over every setting the config accepts, every exact
// count to 60 at keys on both sides of every rounding edge, alone and as
// a part of a base: no cell the defaults hide is shown; the note's
// figures are what was done (every shown count a multiple of its
// rounding, no less than its threshold and within its nearness of the
// exact count; every hidden count below the threshold); and no accepted
// setting does what another with the same round_to does, or what the
// defaults do.
func TestNoAcceptedDisclosureSettingShowsACountTheDefaultsHide(t *testing.T) {
	acted := map[string]site.Disclosure{}
	for _, dc := range acceptedDisclosures(t) {
		name := fmt.Sprintf("round_to %d, max_suppressed %d", dc.RoundTo, dc.MaxSuppressed)
		keys := cellKeys(dc.RoundTo)
		s, def := controlledCells(dc, keys), controlledCells(site.DefaultDisclosure, keys)
		roundTo, below, within := noteFigures(t, s)
		if roundTo != dc.RoundTo {
			t.Errorf("%s: the note says counts are rounded to a multiple of %d", name, roundTo)
		}
		shownSmall, shownHidden, off, overlaid := 0, 0, 0, 0
		var first string
		h := fnv.New64a()
		for i, c := range s.Cells {
			d := def.Cells[i]
			h.Write(cellState(c))
			if c.Suppressed {
				if c.Shown > dc.MaxSuppressed && c.Shown >= below {
					overlaid++
				}
				if c.Count >= below {
					off++
					first = fmt.Sprintf("a count of %d (key %08x) is shown as *, which the note says stands for 0 to %d", c.Count, c.Key, below-1)
				}
				continue
			}
			switch {
			case c.Count >= 1 && c.Count <= 5:
				shownSmall++
				if shownSmall == 1 {
					t.Errorf("%s: an exact count of %d (key %08x) is shown as %d", name, c.Count, c.Key, c.Shown)
				}
			case d.Suppressed:
				shownHidden++
				if shownHidden == 1 {
					t.Errorf("%s: a count of %d (key %08x) that the defaults hide is shown as %d", name, c.Count, c.Key, c.Shown)
				}
			case c.Shown < below || c.Shown%dc.RoundTo != 0 || c.Shown-c.Count > within || c.Count-c.Shown > within:
				off++
				first = fmt.Sprintf("a count of %d is shown as %d, which the note's rule (a multiple of %d, at least %d, within %d) does not allow",
					c.Count, c.Shown, roundTo, below, within)
			}
		}
		if shownSmall+shownHidden > 0 {
			t.Errorf("%s: %d cells of an exact count of 1 to 5 shown, %d cells the defaults hide shown", name, shownSmall, shownHidden)
		}
		if off > 0 {
			t.Errorf("%s: %d cells not as the note says, such as %s", name, off, first)
		}
		// A count hidden only as the defaults hide it, its rounding
		// being one the site's own rule shows: the note must say so.
		if says := strings.Contains(s.DisclosureNote(), "A count the default rule hides is hidden too"); overlaid > 0 && !says {
			t.Errorf("%s: %d cells hidden as the defaults hide them, and the note does not say so: %q", name, overlaid, s.DisclosureNote())
		}
		sum := fmt.Sprintf("%d/%x", dc.RoundTo, h.Sum64())
		if dc.RoundTo == 5 {
			// Beside the defaults, laid out alike.
			hd := fnv.New64a()
			for _, c := range def.Cells {
				hd.Write(cellState(c))
			}
			acted[fmt.Sprintf("5/%x", hd.Sum64())] = site.DefaultDisclosure
			if dc == site.DefaultDisclosure {
				continue
			}
		}
		if other, ok := acted[sum]; ok {
			t.Errorf("%s is accepted and hides and shows every count as %+v does: it does nothing that setting does not", name, other)
		} else {
			acted[sum] = dc
		}
	}
}

// TestALargerRoundToShowsNoCountOfASummaryThatTheDefaultsHide: the same
// of whole summaries, as a QI lead publishes them (a year of synthetic
// records, by month), beside the defaults'.
func TestALargerRoundToShowsNoCountOfASummaryThatTheDefaultsHide(t *testing.T) {
	st := syntheticStore(t, 1500, 22)
	sum := func(dc site.Disclosure) *Summary {
		s, err := SummariseStore(st, Options{By: Month, Location: time.UTC, Disclosure: dc,
			From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	def := sum(site.Disclosure{})
	defAt := cells(def)
	small := 0
	for _, c := range def.Cells {
		if c.Count >= 1 && c.Count <= 5 {
			small++
		}
	}
	if small < 100 {
		t.Fatalf("only %d cells hold 1 to 5: the case tests little", small)
	}
	for _, dc := range []site.Disclosure{{RoundTo: 10, MaxSuppressed: 7}, {RoundTo: 20, MaxSuppressed: 7}, {RoundTo: 10, MaxSuppressed: 10},
		{RoundTo: 6, MaxSuppressed: 7}, {RoundTo: 15, MaxSuppressed: 7}, {RoundTo: 5, MaxSuppressed: 10}} {
		if _, err := site.ParseConfig("c.toml", []byte(fmt.Sprintf("[disclosure]\nround_to = %d\nmax_suppressed = %d\n", dc.RoundTo, dc.MaxSuppressed)), "."); err != nil {
			continue // refused: never published
		}
		s := sum(dc)
		_, below, within := noteFigures(t, s)
		bad := map[string]int{}
		for _, c := range s.Cells {
			// The count as counted (rule 10 may leave a small team out).
			n := c.Count
			if c.Suppressed {
				if c.Period != All && n >= below {
					bad[fmt.Sprintf("a count of %d shown as * (the note: counts below %d)", n, below)]++
				}
				continue
			}
			if n >= 1 && n <= 5 {
				bad[fmt.Sprintf("an exact count of %d shown as %d", n, c.Shown)]++
			}
			if d := def.Cells[defAt[key(c)]]; d.Suppressed && d.Count == n && d.Key == c.Key {
				bad[fmt.Sprintf("a count of %d the defaults hide shown as %d", n, c.Shown)]++
			}
			if c.Shown < below || c.Shown-n > within || n-c.Shown > within {
				bad[fmt.Sprintf("a count of %d shown as %d (the note: below %d hidden, within %d)", n, c.Shown, below, within)]++
			}
		}
		for what, times := range bad {
			t.Errorf("round_to %d, max_suppressed %d: %s, %d times", dc.RoundTo, dc.MaxSuppressed, what, times)
		}
	}
}
