package site

import (
	"reflect"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// A value of the wrong kind (round_to = "ten") was said in Go's words,
// "cannot decode TOML string into struct field site.Disclosure.RoundTo of
// type int", and only the first: a lead mended it, ran again, and met the
// next. Each is said at its line with the key as written, what it takes
// and an example, every one at once, beside the file's other problems.
func TestConfigValuesOfTheWrongKindAreAllSaidPlainly(t *testing.T) {
	doc := `site_name = "Test Trust"
review_months = "twelve"
video_consultation = "yes"
team_phone = 1134960000
ods_code = "not an ods code"

[disclosure]
round_to = "ten"
max_suppressed = 10.5
grid = "fortnight"
`
	_, err := ParseConfig("site.toml", []byte(doc), t.TempDir())
	if err == nil {
		t.Fatal("a config with values of the wrong kind was accepted")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		`site.toml:2: review_months = "twelve" is text: review_months takes a whole number, without quotes, such as review_months = 12`,
		`site.toml:3: video_consultation = "yes" is text: video_consultation takes true or false, without quotes, such as video_consultation = true`,
		`site.toml:4: team_phone = 1134960000 is a number: team_phone takes text in double quotes, such as team_phone = "1134960000"`,
		`site.toml:5: ods_code "not an ods code": `,
		`site.toml:8: round_to = "ten" is text: round_to takes a whole number, without quotes, such as round_to = 10`,
		`site.toml:9: max_suppressed = 10.5 is a number with a decimal point: max_suppressed takes a whole number, without quotes, such as max_suppressed = 10`,
		`site.toml:10: grid "fortnight": `,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d (each value of the wrong kind and the file's other problems, at once):\n%v", len(got), len(want), err)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got[i], want[i])
		}
	}
	for _, internal := range []string{"site.Config", "site.Disclosure", "RoundTo", "struct", "of type", "decode"} {
		if strings.Contains(err.Error(), internal) {
			t.Errorf("a problem names the program's insides (%q):\n%v", internal, err)
		}
	}
}

// A key written whole with its table's name (disclosure.round_to =
// "ten", no [disclosure] header) is said back as written and at its own
// line, as is a problem of the file's own with a key written so: the
// lines and the keys as written come from one walk of the document.
func TestConfigDottedKeysAreSaidAsWrittenAtTheirLines(t *testing.T) {
	doc := `site_name = "Test Trust"

disclosure.round_to = "ten"
disclosure.grid = "fortnight"
`
	_, err := ParseConfig("site.toml", []byte(doc), t.TempDir())
	if err == nil {
		t.Fatal("a config with a value of the wrong kind was accepted")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		`site.toml:3: disclosure.round_to = "ten" is text: disclosure.round_to takes a whole number, without quotes, such as disclosure.round_to = 10`,
		`site.toml:4: grid "fortnight": `,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(got), len(want), err)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i+1, got[i], want[i])
		}
	}
}

// The same in a programmes file, where a date written bare (review_by =
// 2027-06-01) or a barrier not in a list is the likely slip, in two
// programmes at once; a key inside a table is named as written there.
func TestProgrammesValuesOfTheWrongKindAreAllSaidPlainly(t *testing.T) {
	doc := `hide = "social-tariffs"

[[programme]]
id = "hub"
name = "Hospital digital hub"
barriers = "access"
contact = "Ask the ward."
patient_line = "Come to the hub."
review_by = 2027-06-01

[[programme.eligible]]
min_age = "65"

[[programme]]
id = "library"
name = "Library help"
barriers = ["skills", 2]
contact = "Ask at the desk."
patient_line = "The library can help you."
online_only = 1
`
	_, err := ParseProgrammes("p.toml", []byte(doc), questionnaire.National)
	if err == nil {
		t.Fatal("a programmes file with values of the wrong kind was accepted")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		`p.toml:1: hide = "social-tariffs" is text: hide takes a list in square brackets, such as hide = ["social-tariffs"]`,
		`p.toml:6: barriers = "access" is text: barriers takes a list in square brackets, such as barriers = ["access"]`,
		`p.toml:9: review_by = 2027-06-01 is a date: review_by takes text in double quotes, such as review_by = "2027-06-01"`,
		`p.toml:12: min_age = "65" is text: min_age takes a whole number, without quotes, such as min_age = 65`,
		`p.toml:17: barriers = ["skills", 2] holds 2, a number: each of barriers is text in double quotes, such as barriers = ["access", "skills"]`,
		`p.toml:20: online_only = 1 is a number: online_only takes true or false, without quotes, such as online_only = true`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(got), len(want), err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}

// Every setting a file can hold has an example to give when its value is
// of the wrong kind, so a setting added later is not said without one.
func TestEverySettingHasAnExample(t *testing.T) {
	for _, root := range []reflect.Type{reflect.TypeOf(Config{}), reflect.TypeOf(ProgrammesFile{})} {
		for _, key := range settingKeys(root, "") {
			if _, ok := examples[key]; !ok {
				t.Errorf("%s has no example (add it to examples)", key)
			}
		}
	}
}
