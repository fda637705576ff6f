//go:build unix

package store

import (
	"testing"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// The file an operation opens is closed on exec, whatever opens it, so a
// program digicheck starts (a browser, an editor for the note) never
// holds the store, nor its lock; and it is read and written blocking, as
// bbolt's reads, writes and fsyncs expect.
func TestTheStoresFileIsOpenedCloseOnExecAndBlocking(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	for _, write := range []bool{false, true} {
		err := s.runTx(write, nil, func(_ *bolt.Tx, at *txFile) error {
			fd := int(at.f.Fd())
			fdFlags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
			if err != nil {
				return err
			}
			if fdFlags&unix.FD_CLOEXEC == 0 {
				t.Errorf("write %v: the store's file is not closed on exec", write)
			}
			fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
			if err != nil {
				return err
			}
			if fl&unix.O_NONBLOCK != 0 {
				t.Errorf("write %v: the store's file is non-blocking", write)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
