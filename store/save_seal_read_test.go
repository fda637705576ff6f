package store

import "testing"

// TestASavesCommitSealsItsFreeListReadFromTheFileNotThroughBboltsMap:
// after its commit a save seals the free list bbolt just wrote (a CRC-32C
// of its page), so that the next save need not walk every tree. It read
// the page through bbolt's map, a page fault (about 90 us of a save on a
// virtual machine) and its unmapping at close, for a page bbolt wrote
// with an ordinary write. It is read from the file: none through the map,
// and the seal is of the same bytes, so later saves walk nothing.
func TestASavesCommitSealsItsFreeListReadFromTheFileNotThroughBboltsMap(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient)) // the first walks, and seals
	walks, filed := freeWalks.Load(), filedCommittedSeals.Load()
	for range 4 {
		save(t, s, assessed(t, nhsPatient))
	}
	if n := filedCommittedSeals.Load() - filed; n != 4 {
		t.Errorf("4 saves read the free list they committed from the file %d times; want 4", n)
	}
	if n := freeWalks.Load() - walks; n != 0 {
		t.Errorf("4 saves after the first walked every tree %d times: the seal a commit left did not match the free list the next save read", n)
	}
}
