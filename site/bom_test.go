package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// Windows Notepad saves UTF-8 with a byte order mark in front. A site file
// saved that way is read as if it had none, and its problems are still
// reported at the right lines.
func TestSiteFilesSavedWithAByteOrderMarkAreRead(t *testing.T) {
	const bomText = "\ufeff"
	c, err := ParseConfig("c.toml", []byte(bomText+"team = \"Ward 7\"\nteam_phone = \"0113 000 0000\"\n"), "/site")
	if err != nil || c.Team != "Ward 7" {
		t.Fatalf("config with a BOM: %+v, %v", c, err)
	}
	_, err = ParseConfig("c.toml", []byte(bomText+"team = \"Ward 7\"\ncolour = \"red\"\n"), "/site")
	if err == nil || !strings.Contains(err.Error(), "c.toml:2: unknown field \"colour\"") {
		t.Errorf("problem in a config with a BOM: %v", err)
	}
	f, err := ParseProgrammes("p.toml", []byte(bomText+goodFile), questionnaire.National)
	if err != nil || len(f.Programmes) != 2 {
		t.Fatalf("programmes file with a BOM: %v", err)
	}
	doc := bomText + "[[programme]]\nid = \"x\"\nbarriers = [\"money\"]\n"
	_, err = ParseProgrammes("p.toml", []byte(doc), questionnaire.National)
	if err == nil || !strings.Contains(err.Error(), "p.toml:3: unknown barrier \"money\"") {
		t.Errorf("problem in a programmes file with a BOM: %v", err)
	}

	// Through Resolve, as every command reads the config file.
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(bomText+"team = \"Ward 7\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Resolve(Inputs{Flags: map[string]string{"config": path}})
	if err != nil || s.Team != "Ward 7" {
		t.Errorf("Resolve of a config with a BOM: %+v, %v", s.Team, err)
	}
}

// TestAUTF16ConfigSaysHowToFixIt: Notepad's "Unicode" encoding is UTF-16;
// such a file is refused with the fix, not a strange character.
func TestAUTF16ConfigSaysHowToFixIt(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE, 't', 0, 'e', 0, 'a', 0, 'm', 0}
	_, err := ParseConfig("c.toml", utf16, "/site")
	if err == nil || !strings.Contains(err.Error(), "c.toml:1:") || !strings.Contains(err.Error(), "save it again as UTF-8") {
		t.Errorf("UTF-16 config: %v", err)
	}
}
