package report

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// An input's file name can come from elsewhere (an attachment, another
// team's USB stick) and hold control characters. The summary names its
// inputs with them as escapes (\x1b) in what it says of records skipped
// for their dates and of records held twice with other contents, as it
// does everywhere else: an escape sequence in a name reached the terminal
// (it turned the text after it red).
func TestASummaryNamesInputsWithControlCharactersEscaped(t *testing.T) {
	evil := "dmg/ok\x1b[31m.csv"
	s := &Summary{
		SkippedCount:   1,
		Skipped:        []Skipped{{ID: uuid.New(), Time: time.Date(1999, 3, 4, 12, 0, 0, 0, time.UTC).Unix(), Where: evil + ":6"}},
		Conflicts:      1,
		conflictsNamed: []ConflictNamed{{ID: uuid.New(), Counted: "ex/A.csv:6", Also: evil + ":6"}},
	}
	said := strings.Join(append(s.SkippedWhere(), s.ConflictWarning()), "\n")
	if strings.Contains(said, "\x1b") {
		t.Errorf("the summary sends a file name's control characters on:\n%q", said)
	}
	if strings.Count(said, `dmg/ok\x1b[31m.csv:6`) != 2 {
		t.Errorf("the summary does not name the input with its control characters as escapes, where it names skipped and conflicting records:\n%q", said)
	}
}
