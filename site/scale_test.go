package site

import (
	"fmt"
	"runtime"
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
// the programmes may take at most 20 times as long (linear is about 8,
// finding each key's line by searching the file again 40 and more).
//
// What is compared is the CPU time the process spent on each check, not
// the time on the clock: CI runs other packages' tests beside this one on
// two processors, and the clock also counts the time the check waited for
// a processor, so a linear check could look 30 times slower than the small
// one when the neighbours were busy through the large one's tries.
func TestCheckingProgrammesIsLinear(t *testing.T) {
	testkit.EndToEnd(t) // times two checks
	small, large := manyProgrammes(1000), manyProgrammes(8000)
	costOf := func(doc []byte) time.Duration {
		// Each check starts from a collected heap, so that neither pays
		// for collecting the garbage the other left.
		runtime.GC()
		cpu, wall := cpuTime(), time.Now()
		checkAll(t, doc)
		if cpu > 0 {
			return cpuTime() - cpu
		}
		return time.Since(wall) // no CPU time on this system
	}
	checkAll(t, small) // warm up
	// The two sizes are timed by turns and the best of each kept: the
	// neighbours' use of the caches and the memory bus slows a check a
	// little even in CPU time, and the best of several is the one they
	// disturbed least.
	s, l := time.Duration(1<<62), time.Duration(1<<62)
	for range 5 {
		s = min(s, costOf(small))
		l = min(l, costOf(large))
		if l > 10*time.Second {
			break // a linear check of 8,000 takes a fifth of a second: no need to be sure
		}
	}
	t.Logf("CPU time to check 1,000 programmes: %v; 8,000: %v (%.1fx)", s, l, float64(l)/float64(s))
	// Linear is 8x. The larger heap and the caches make it 9-12x here,
	// with four busy loops beside the test too. Searching the newline
	// offsets from the start for each key's line, a quadratic cost as
	// cheap as one can be, makes it 40x; the TOML parser's own line count
	// (see lineIndex) far more. 20x is between them, twice from each.
	if l > 20*s && l > 500*time.Millisecond {
		t.Errorf("8,000 programmes took %v of CPU, %.0f times 1,000's %v: not linear", l, float64(l)/float64(s), s)
	}
}
