package site

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

const goodFile = `# Leeds site programmes
hide = ["social-tariffs"]

[[programme]]
id = "leeds-digital-hub"
name = "Hospital digital hub"
barriers = ["access", "skills"]
contact = "Refer on the ward referral form; the hub is by the main entrance."
hours = "Monday to Friday, 9am to 4pm"
patient_line = "Come to the hub by the main door and we will help you."

[[programme.eligible]]
areas = ["ls6", "LS7"]

[[programme]]
id = "learn-my-way"
name = "Learn My Way at the Central Library"
barriers = ["skills"]
contact = "Ask at the library desk."
patient_line = "The library can help you learn, one step at a time."
`

func TestParseGoodProgrammesFile(t *testing.T) {
	f, err := ParseProgrammes("p.toml", []byte(goodFile), questionnaire.National)
	if err != nil {
		t.Fatalf("good file refused:\n%v", err)
	}
	if len(f.Programmes) != 2 || f.Programmes[0].Hours == "" {
		t.Fatalf("programmes not read: %+v", f.Programmes)
	}
	if got := f.Programmes[0].Eligible[0].Areas; strings.Join(got, ",") != "LS6,LS7" {
		t.Errorf("areas not normalised to upper case: %v", got)
	}
}

func TestMergeAddsHidesAndOverrides(t *testing.T) {
	f, err := ParseProgrammes("p.toml", []byte(goodFile), questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	d := Merge(questionnaire.National, f, "p.toml")
	if _, ok := d.Lookup("social-tariffs"); ok {
		t.Error("hidden national programme still in the directory")
	}
	hub, ok := d.Lookup("leeds-digital-hub")
	if !ok || hub.Source != "p.toml" {
		t.Errorf("local programme not added with its source: %+v", hub)
	}
	lmw, _ := d.Lookup("learn-my-way")
	if lmw.Name != "Learn My Way at the Central Library" || lmw.Source != "p.toml" {
		t.Errorf("override did not replace the national entry: %+v", lmw)
	}
	n := 0
	for _, p := range d.Programmes {
		if p.ID == "learn-my-way" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("learn-my-way appears %d times after override", n)
	}
	want := len(questionnaire.National.Programmes) - 1 + 1 // one hidden, one added, one replaced
	if len(d.Programmes) != want {
		t.Errorf("merged directory has %d programmes, want %d", len(d.Programmes), want)
	}
	// National entries that were not touched keep their national source.
	if p, _ := d.Lookup("get-safe-online"); p.Source != "national" {
		t.Errorf("untouched national entry source = %q", p.Source)
	}
	if d.Version() == questionnaire.National.Version() {
		t.Error("merged directory has the national version hash")
	}
}

func TestMergedDirectoryFiltersByArea(t *testing.T) {
	f, err := ParseProgrammes("p.toml", []byte(goodFile), questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	d := Merge(questionnaire.National, f, "p.toml")
	base := testkit.Included(questionnaire.Answers{
		questionnaire.LinkDevices: {questionnaire.DevNone}, questionnaire.LinkInternet: {questionnaire.NetNone},
		questionnaire.LinkTasks: {questionnaire.TaskNone},
	})
	for _, tc := range []struct {
		district string
		want     bool
	}{{"LS6", true}, {"LS7", true}, {"LS8", false}, {"", false}} {
		a := base.Clone()
		if tc.district != "" {
			a[questionnaire.LinkPostcodeDistrict] = []string{tc.district}
		}
		res, err := questionnaire.V1.Assess(a, d)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Recommendation.HasReferral("leeds-digital-hub"); got != tc.want {
			t.Errorf("district %q: referred to hub = %v, want %v", tc.district, got, tc.want)
		}
	}
}

func TestEveryProgrammesProblemHasItsLine(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      []string // each "LINE: fragment"
	}{
		{"unknown barrier", `
[[programme]]
id = "a"
name = "A"
barriers = ["access", "money"]
contact = "c"
patient_line = "p"
`, []string{`5: unknown barrier "money"`}},
		{"duplicate id", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
contact = "c"
patient_line = "p"

[[programme]]
id = "a"
name = "A again"
barriers = ["skills"]
contact = "c"
patient_line = "p"
`, []string{`10: duplicate id "a" (first defined on line 3)`}},
		{"a national programme's name", `
[[programme]]
id = "library-local"
name = "your local  Public Library"
barriers = ["skills"]
contact = "c"
patient_line = "p"
`, []string{`4: programme "library-local": name "your local  Public Library" is already the name of the national programme "public-library"`}},
		// A Cyrillic і (U+0456) in "Online" read on every screen as the
		// national "Get Safe Online", and passed the check.
		{"a national programme's name with a letter of another script", `
[[programme]]
id = "safe-local"
name = "Get Safe Onlіne"
barriers = ["trust"]
contact = "c"
patient_line = "p"
`, []string{`4: programme "safe-local": name "Get Safe Onlіne": its word "Onlіne" mixes Latin letters with a Cyrillic one (і, U+0456)`}},
		{"another local programme's name", `
[[programme]]
id = "hub-a"
name = "Digital Hub"
barriers = ["access"]
contact = "c"
patient_line = "p"

[[programme]]
id = "hub-b"
name = "Digital hub"
barriers = ["skills"]
contact = "c"
patient_line = "p"
`, []string{`11: programme "hub-b": name "Digital hub" is already the name of programme "hub-a" (line 4)`}},
		{"missing contact", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
patient_line = "p"
`, []string{`2: programme "a" has no contact`}},
		{"bad postcode district", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
contact = "c"
patient_line = "p"
[[programme.eligible]]
low_income = true
areas = ["LS6 1AA"]
`, []string{`10: bad postcode district`}},
		{"unknown field", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
contact = "c"
email = "help@example.org"
patient_line = "p"
`, []string{`7: unknown field "programme.email"`}},
		{"phone that cannot be dialled as printed", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
contact = "c"
phone = "0113 496 0000 (option 2)"
patient_line = "p"
`, []string{`7: programme "a": phone "0113 496 0000 (option 2)": use digits and spaces only`}},
		{"several problems at once", `
hide = ["no-such-national"]
[[programme]]
id = "Bad Id"
barriers = []
`, []string{`2: hide: "no-such-national" is not a national programme`, `4: id "Bad Id"`, `3: programme "Bad Id" has no name`,
			`5: programme "Bad Id" helps with no barrier`, `3: programme "Bad Id" has no contact`, `3: programme "Bad Id" has no patient_line`}},
		{"id holding the separator of an export's referral columns", `
[[programme]]
id = "trust-hub;library"
name = "A"
barriers = ["access"]
contact = "c"
patient_line = "p"
`, []string{`3: id "trust-hub;library": ";" separates the programmes in a CSV export's referral columns, so it would be read back as 2 programmes ("trust-hub" and "library")`}},
		{"syntax error", "[[programme]]\nid = \"a\nname = \"b\"\n", []string{`2: `}},
		// A value of the wrong kind is said beside the file's other
		// problems, at once.
		{"wrong type", "[[programme]]\nid = \"a\"\nbarriers = \"access\"\n", []string{
			`3: barriers = "access" is text: barriers takes a list in square brackets, such as barriers = ["access"]`,
			`1: programme "a" has no name`, `1: programme "a" has no contact`, `1: programme "a" has no patient_line`}},
		{"ranking fields", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
contact = "c"
patient_line = "p"
provides = ["device", "laptops"]
reach = "regional"
for = ["sight", "wheelchair"]
review_by = "1 June 2027"
`, []string{`8: programme "a": unknown provides "laptops"`, `9: programme "a": reach "regional"`,
			`10: programme "a": unknown for "wheelchair"`, `11: programme "a": review_by "1 June 2027" is not a date`}},
		{"one to one and online only", `
[[programme]]
id = "a"
name = "A"
barriers = ["skills"]
contact = "c"
patient_line = "p"
online_only = true
one_to_one = true
`, []string{`9: programme "a": one_to_one and online_only cannot both be true`}},
		{"a review date that is not a day", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
contact = "c"
patient_line = "p"
review_by = "2027-02-30"
`, []string{`8: programme "a": review_by "2027-02-30" is not a date`}},
		{"ages", `
[[programme]]
id = "a"
name = "A"
barriers = ["access"]
contact = "c"
patient_line = "p"
[[programme.eligible]]
min_age = 70
max_age = 60
`, []string{`10: max_age 60 is below min_age 70`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseProgrammes("p.toml", []byte(tc.doc), questionnaire.National)
			if err == nil {
				t.Fatal("file accepted")
			}
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("error is %T, want Problems: %v", err, err)
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, "p.toml:"+w) {
					t.Errorf("missing %q in:\n%s", "p.toml:"+w, msg)
				}
			}
			if len(ps) != len(tc.want) {
				t.Errorf("got %d problems, want %d:\n%s", len(ps), len(tc.want), msg)
			}
		})
	}
}

func TestBrokenFileGivesNoPartialDirectory(t *testing.T) {
	doc := goodFile + "\n[[programme]]\nid = \"x\"\n" // last entry incomplete
	f, err := ParseProgrammes("p.toml", []byte(doc), questionnaire.National)
	if err == nil {
		t.Fatal("broken file accepted")
	}
	if len(f.Programmes) != 0 || len(f.Hide) != 0 {
		t.Errorf("broken file returned content: %+v", f)
	}
}

func TestHardToReadPatientLineIsAWarningAtItsLine(t *testing.T) {
	doc := goodFile + `
[[programme]]
id = "hard"
name = "Hard"
barriers = ["skills"]
contact = "Ask at the desk."
patient_line = "Comprehensive organisational intervention necessitates considerable participation."
`
	f, err := ParseProgrammes("p.toml", []byte(doc), questionnaire.National)
	if err != nil {
		t.Fatalf("a hard-to-read line must not be an error: %v", err)
	}
	ws := ReadingWarnings("p.toml", []byte(doc), f)
	if len(ws) != 1 || ws[0].Line != 27 || !strings.Contains(ws[0].Msg, `patient_line of "hard" is hard to read`) {
		t.Fatalf("warnings: %+v", ws)
	}
}

// TestReviewWarningsAtTheirLines: a programme whose review date is today
// or past, or that has none, is a warning at its line; a date tomorrow is
// not. None is an error: a programme past review still works.
func TestReviewWarningsAtTheirLines(t *testing.T) {
	doc := `
[[programme]]
id = "today"
name = "A"
barriers = ["access"]
contact = "c"
patient_line = "p"
review_by = "2027-03-01"

[[programme]]
id = "tomorrow"
name = "B"
barriers = ["access"]
contact = "c"
patient_line = "p"
review_by = "2027-03-02"

[[programme]]
id = "past"
name = "C"
barriers = ["access"]
contact = "c"
patient_line = "p"
review_by = "2026-12-31"

[[programme]]
id = "none"
name = "D"
barriers = ["access"]
contact = "c"
patient_line = "p"
`
	f, err := ParseProgrammes("p.toml", []byte(doc), questionnaire.National)
	if err != nil {
		t.Fatalf("review dates must not be errors: %v", err)
	}
	ws := ReviewWarnings("p.toml", []byte(doc), f, "2027-03-01")
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	want := []string{
		`p.toml:8: warning: programme "today" was due for review by 2027-03-01`,
		`p.toml:24: warning: programme "past" was due for review by 2026-12-31`,
		`p.toml:26: warning: programme "none" has no review_by date`,
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d = %q, want %q...", i, got[i], want[i])
		}
	}
}

// TestMergeKeepsAReplacedNationalEntryNational: a site's replacement of a
// national programme (to add a phone it has checked) still ranks as
// national; a programme the site adds is local.
func TestMergeKeepsAReplacedNationalEntryNational(t *testing.T) {
	f, err := ParseProgrammes("p.toml", []byte(goodFile), questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	d := Merge(questionnaire.National, f, "p.toml")
	if lmw, _ := d.Lookup("learn-my-way"); lmw.Local() {
		t.Errorf("replaced national entry ranks as local: %+v", lmw)
	}
	if hub, _ := d.Lookup("leeds-digital-hub"); !hub.Local() {
		t.Errorf("site's own programme is not local: %+v", hub)
	}
	if lib, _ := d.Lookup("public-library"); lib.Local() {
		t.Errorf("untouched national entry is local: %+v", lib)
	}
}

// TestOneToOneIsReadFromAProgrammesFile: a site marks its own programme
// one to one, and ranking reads the mark.
func TestOneToOneIsReadFromAProgrammesFile(t *testing.T) {
	doc := goodFile + "one_to_one = true\n"
	f, err := ParseProgrammes("p.toml", []byte(doc), questionnaire.National)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	if !f.Programmes[1].OneToOne || f.Programmes[0].OneToOne {
		t.Errorf("one_to_one read as %v, %v; want false, true", f.Programmes[0].OneToOne, f.Programmes[1].OneToOne)
	}
}

// TestANameInOtherScriptsWordByWordIsTaken: a programme named in another
// script, or in two scripts word by word, is no look-alike of a Latin
// name, and is taken; only a word that mixes scripts is refused
// (TestEveryProgrammesProblemHasItsLine).
func TestANameInOtherScriptsWordByWordIsTaken(t *testing.T) {
	doc := `
[[programme]]
id = "greek-club"
name = "Ελληνική Λέσχη digital help"
barriers = ["skills"]
contact = "c"
patient_line = "p"
`
	if _, err := ParseProgrammes("p.toml", []byte(doc), questionnaire.National); err != nil {
		t.Errorf("a name in Greek and English words: %v", err)
	}
}
