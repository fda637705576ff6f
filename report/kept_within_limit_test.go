package report

import "testing"

// TestTheFactsASummaryKeepsLeaveRoomUnderItsMemoryLimit: a summary keeps
// an export's facts from its first reading, to count them without reading
// it again, while they fit in keepLimit. At 256 MB a 1,000,000-row
// pseudonymised export's facts (210 MB) were all kept, and with the
// collector's headroom the summary peaked at 804 MB, where its budget is
// 150. What is kept must leave at least as much again of MemoryLimit for
// the rest: the table of records read (about 80 bytes a record), the
// chunk being read, the counts.
func TestTheFactsASummaryKeepsLeaveRoomUnderItsMemoryLimit(t *testing.T) {
	if MemoryLimit > 150<<20 {
		t.Errorf("MemoryLimit is %d MB, over the summary's 150 MB budget", MemoryLimit>>20)
	}
	if 2*keepLimit > MemoryLimit {
		t.Errorf("keepLimit is %d MB, more than half of MemoryLimit (%d MB)", keepLimit>>20, MemoryLimit>>20)
	}
}
