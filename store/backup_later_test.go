package store

import (
	"slices"
	"testing"
	"time"
)

// A copy named in the future (made while the computer's clock was wrong)
// sorted as the newest: under --keep it took a place of the N, pushing a
// real copy out, and stayed silently, while the README's restore steps
// ("choose the newest copy") led to it, though it lacked the newest
// assessment. A copy named later than now is now never ordered by its
// name: it is left in place, not counted among the copies kept, never
// removed, and listed (with whether it lacks records the new copy holds),
// with --keep or without.
func TestACopyNamedLaterThanNowIsNeverTakenForTheNewest(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	now := time.Now()
	ahead := backupAt(t, s, dir, now.AddDate(1, 0, 0), now.AddDate(1, 0, 0))
	day := now.AddDate(0, 0, -3)
	older := backupAt(t, s, dir, day, day)
	old := backupAt(t, s, dir, day.AddDate(0, 0, 1), day.AddDate(0, 0, 1))
	save(t, s, assessed(t, localPatient)) // the newest assessment, which ahead lacks
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}

	pruned, err := PruneBackups(newest, 2)
	if err != nil || len(pruned.Failed) != 0 {
		t.Fatalf("PruneBackups: %v, %v", err, pruned.Failed)
	}
	if got, want := names(t, dir), bases([]string{ahead, old, newest}); !slices.Equal(got, want) {
		t.Errorf("--keep 2 left %v, want %v: the copy just made and the one before it, with the copy named in the future left beside them, not counted", got, want)
	}
	if got, want := bases(pruned.Removed), bases([]string{older}); !slices.Equal(got, want) {
		t.Errorf("removed %v, want %v", got, want)
	}
	if len(pruned.Later) != 1 || pruned.Later[0].Path != ahead || !pruned.Later[0].Lacks {
		t.Errorf("copies named later than now: %+v; want %s, lacking a record the new copy holds", pruned.Later, ahead)
	}

	// Without a number to keep, nothing is removed, and it is listed all
	// the same: each backup says so.
	all, err := PruneBackups(newest, 0)
	if err != nil || len(all.Removed) != 0 || len(all.Later) != 1 || all.Later[0].Path != ahead {
		t.Errorf("PruneBackups(0): removed %v, later %+v, %v; want nothing removed and %s listed", all.Removed, all.Later, err, ahead)
	}
}

// With the computer's clock wrong now (set back), the copy just made is
// named before every copy in the folder: each of them is named later than
// now, so none is taken for older than the new one and removed, and each
// is listed. (Ordered by their names, --keep 1 removed the real copies,
// the newest assessments among them.)
func TestWithTheClockSetBackNoRealCopyIsRemoved(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	dir := t.TempDir()
	now := time.Now()
	first := backupAt(t, s, dir, now.AddDate(0, 0, -2), now)
	second := backupAt(t, s, dir, now.AddDate(0, 0, -1), now)
	defer func(f func() time.Time) { backupNow = f }(backupNow)
	wrong := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	backupNow = func() time.Time { return wrong }
	newest, _, err := s.Backup(dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pruned, err := PruneBackups(newest, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, dir), bases([]string{first, second, newest}); !slices.Equal(got, want) || len(pruned.Removed) != 0 {
		t.Errorf("--keep 1 with the clock set back removed %v, left %v; want every copy left", pruned.Removed, got)
	}
	var later []string
	for _, l := range pruned.Later {
		later = append(later, l.Path)
		if l.Lacks {
			t.Errorf("%s is said to lack records the new copy holds; it holds them all", l.Path)
		}
	}
	if got, want := bases(later), bases([]string{first, second}); !slices.Equal(got, want) {
		t.Errorf("copies named later than now: %v, want %v", got, want)
	}
}
