package main

import (
	"strings"
	"testing"
	"time"

	"digicheck/record"
	"digicheck/store"
)

// A ward's store is often at a path with spaces. history's void and amend
// hints carry it, and were wrapped at any space: the break fell inside a
// quoted path, so a command copied from the screen held a newline in its
// --config and the shell waited for the closing quote. Each command is kept
// whole on a line, or broken only between its words with " \" (as every
// command digicheck shows is), so copied as shown it runs.
func TestHistorysHintsKeepCommandsWholeWithPathsOfSpaces(t *testing.T) {
	t.Parallel()
	given := " --db " + shellWord("/srv/Ward Stores/Falls team/digicheck store.db") + " --config " + shellWord("/srv/Ward Stores/site config.toml")
	at := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	var un []store.Assessment
	for i, id := range []string{"01a25047-fb8c-7000-8000-000000000001", "01a25047-fb8c-7000-8000-000000000002"} {
		r := record.Record{ID: record.MustParseID(id), Clinician: "Sister Okafor", Team: "Falls team", Time: at.Add(time.Duration(i) * time.Hour)}
		un = append(un, store.Assessment{First: r, Current: r})
	}
	note := unlinkedNote(un, func(id record.ID) string { return id.String()[:13] }, given)
	for _, l := range strings.Split(note, "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Errorf("a line of %d columns, over 80: %q", w, l)
		}
		if strings.Count(l, "'")%2 != 0 {
			t.Errorf("a line breaks inside a quoted path, so the command copied from it does not run:\n%q\nin\n%s", l, note)
		}
	}
	copied := strings.Join(strings.Fields(strings.ReplaceAll(note, " \\\n", " ")), " ")
	for _, want := range []string{"digicheck void ID" + given, "digicheck amend ID" + given} {
		if !strings.Contains(copied, want) {
			t.Errorf("history does not give %q whole:\n%s", want, note)
		}
	}
}
