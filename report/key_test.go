package report

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"digicheck/fhir"
)

// TestWeakKeysAreRefused: a key anyone could guess undoes every
// pseudonym, since the NHS numbers (or a local number range) can then be
// tried in seconds. All-zero, one byte repeated, a short pattern repeated
// and a counting sequence are refused from a key file and from memory.
func TestWeakKeysAreRefused(t *testing.T) {
	for name, key := range map[string][]byte{
		"all zero":           make([]byte, 32),
		"all 0xff":           bytes.Repeat([]byte{0xff}, 32),
		"two bytes repeated": bytes.Repeat([]byte{0xde, 0xad}, 16),
		"16 bytes twice":     []byte("0123456789abcdef0123456789abcdef"),
		"counting":           {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19},
		"counting down":      {200, 198, 196, 194, 192, 190, 188, 186, 184, 182, 180, 178, 176, 174, 172, 170},
		"few distinct":       []byte("aaaabbbbccccddddaaaabbbbccccdddX"),
	} {
		if _, err := ParseKey([]byte(hex.EncodeToString(key) + "\n")); !errors.Is(err, fhir.ErrWeakKey) {
			t.Errorf("%s: key file accepted or wrong error: %v", name, err)
		}
		if _, err := fhir.NewPseudonymiser(key); !errors.Is(err, fhir.ErrWeakKey) {
			t.Errorf("%s: pseudonymiser made: %v", name, err)
		}
	}
	if _, err := ParseKey([]byte(strings.Repeat("ab", 15))); !errors.Is(err, fhir.ErrShortKey) {
		t.Errorf("a 15-byte key: %v", err)
	}
	for _, bad := range []string{"", "xyz", "abc", strings.Repeat("g", 64)} {
		if _, err := ParseKey([]byte(bad)); !errors.Is(err, ErrKeyFormat) {
			t.Errorf("%q: %v, want ErrKeyFormat", bad, err)
		}
	}
}

// TestAKeyFileOthersCanReadIsRefusedWithTheFix: on Unix a key file that
// the group or others may read is refused, and the message gives the
// command that fixes it. Windows has no mode bits to check.
func TestAKeyFileOthersCanReadIsRefusedWithTheFix(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix file modes on Windows: access is by the folder's ACL")
	}
	path := filepath.Join(t.TempDir(), "site.key")
	if err := NewKeyFile(path); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		_, err := LoadKey(path)
		if !errors.Is(err, ErrKeyFileMode) || !strings.Contains(err.Error(), "chmod 600 "+path) {
			t.Errorf("mode %04o: %v; want refused with the chmod that fixes it", mode, err)
		}
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKey(path); err != nil {
		t.Errorf("mode 0600: %v", err)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKey(path); err != nil {
		t.Errorf("mode 0400: %v", err)
	}
}

// TestKeygenKeysPass: what keygen makes is always accepted, with a
// Notepad byte-order mark or Windows line ends around it too.
func TestKeygenKeysPass(t *testing.T) {
	for i := range 200 {
		path := filepath.Join(t.TempDir(), "k")
		if err := NewKeyFile(path); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		if _, err := ParseKey(b); err != nil {
			t.Fatalf("key %d from keygen refused: %v", i, err)
		}
		if i == 0 {
			if _, err := ParseKey(append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)); err != nil {
				t.Errorf("a key saved by Notepad: %v", err)
			}
		}
	}
}

// FuzzParseKey: the key file parser never panics, and what it accepts is
// a key that passes fhir.CheckKey and reads back the same from its own hex.
// The seeds run under plain go test.
func FuzzParseKey(f *testing.F) {
	for _, s := range []string{
		"5f0c9b6a1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccd\n",
		strings.Repeat("00", 32),
		strings.Repeat("ab", 16),
		"\ufeff5f0c9b6a1e2d3c4b5a69788796a5b4c3d2e1f0011223344556677\r\n",
		"  5F0C9B6A1E2D3C4B5A69788796A5B4C3  ",
		"000102030405060708090a0b0c0d0e0f",
		"not a key",
		"abc",
		"",
		"\x00\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		key, err := ParseKey(b)
		if err != nil {
			if key != nil {
				t.Fatalf("a key returned with an error: %v", err)
			}
			return
		}
		if err := fhir.CheckKey(key); err != nil {
			t.Fatalf("accepted a key CheckKey refuses: %v", err)
		}
		again, err := ParseKey([]byte(hex.EncodeToString(key)))
		if err != nil || !bytes.Equal(again, key) {
			t.Fatalf("the key does not read back from its own hex: %v", err)
		}
	})
}
