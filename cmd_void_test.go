package main

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

func TestVoidCommandMarksTheRecordAndKeepsIt(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	out, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String()[:8], "--reason", "wrong patient selected", "--clinician", "Dr Void Test")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := st.Current(rs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Status != record.EnteredInError || cur.VoidReason != "wrong patient selected" || cur.Amends != rs[0].ID || cur.Team != "Ward 7" {
		t.Errorf("current version = %+v", cur)
	}
	if old, err := st.Get(rs[0].ID); err != nil || old.Status != record.Completed {
		t.Errorf("the voided record was changed or lost: %+v, %v", old, err)
	}
	for _, w := range []string{"Marked entered in error: " + rs[0].ID.String(), "New version: " + cur.ID.String(), "Reason: wrong patient selected"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestVoidCommandNeedsAReason(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	for _, args := range [][]string{{rs[0].ID.String()}, {rs[0].ID.String(), "--reason", "  "}} {
		if _, _, err := runStoreCmd(t, path, (*app).voidCmd, args...); err == nil || !strings.Contains(err.Error(), "--reason") {
			t.Errorf("void %v = %v, want an error asking for --reason", args, err)
		}
	}
	st, _ := store.Open(path, store.Options{})
	if cur, _ := st.Current(rs[0].ID); cur.ID != rs[0].ID {
		t.Errorf("a void without a reason was saved")
	}
}

func TestVoidCommandOfAnOldVersionNamesTheCurrentOne(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "first", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	st, _ := store.Open(path, store.Options{})
	cur, _ := st.Current(rs[0].ID)
	_, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "again", "--clinician", "Dr Void Test")
	if !errors.Is(err, store.ErrSuperseded) || !strings.Contains(err.Error(), cur.ID.String()) {
		t.Errorf("void of a superseded version = %v, want ErrSuperseded naming %s", err, cur.ID)
	}
	if _, _, err := runStoreCmd(t, filepath.Join(t.TempDir(), "none.db"), (*app).voidCmd, rs[0].ID.String(), "--reason", "x", "--clinician", "Dr Void Test"); err == nil {
		t.Errorf("void in a missing store succeeded")
	}
}
