package store

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// A damage note beside a store whose contents are not what digicheck
// writes (random bytes: a disk's damage, another program's file) was
// said in full, 64 KB of it, by every command that reads the store, its
// control characters and all. What is said of it is now bounded and
// safe to print: that the note itself cannot be read, a short escaped
// excerpt of its start, and to run check. The store is still taken as
// damaged: the note is there.
func TestAnUnreadableDamageNoteIsSaidShortAndSafe(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 64<<10)
	for i := range junk {
		junk[i] = byte(r.UintN(256))
	}
	long := strings.Repeat("the store was found damaged ", 4000) // one line, 112 KB
	for _, c := range []struct {
		name string
		note []byte
		want string
	}{
		{"random bytes", junk, "cannot be read"},
		{"an endless line", []byte(long), "the store was found damaged"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "digicheck.db")
			s, err := Open(path, Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(DamageNote(path), c.note, 0o600); err != nil {
				t.Fatal(err)
			}
			refused := s.Refused()
			if refused == nil {
				t.Fatal("a store with a damage note beside it takes writes")
			}
			for _, said := range []string{s.DamageFound(), refused.Error()} {
				if n := utf8.RuneCountInString(said); n > 1200 {
					t.Errorf("the note is said in %d characters; want a bounded excerpt:\n%.300s…", n, said)
				}
				if !utf8.ValidString(said) || strings.IndexFunc(said, unicode.IsControl) >= 0 {
					t.Errorf("what is said of the note holds control characters or bytes no terminal shows:\n%q", said)
				}
				if !strings.Contains(said, c.want) || !strings.Contains(said, DamageNote(path)) || !strings.Contains(said, "digicheck check") {
					t.Errorf("what is said of the note does not say %q, name the note, and say to run digicheck check:\n%s", c.want, said)
				}
			}
		})
	}
}
