package main

import (
	"slices"
	"strings"
	"testing"
)

// Issue 15 (damaged stores, item 5): on a terminal, check's PROBLEMS list,
// its last line and the damage messages ran to hundreds of characters on
// one line, and the terminal cut them mid-word ("which is mis / sing").
// They are wrapped at whole words to the terminal's width, each
// continuation indented two past its line's start, no word lost or cut: a
// path wider than the line stays whole on a line of its own.
func TestCheckAndDamageMessagesWrapAtWholeWords(t *testing.T) {
	t.Parallel()
	path := "/tmp/" + strings.Repeat("a-very-long-folder-name/", 4) + "digicheck.db"
	report := "Store: " + path + "\nDrafts: 0\nPROBLEMS: 2\n" +
		"- 1 page(s) of records cannot be read; 4 records could be read. The records they held are lost from this store, in 1 span(s) of record ids (ids are made in time order, so each span is also when they were saved): restore the store from a backup made after the last of them, or enter those assessments again\n" +
		"- page 9 (records) says it is page 0\n"
	for _, width := range []int{80, 60, 40} {
		got := wrapReport(report, width)
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(report), " ") {
			t.Errorf("at %d columns words were lost, cut or reordered:\n%s", width, got)
		}
		if !strings.HasSuffix(got, "\n") || strings.Count(got, "\n- ") != 2 {
			t.Errorf("at %d columns the problems are no longer one to an item:\n%s", width, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if len(l) > width && strings.TrimSpace(l) != path {
				t.Errorf("at %d columns a line of %d: %q", width, len(l), l)
			}
		}
		if !strings.Contains(got, "\n  "+path+"\n") && width < len("Store: "+path) {
			t.Errorf("at %d columns the path is not whole on a line of its own:\n%s", width, got)
		}
		if !strings.Contains(got, "\nDrafts: 0\nPROBLEMS: 2\n") || !strings.Contains(got, "\n- page 9 (records) says it is page 0\n") {
			t.Errorf("at %d columns short lines changed:\n%s", width, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "   ") {
				t.Errorf("at %d columns a continuation is not indented by two: %q", width, l)
			}
		}
	}
}

// TestACommandOnItsOwnLineIsNeverBroken: a refusal's hint puts each
// command to run on a line of its own, indented; filled at the width, a
// long one was broken in two ("--resolve" / "01a23add-4701 --keep-mine
// --undo-void"), and half a command pasted runs something else. Kept
// whole past the width, a terminal cut it mid-flag. Every filler breaks
// such a line between its flags, each line but the last ending in " \",
// so that pasted it is the whole command, and fills the lines around it as
// before.
func TestACommandOnItsOwnLineIsNeverBroken(t *testing.T) {
	t.Parallel()
	const command = "    digicheck push --server http://127.0.0.1:18242/fhir --resolve 01a23add-4701 --keep-mine --undo-void"
	text := "digicheck: record 01a23add-4701: the FHIR server holds this assessment entered in error, voided on another machine by Nurse m1 (m1 offline: wrong patient).\n  To undo the void:\n" + command + "\n  To keep the void:\n    digicheck push --server http://127.0.0.1:18242/fhir --resolve 01a23add-4701 --keep-server"
	for name, fill := range map[string]func(string, int) string{
		"fillLines":  func(s string, w int) string { return fillLines(s, w, 0) },
		"wrapReport": wrapReport,
		"wrapText":   wrapText,
	} {
		got := fill(text, 80)
		for _, l := range strings.Split(got, "\n") {
			if len(l) > 80 {
				t.Errorf("%s left a line %d wide: %q", name, len(l), l)
			}
		}
		got = pasted(got)
		lines := strings.Split(strings.TrimRight(got, "\n"), "\n")
		if !slices.Contains(lines, command) {
			t.Errorf("%s broke the command:\n%s", name, got)
		}
		if !slices.Contains(lines, "    digicheck push --server http://127.0.0.1:18242/fhir --resolve 01a23add-4701 --keep-server") {
			t.Errorf("%s broke the second command:\n%s", name, got)
		}
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
			t.Errorf("%s lost or cut words:\n%s", name, got)
		}
		if w := len(lines[0]); w > 80 {
			t.Errorf("%s left a line of prose %d wide:\n%s", name, w, got)
		}
	}
}
