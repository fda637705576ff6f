package site

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// manyProgrammes is a programmes file of n good local programmes, each
// with an eligibility table, as a large trust or a council's list might be.
func manyProgrammes(n int) []byte {
	var b strings.Builder
	b.WriteString("# a long list\nhide = [\"social-tariffs\"]\n")
	for i := range n {
		fmt.Fprintf(&b, `
[[programme]]
id = "local-%d"
name = "Local programme %d"
barriers = ["access", "skills"]
contact = "Ring the hub and ask for help."
patient_line = "We can help you get online."

[[programme.eligible]]
min_age = 18
areas = ["LS6", "LS7"]
`, i, i)
	}
	return []byte(b.String())
}

// checkAll does what programmes --check does with a file: parse and check
// it, then look for lines that are hard to read.
func checkAll(tb testing.TB, doc []byte) {
	f, err := ParseProgrammes("p.toml", doc, questionnaire.National)
	if err != nil {
		tb.Fatal(err)
	}
	ReadingWarnings("p.toml", doc, f)
}

// BenchmarkCheckProgrammes: checking a file is linear in its size. Compare
// the ns/op of the two sizes: 8,000 programmes should take about 8 times
// as long as 1,000, not 64.
//
//	go test -run x -bench CheckProgrammes ./site/
func BenchmarkCheckProgrammes(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		doc := manyProgrammes(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				checkAll(b, doc)
			}
		})
	}
}

// TestCheckingProgrammesIsLinear: every start checks the programmes file,
// so its cost must grow with the file, not with its square. Eight times
// the programmes may take at most 32 times as long (linear is about 8,
// finding each key's line by rescanning the file about 64).
func TestCheckingProgrammesIsLinear(t *testing.T) {
	testkit.EndToEnd(t) // times two checks
	small, large := manyProgrammes(1000), manyProgrammes(8000)
	timeOf := func(doc []byte) time.Duration {
		start := time.Now()
		checkAll(t, doc)
		return time.Since(start)
	}
	checkAll(t, small) // warm up
	// The two sizes are timed by turns and the best of each kept, so that
	// a busy machine (other packages' tests run beside this one) slows
	// both alike: a ratio of one lucky and one unlucky run says nothing.
	s, l := time.Duration(1<<62), time.Duration(1<<62)
	for range 5 {
		s = min(s, timeOf(small))
		l = min(l, timeOf(large))
		if l > 10*time.Second {
			break // quadratic: no need to be sure
		}
	}
	t.Logf("1,000 programmes: %v; 8,000: %v (%.1fx)", s, l, float64(l)/float64(s))
	// Linear is 8x, quadratic 64x. A busy machine, the larger heap's
	// collections and caches give 11-20x here; 32x is past all of that
	// and still half of quadratic.
	if l > 32*s && l > 500*time.Millisecond {
		t.Errorf("8,000 programmes took %v, %.0f times 1,000's %v: not linear", l, float64(l)/float64(s), s)
	}
}
