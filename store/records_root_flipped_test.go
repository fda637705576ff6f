package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/record"
)

// Hazard H27: one bit flipped in the pointer to the records' root page
// led to pages that look sound, and summary and export read 2 of 300
// records and exit 0; backup noticed and refused, and left no mark for
// the next command. Whatever the bit, the QI copy summary reads and the
// records an export reads are whole or the read ends in ErrDamaged saying
// how many cannot be read; check says how many records cannot be reached;
// and a backup that refuses leaves the damage note.
func TestAFlippedBitInTheRecordsRootIsSaidByEveryReadOfTheWholeStore(t *testing.T) {
	src, err := Open(filepath.Join(t.TempDir(), "made.db"), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var batch []record.Record
	for i := range 300 {
		r := assessed(t, fmt.Sprintf("RXH-%05d", 40000+i/3))
		r.Synthetic = true
		batch = append(batch, r)
	}
	if err := src.SaveSynthetic(batch); err != nil {
		t.Fatal(err)
	}
	pristine := readFile(t, src.Path())
	hdr := bucketHeaderAt(t, src.Path(), bucketRecords)
	for bit := range 16 {
		t.Run(fmt.Sprintf("bit%d", bit), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "digicheck.db")
			write(t, path, pristine)
			flipBit(t, path, hdr+int64(bit/8), uint(bit%8))
			s, err := Open(path, Options{Timeout: time.Second})
			if errors.Is(err, ErrDamaged) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			facts := 0
			err = s.EachFactChunk(func(c FactChunk) error { facts += c.Len(); return nil })
			if err == nil && facts != 300 {
				t.Errorf("summary's read of the QI copy gave %d of 300 records, and no error", facts)
			}
			if errors.Is(err, ErrDamaged) && !strings.Contains(err.Error(), "cannot") {
				t.Errorf("summary's read fails without saying what cannot be read: %v", err)
			}
			read, skipped := 0, 0
			err = s.EachPast(nil, func(record.Record) error { read++; return nil }, func(Unreadable) { skipped++ })
			if err == nil && (read != 300 || skipped != 0) {
				t.Errorf("an export read %d of 300 records (%d left out), and no error", read, skipped)
			}
			rep, err := s.Check()
			if err == nil && rep.OK() {
				t.Errorf("check found nothing wrong:\n%s", rep)
			}
			if rep.Unreachable > 0 && !strings.Contains(rep.String(), fmt.Sprintf("%d records cannot be reached", rep.Unreachable)) {
				t.Errorf("check does not say how many records cannot be reached:\n%s", rep)
			}
			s2, err := Open(path, Options{Timeout: time.Second})
			if err != nil {
				return // the note is there: Open refuses
			}
			os.Remove(DamageNote(path))
			if _, _, err := s2.Backup(t.TempDir(), BackupOptions{}); err != nil {
				if _, serr := os.Stat(DamageNote(path)); serr != nil {
					t.Errorf("a backup refused (%v) and left no damage note: %v", err, serr)
				}
			}
		})
	}
}
