package site

import (
	"strings"
	"testing"
)

// TestAChangeWithAMistakeIsSaidAtTheLineOfTheMistake: a [[changes]] entry's
// bad date or empty label is said at the line of that key, so a site with
// several changes can find it; a label or date left out altogether is said
// at the entry's [[changes]] line, where it belongs.
func TestAChangeWithAMistakeIsSaidAtTheLineOfTheMistake(t *testing.T) {
	doc := "site_name = \"x\"\n" + // 1
		"[[changes]]\n" + // 2
		"date = \"2026-03-01\"\n" + // 3
		"label = \"New leaflet\"\n" + // 4
		"[[changes]]\n" + // 5
		"date = \"2026-13-01\"\n" + // 6
		"label = \"\"\n" + // 7
		"[[changes]]\n" + // 8
		"date = \"2026-05-01\"\n" // 9: no label
	_, err := ParseConfig("c.toml", []byte(doc), ".")
	if err == nil {
		t.Fatal("a config with two bad changes was taken")
	}
	for _, want := range []string{
		`c.toml:6: change date "2026-13-01"`,
		`c.toml:7: change: give a label`,
		`c.toml:8: change: give a label`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in:\n%v", want, err)
		}
	}
}
