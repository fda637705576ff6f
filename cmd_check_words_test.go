package main

import (
	"regexp"
	"strings"
	"testing"
)

// Damaged stores, item 5: check's findings about the file's pages said
// what bbolt's pages hold ("page 7 (records) says it is page 0", "key 0 is
// outside the range its parent gives"), which a QI lead cannot act on.
// Each finding says first, in plain words, what is lost or unsure, and
// leaves the page for IT after; and at 80 columns every line is whole
// words.
func TestCheckSaysWhatIsLostInPlainWordsAt80Columns(t *testing.T) {
	t.Parallel()
	lostPage, _ := storeWith(t, 40)
	zeroRecordsLeaf(t, lostPage, 2)
	outOfOrder, rs := storeWith(t, 40)
	flipKeyByte(t, outOfOrder, rs[5].ID.String(), func(k []byte) { k[0] = '1' })
	jargon := regexp.MustCompile(`page \d+ \(|key \d+ is outside|element \d+|overflow|freelist|branch|leaf|facts:`)
	for name, path := range map[string]string{"a lost page": lostPage, "a key out of order": outOfOrder} {
		out, _, err := runStoreCmd(t, path, (*app).checkCmd)
		if err == nil {
			t.Fatalf("%s: check passed\n%s", name, out)
		}
		items := 0
		for _, l := range strings.Split(out, "\n") {
			if !strings.HasPrefix(l, "- ") {
				continue
			}
			items++
			plain, _, _ := strings.Cut(l, "(for IT:")
			if m := jargon.FindString(plain); m != "" {
				t.Errorf("%s: a finding says %q before anything a QI lead can act on: %q", name, m, l)
			}
		}
		if items == 0 {
			t.Errorf("%s: no findings:\n%s", name, out)
		}
		for _, l := range strings.Split(wrapReport(out, 80), "\n") {
			if len(l) > 80 && len(strings.Fields(l)) > 1 {
				t.Errorf("%s: a line of %d columns at 80: %q", name, len(l), l)
			}
		}
	}
}
