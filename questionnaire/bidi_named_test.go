package questionnaire

import (
	"strings"
	"testing"
)

// TestEachTextDirectionCharacterIsNamedByItsUnicodeName: U+2066 (a
// left-to-right isolate) typed in a language was refused as "a
// right-to-left override". Each of the embeddings, overrides and isolates
// is refused, named as Unicode names it.
func TestEachTextDirectionCharacterIsNamedByItsUnicodeName(t *testing.T) {
	for r, name := range map[rune]string{
		0x202a: "a left-to-right embedding (U+202A)",
		0x202b: "a right-to-left embedding (U+202B)",
		0x202c: "a pop directional formatting (U+202C)",
		0x202d: "a left-to-right override (U+202D)",
		0x202e: "a right-to-left override (U+202E)",
		0x2066: "a left-to-right isolate (U+2066)",
		0x2067: "a right-to-left isolate (U+2067)",
		0x2068: "a first strong isolate (U+2068)",
		0x2069: "a pop directional isolate (U+2069)",
	} {
		err := CheckText("Dari" + string(r))
		if err == nil {
			t.Errorf("U+%04X: taken", r)
			continue
		}
		if want := "character 5 is " + name + ", which can make text read in another order than it was typed"; !strings.Contains(err.Error(), want) {
			t.Errorf("U+%04X: %q, want %q", r, err, want)
		}
	}
}
