package store

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestADamagedKeyIsShownInPlainASCII: check of a store with a records page
// overwritten named a record `"]սM,ι)\x96\x00N%…"`: the damaged key's
// bytes that happened to be valid UTF-8 were printed as letters (an
// Armenian and a Greek one), reading as a name, not as damage. A key that
// is not a plain id is shown escaped, every byte outside printable ASCII
// as its code; an id is shown as it is.
func TestADamagedKeyIsShownInPlainASCII(t *testing.T) {
	damaged := []byte("]\xd5\xbdM,\xce\xb9)\x96\x00N%")
	got := keyText(damaged)
	for _, r := range got {
		if r >= utf8.RuneSelf || r < ' ' {
			t.Errorf("keyText(%x) = %s: holds %U, not plain ASCII", damaged, got, r)
		}
	}
	if !strings.Contains(got, `\u057d`) || !strings.Contains(got, `\x96`) {
		t.Errorf("keyText(%x) = %s: want each byte outside ASCII shown as its code", damaged, got)
	}
	long := []byte(strings.Repeat("\xce\xb9", 40))
	if got := keyText(long); strings.ContainsRune(got, 'ι') || !strings.HasSuffix(got, "(80 bytes)") {
		t.Errorf("keyText of 80 bytes = %s", got)
	}
	if id := "01957a3c-0000-7000-8000-000000000001"; keyText([]byte(id)) != id {
		t.Errorf("an id is shown as %s", keyText([]byte(id)))
	}
}
