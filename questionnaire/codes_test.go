package questionnaire

import (
	"os"
	"strings"
	"testing"
)

// TestAgreedConceptKeys: the keys the rest of digicheck codes needs by all
// have a concept, with the code the published source gives.
func TestAgreedConceptKeys(t *testing.T) {
	want := map[string]string{
		"easy-read":        "796161000000101",
		"verbal":           "367741000000102",
		"large-print-20":   "957331000000109",
		"large-print-24":   "957351000000102",
		"large-print-28":   "957371000000106",
		"bsl-interpreter":  "204331000000107",
		"interpreter":      "315594003",
		"text-relay":       "796081000000106",
		"contact-carer":    "719561001",
		"contact-letter":   "936721000000107",
		"contact-sms":      "936701000000103",
		"contact-phone":    "795661000000104",
		"contact-email":    "936741000000100",
		"needs-assessment": "1053561000000108",
	}
	for key, code := range want {
		c, ok := ConceptFor(key)
		if !ok || c.Code != code {
			t.Errorf("ConceptFor(%q) = %+v, %v; want code %s", key, c, ok, code)
		}
	}
}

// TestEveryConceptIsAWellFormedSCTIDWithItsSource: a mistyped digit fails
// the Verhoeff check; a code with no source, or a term left blank, is not
// one we may show.
func TestEveryConceptIsAWellFormedSCTIDWithItsSource(t *testing.T) {
	if len(ConceptKeys()) < 14 {
		t.Fatalf("only %d concepts", len(ConceptKeys()))
	}
	for _, k := range ConceptKeys() {
		c, _ := ConceptFor(k)
		if err := ValidSCTID(c.Code); err != nil {
			t.Errorf("%s: %v", k, err)
		}
		if c.Source != SourceRAFlagCode && c.Source != SourceDD4C {
			t.Errorf("%s: source %q is not one of the published sources", k, c.Source)
		}
		if strings.TrimSpace(c.Term) == "" {
			t.Errorf("%s: no term", k)
		}
		if _, both := Uncoded[k]; both {
			t.Errorf("%s is both coded and uncoded", k)
		}
	}
}

// TestValidSCTID decides the shape check at each of its edges, on codes
// from the table changed by one digit.
func TestValidSCTID(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"796161000000101", true},  // UK extension concept
		{"315594003", true},        // international concept
		{"796161000000102", false}, // check digit changed
		{"796161000000111", false}, // a digit before the partition changed
		{"796161000000121", false}, // partition 12 (an extension relationship), not a concept
		{"796161000000011", false}, // partition 01 (a description)
		{"697161000000101", false}, // two digits swapped: Verhoeff catches transpositions
		{"100005", true},           // shortest: 6 digits
		{"10005", false},           // 5 digits
		{"0315594003", false},      // leading zero
		{"31559400X", false},
		{"1234567890123456789", false}, // 19 digits
		{"", false},
	}
	for _, tt := range tests {
		if err := ValidSCTID(tt.id); (err == nil) != tt.ok {
			t.Errorf("ValidSCTID(%q) = %v, want ok %v", tt.id, err, tt.ok)
		}
	}
}

// TestUnknownNeedHasNoConcept: a need with no published concept gets no
// code, never a guessed one.
func TestUnknownNeedHasNoConcept(t *testing.T) {
	for _, k := range []string{"screen-reader", "translated-information", "bsl-video-relay", "not-by-phone", "large-print", "interpreter-klingon", ""} {
		if c, ok := ConceptFor(k); ok {
			t.Errorf("ConceptFor(%q) = %+v, want none", k, c)
		}
	}
}

// TestInterpreterLanguagesAreCoded: every language offered by name has its
// own concept, and its key is found from the name however it is spelled.
func TestInterpreterLanguagesAreCoded(t *testing.T) {
	langs := InterpreterLanguages()
	if len(langs) == 0 {
		t.Fatal("no languages")
	}
	for i, l := range langs {
		if i > 0 && langs[i-1] >= l {
			t.Errorf("languages not in alphabetical order at %q", l)
		}
		c, ok := ConceptFor(InterpreterKey(l))
		if !ok || !strings.HasPrefix(c.Term, l+" language interpreter needed") {
			t.Errorf("%s: concept %+v, %v", l, c, ok)
		}
	}
	if c, _ := ConceptFor(InterpreterKey(" POLISH ")); c.Code != "203901000000102" {
		t.Errorf("Polish by another spelling: %+v", c)
	}
}

// TestCodedNeedsDocMatchesTable: docs/coded-needs.md holds the table the
// code holds, so what a reader checks is what digicheck records.
func TestCodedNeedsDocMatchesTable(t *testing.T) {
	doc, err := os.ReadFile("../docs/coded-needs.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- table: generated from questionnaire.CodedNeedsTable -->\n", "<!-- end of table -->"
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("docs/coded-needs.md has no table markers %q ... %q", begin, end)
	}
	if got, want := s[i+len(begin):j], CodedNeedsTable(); got != want {
		t.Errorf("docs/coded-needs.md table differs from the code's; replace it with:\n%s", want)
	}
	// Every source is named in full in the docs.
	for _, src := range []string{SourceRAFlagCode, SourceDD4C} {
		if !strings.Contains(strings.Join(strings.Fields(s), " "), src) {
			t.Errorf("docs/coded-needs.md does not name the source %q", src)
		}
	}
}

// TestEveryNeedTheInstrumentRecordsIsInTheTable: each need or contact
// requirement version 2 can record is either coded from the table or
// listed as uncoded with what was looked at, so docs/coded-needs.md (the
// same table) accounts for everything the note and the FHIR output carry,
// and each coded one carries the table's code and term.
func TestEveryNeedTheInstrumentRecordsIsInTheTable(t *testing.T) {
	ins := V2
	opts := func(link string) []string {
		it, ok := ins.Item(link)
		if !ok {
			t.Fatalf("version 2 has no item %s", link)
		}
		var out []string
		for _, o := range it.Options {
			if !o.Exclusive {
				out = append(out, o.Code)
			}
		}
		return out
	}
	seen := map[string]bool{}
	check := func(change Answers) {
		for _, n := range assessV2(t, withV2(change), Services{}).Recommendation.Needs {
			seen[n.Key] = true
			c, coded := ConceptFor(n.Key)
			_, uncoded := Uncoded[n.Key]
			switch {
			case coded && (n.Code != c.Code || n.Term != c.Term):
				t.Errorf("need %s: %s %q, but the table says %s %q", n.Key, n.Code, n.Term, c.Code, c.Term)
			case !coded && !uncoded:
				t.Errorf("need %s (%s) is neither coded nor listed as uncoded in the table", n.Key, n.Text)
			case !coded && n.Code != "":
				t.Errorf("need %s carries code %s that is not in the table", n.Key, n.Code)
			}
		}
	}
	for _, size := range []string{"20", "24", "28"} {
		check(Answers{LinkCommNeeds: opts(LinkCommNeeds), LinkPrintSize: {size}, LinkLanguageCode: {"pl"}, LinkTranslated: {Yes}})
	}
	check(Answers{LinkContactNeeds: opts(LinkContactNeeds)})
	check(Answers{LinkContactAvoid: opts(LinkContactAvoid)})
	if len(seen) < 15 {
		t.Errorf("only %d needs seen: %v", len(seen), seen)
	}
}
