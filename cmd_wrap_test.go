package main

import (
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
