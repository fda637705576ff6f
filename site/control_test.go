package site

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// TestControlCharactersInSiteFilesAreErrorsWithTheirLine: a site file's
// text is printed on terminals and handouts, so an escape sequence in it
// (raw, or written as a TOML escape) is refused at FILE:LINE, and nothing
// of the file is used.
func TestControlCharactersInSiteFilesAreErrorsWithTheirLine(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"escape written as \\u001b", "site_name = \"St Elsewhere\"\nteam = \"Ward \\u001b[31m7\"\n", "config.toml:2: team: character 6 is an escape character"},
		{"escape written as \\e", "\n\nteam = \"Ward \\e]52;c;eA==\\u0007\"\n", "config.toml:3: team: character 6 is an escape character"},
		{"C1 control", "site_name = \"A\\u009bB\"\n", "config.toml:1: site_name: character 2 is a control character (U+009B)"},
		{"bidi override, raw", "site_name = \"Ward \u202e7\"\n", "config.toml:1: site_name: character 6 is a right-to-left override"},
		{"line break in a multi-line string", "team = \"\"\"Ward\n7\"\"\"\n", "config.toml:1: team: character 5 is a line break"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseConfig("config.toml", []byte(c.doc), "/site")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("ParseConfig = %v, want %q", err, c.want)
			}
		})
	}
	prog := `[[programme]]
id = "leeds-hub"
name = "Leeds Digital Hub"
barriers = ["skills"]
contact = "Call 0113 496 0000"
patient_line = "Free help \u001b]52;c;ZXZpbA==\u0007 at the library."
`
	_, err := ParseProgrammes("programmes.toml", []byte(prog), questionnaire.National)
	if err == nil || !strings.Contains(err.Error(), "programmes.toml:6: patient_line: character 11 is an escape character") {
		t.Fatalf("ParseProgrammes = %v", err)
	}
	if strings.ContainsRune(err.Error(), 0x1b) {
		t.Errorf("the error itself holds the escape: %q", err)
	}
}
