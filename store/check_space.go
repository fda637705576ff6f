package store

import "os"

// Room for copies. check and backup copy the store before working on it,
// so that a save waits only for the copy. A copy written to the disk that
// holds the store takes its free space from the saves that go on beside
// it: on a nearly full disk, a save made while the copy is there fails for
// want of room, which is a save the check or backup made fail. So a copy
// goes beside the store only when the disk keeps saveHeadroom free after
// it, as well as room for the copy itself.

// saveHeadroom is what the store's disk must keep free beside a copy:
// room for bbolt to grow the file (it grows in steps of 16 MB) several
// times over, and for drafts and notes.
const saveHeadroom = 64 << 20

// roomFor reports whether a copy of size bytes fits on the disk holding
// dir, with headroom left; true when the free space cannot be told, as
// the copy's own writes then find out. freeSpaceIn is a variable so that
// a test can have a disk nearly full.
func roomFor(dir string, size, headroom int64) bool {
	free, ok := freeSpaceIn(dir)
	return !ok || free >= size+headroom
}

var freeSpaceIn = freeSpace

// storeSize is the size of the file at path, 0 if it cannot be told.
func storeSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
