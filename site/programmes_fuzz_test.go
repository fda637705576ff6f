package site

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
)

// checkProblems: a refused file comes back as Problems that name the file
// and a line inside it, in line order, and nothing else is returned.
func checkProblems(t *testing.T, name string, doc []byte, err error) {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("error %T %v is not Problems", err, err)
	}
	lines := bytes.Count(doc, []byte("\n")) + 1
	for i, p := range ps {
		if p.File != name || p.Msg == "" || p.Line < 0 || p.Line > lines {
			t.Fatalf("problem %+v: wrong file, empty message, or line outside 0..%d", p, lines)
		}
		if i > 0 && p.Line < ps[i-1].Line {
			t.Fatalf("problems out of line order: %v", ps)
		}
	}
}

// seedFiles adds the example file and every test document to the corpus.
func seedFiles(f *testing.F, example string, docs ...string) {
	if b, err := os.ReadFile(filepath.Join("..", "examples", example)); err == nil {
		f.Add(b)
	}
	for _, d := range docs {
		f.Add([]byte(d))
	}
}

// FuzzParseProgrammes: a site's programmes file is outside input. Whatever
// it holds, ParseProgrammes must not panic, and it either refuses the file
// with Problems at lines in it and returns nothing, or returns programmes
// that keep every rule the directory relies on.
//
//	go test -run x -fuzz FuzzParseProgrammes -fuzztime 60s ./site/
func FuzzParseProgrammes(f *testing.F) {
	seedFiles(f, "programmes.toml", goodFile,
		"[[programme]]\nid = \"a\"\nbarriers = \"access\"\n",
		"hide = [\"social-tariffs\", 3]\n",
		"[[programme]]\nid = \"x\"\n[[programme.eligible]]\nmin_age = 70\nmax_age = 60\nareas = [\"LS6 1AB\", \"ls7\"]\n",
		"[[programme]]\n[[programme]]\nid = \"a\"\n[[programme]]\nid = \"a\"\n",
		"[programme]\nid = 1\n", "id = \"\"\"\n", "\x00", "[[programme.eligible]]\nareas = []\n",
	)
	national := questionnaire.National
	f.Fuzz(func(t *testing.T, doc []byte) {
		pf, err := ParseProgrammes("site.toml", doc, national)
		if err != nil {
			checkProblems(t, "site.toml", doc, err)
			if !reflect.DeepEqual(pf, ProgrammesFile{}) {
				t.Fatalf("a refused file returned programmes: %+v", pf)
			}
			return
		}
		for _, id := range pf.Hide {
			if _, ok := national.Lookup(id); !ok {
				t.Fatalf("hides %q, which is not national", id)
			}
		}
		seen := map[string]bool{}
		for _, p := range pf.Programmes {
			if !idOracle.MatchString(p.ID) || seen[p.ID] || slices.Contains(pf.Hide, p.ID) {
				t.Fatalf("bad, duplicate or hidden id accepted: %q", p.ID)
			}
			seen[p.ID] = true
			if strings.TrimSpace(p.Name) == "" || strings.TrimSpace(p.Contact) == "" || strings.TrimSpace(p.PatientLine) == "" || len(p.Barriers) == 0 {
				t.Fatalf("programme %q accepted without a name, contact, patient line or barrier", p.ID)
			}
			for _, d := range p.Barriers {
				if !slices.Contains(questionnaire.Domains, d) {
					t.Fatalf("unknown barrier %q accepted", d)
				}
			}
			for _, c := range p.Eligible {
				if c.MinAge < 0 || c.MinAge > 120 || c.MaxAge < 0 || c.MaxAge > 120 || (c.MaxAge > 0 && c.MinAge > c.MaxAge) {
					t.Fatalf("ages %d..%d accepted", c.MinAge, c.MaxAge)
				}
				for _, a := range c.Areas {
					if n, err := questionnaire.NormalisePostcodeDistrict(a); err != nil || n != a {
						t.Fatalf("area %q accepted as it is", a)
					}
				}
			}
		}
		d := Merge(national, pf, "site.toml")
		for _, p := range pf.Programmes {
			if got, ok := d.Lookup(p.ID); !ok || got.Source != "site.toml" {
				t.Fatalf("programme %q not in the merged directory as the site's", p.ID)
			}
		}
		for _, id := range pf.Hide {
			if _, ok := d.Lookup(id); ok {
				t.Fatalf("hidden %q still in the directory", id)
			}
		}
		_ = d.Version()
		// The merged directory can be assessed against.
		if _, err := questionnaire.V1.Assess(fuzzAnswers, d); err != nil {
			t.Fatalf("assessing against the merged directory: %v", err)
		}
	})
}

// idOracle is what a programme id may be (questionnaire.CheckProgrammeID),
// written another way.
var idOracle = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,47}$`)

// fuzzAnswers: barriers in every domain and every eligibility fact known,
// so the assessment looks at every programme.
var fuzzAnswers = testkit.Offline(questionnaire.Answers{
	questionnaire.LinkWorry:            {"very"},
	questionnaire.LinkAgeBand:          {"65-74"},
	questionnaire.LinkDisability:       {questionnaire.Yes},
	questionnaire.LinkBenefits:         {questionnaire.Yes},
	questionnaire.LinkPostcodeDistrict: {"LS6"},
})

// Found by FuzzParseProgrammes: a quoted key with an escape in it made
// finding its line panic, so a site file could stop digicheck starting
// with a crash instead of a problem at a line.
func TestQuotedKeyWithAnEscapeIsReadAtItsLine(t *testing.T) {
	_, err := ParseProgrammes("p.toml", []byte("[\"\\b\"]\n"), questionnaire.National)
	if err == nil || !strings.HasPrefix(err.Error(), "p.toml:1: ") {
		t.Errorf("escaped table name: %v, want a problem at line 1", err)
	}
	doc := "hide = []\n\n[[programme]]\nid = \"a\"\n\"na\\u006De\" = \"A\"\nbarriers = [\"access\"]\ncontact = \"x\"\npatient_line = \"y\"\n\"colour\\t\" = 1\n"
	_, err = ParseProgrammes("p.toml", []byte(doc), questionnaire.National)
	if err == nil || !strings.Contains(err.Error(), "p.toml:9: unknown field") {
		t.Errorf("escaped unknown key: %v, want it reported at line 9", err)
	}
}
