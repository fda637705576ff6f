package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/pelletier/go-toml/v2/unstable"

	"digicheck/questionnaire"
	"digicheck/readability"
)

// ProgrammesFile is a site's programmes file: local programmes, and the ids
// of national programmes to hide. A local programme whose id is a national
// programme's id replaces that national entry (an override).
type ProgrammesFile struct {
	Hide       []string                  `toml:"hide"`
	Programmes []questionnaire.Programme `toml:"programme"`
}

// ParseProgrammes reads and checks a programmes file against the national
// directory (for hide and override ids). On any problem it returns Problems
// and no file: nothing is used from a half-right file.
func ParseProgrammes(name string, doc []byte, national questionnaire.Directory) (ProgrammesFile, error) {
	var f ProgrammesFile
	ps, wrong, ok := decode(name, doc, &f)
	if !ok {
		return ProgrammesFile{}, ps
	}
	pos := keyLines(doc)
	at := func(key string) int {
		if l, ok := pos[key]; ok {
			return l
		}
		// A missing key is reported on its table's header line.
		if i := strings.LastIndexByte(key, '.'); i > 0 {
			return pos[key[:i]]
		}
		return 0
	}
	bad := func(key, format string, args ...any) {
		if wrong.has(key) {
			return // said for its kind
		}
		ps = append(ps, Problem{name, at(key), fmt.Sprintf(format, shortArgs(args)...)})
	}

	for _, id := range f.Hide {
		if _, ok := national.Lookup(id); !ok {
			bad("hide", "hide: %q is not a national programme (see: digicheck programmes)", id)
		}
	}
	firstLine := map[string]int{}
	// Names, as a reader tells them apart: two programmes of one name
	// (a local "Get Safe Online" beside the national one) were two rows
	// of a summary that read alike, and a record's referral could not be
	// told from the other's on screen.
	fold := func(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }
	overridden := map[string]bool{}
	for _, p := range f.Programmes {
		overridden[p.ID] = true
	}
	nationalName := map[string]string{} // folded name: id
	for _, p := range national.Programmes {
		if !overridden[p.ID] {
			nationalName[fold(p.Name)] = p.ID
		}
	}
	type named struct {
		id   string
		line int
	}
	localName := map[string]named{}
	for i := range f.Programmes {
		p := &f.Programmes[i]
		k := fmt.Sprintf("programme[%d]", i)
		idErr := questionnaire.CheckProgrammeID(p.ID)
		switch {
		case p.ID == "":
			bad(k+".id", "programme has no id")
		case idErr != nil:
			// The id said back short, as every value is.
			bad(k+".id", "%v", strings.ReplaceAll(idErr.Error(), strconv.Quote(p.ID), quoted(p.ID)))
		case firstLine[p.ID] > 0:
			bad(k+".id", "duplicate id %q (first defined on line %d)", p.ID, firstLine[p.ID])
		default:
			firstLine[p.ID] = at(k + ".id")
		}
		if slices.Contains(f.Hide, p.ID) {
			bad(k+".id", "programme %q is both hidden and defined", p.ID)
		}
		if strings.TrimSpace(p.Name) == "" {
			bad(k+".name", "programme %q has no name", p.ID)
		} else if why := mixedScriptWord(p.Name); why != "" {
			bad(k+".name", "programme %q: name %q: %s, so the name reads as another (a national programme's) that differs from it: type the word in one script", p.ID, p.Name, why)
		} else if id, ok := nationalName[fold(p.Name)]; ok {
			bad(k+".name", "programme %q: name %q is already the name of the national programme %q, and summaries would show two rows of that name: give it a name of its own, or id %q to replace the national entry", p.ID, p.Name, id, id)
		} else if first, ok := localName[fold(p.Name)]; ok && first.id != p.ID {
			bad(k+".name", "programme %q: name %q is already the name of programme %q (line %d), and summaries would show two rows of that name: give each a name of its own", p.ID, p.Name, first.id, first.line)
		} else if !ok {
			localName[fold(p.Name)] = named{p.ID, at(k + ".name")}
		}
		if len(p.Barriers) == 0 {
			bad(k+".barriers", "programme %q helps with no barrier: give barriers = [\"access\", ...]", p.ID)
		}
		for _, d := range p.Barriers {
			if !slices.Contains(questionnaire.Domains, d) {
				bad(k+".barriers", "unknown barrier %q (use access, skills, motivation or trust)", d)
			}
		}
		if strings.TrimSpace(p.Contact) == "" {
			bad(k+".contact", "programme %q has no contact: say how to refer or get in touch", p.ID)
		}
		if err := questionnaire.CheckPhone(p.Phone); err != nil {
			bad(k+".phone", "programme %q: %v", p.ID, err)
		}
		if strings.TrimSpace(p.PatientLine) == "" {
			bad(k+".patient_line", "programme %q has no patient_line for the handout", p.ID)
		}
		for _, what := range p.Provides {
			if !slices.Contains(questionnaire.ProvidesOrder, what) {
				bad(k+".provides", "programme %q: unknown provides %q (use device, data, skills or support)", p.ID, what)
			}
		}
		if p.Reach != "" && p.Reach != questionnaire.ReachLocal && p.Reach != questionnaire.ReachNational {
			bad(k+".reach", "programme %q: reach %q is not \"local\" or \"national\"", p.ID, p.Reach)
		}
		// One-to-one help is a person with the patient; a programme used
		// only online cannot be it, and would rank first for a patient
		// nobody helps.
		if p.OneToOne && p.OnlineOnly {
			bad(k+".one_to_one", "programme %q: one_to_one and online_only cannot both be true (one to one is a person with the patient)", p.ID)
		}
		for _, c := range p.For {
			if !slices.Contains(questionnaire.ForAll, c) {
				bad(k+".for", "programme %q: unknown for %q (use %s)", p.ID, c, strings.Join(questionnaire.ForAll, ", "))
			}
		}
		if p.ReviewBy != "" {
			if _, err := time.Parse(questionnaire.DateLayout, p.ReviewBy); err != nil {
				bad(k+".review_by", "programme %q: review_by %q is not a date written YYYY-MM-DD", p.ID, p.ReviewBy)
			}
		}
		for j := range p.Eligible {
			c := &p.Eligible[j]
			ek := fmt.Sprintf("%s.eligible[%d]", k, j)
			if c.MinAge < 0 || c.MinAge > 120 {
				bad(ek+".min_age", "min_age %d is not an age", c.MinAge)
			}
			if c.MaxAge < 0 || c.MaxAge > 120 {
				bad(ek+".max_age", "max_age %d is not an age", c.MaxAge)
			}
			if c.MinAge > 0 && c.MaxAge > 0 && c.MinAge > c.MaxAge {
				bad(ek+".max_age", "max_age %d is below min_age %d", c.MaxAge, c.MinAge)
			}
			for a, area := range c.Areas {
				d, err := questionnaire.NormalisePostcodeDistrict(area)
				if err != nil {
					bad(ek+".areas", "bad postcode district: %v", err)
					continue
				}
				c.Areas[a] = d
			}
		}
	}
	if ps = wrong.besides(ps); len(ps) > 0 {
		return ProgrammesFile{}, ps.sorted()
	}
	return f, nil
}

// LoadProgrammes reads a programmes file from disk.
// MaxProgrammesSize is the largest programmes file read: 8,000
// programmes, far more than a region has, take under 2 MB.
const MaxProgrammesSize = 8 << 20

func LoadProgrammes(path string, national questionnaire.Directory) (ProgrammesFile, error) {
	doc, err := readLimited(path, "programmes file", MaxProgrammesSize)
	if err != nil {
		return ProgrammesFile{}, fmt.Errorf("programmes file: %w", err)
	}
	return ParseProgrammes(path, doc, national)
}

// Merge applies a checked programmes file to the national directory:
// hidden entries go, an entry with a national id replaces it in place, and
// new entries follow the national ones in file order. Each entry's Source
// says where it came from.
func Merge(national questionnaire.Directory, f ProgrammesFile, source string) questionnaire.Directory {
	local := map[string]questionnaire.Programme{}
	for _, p := range f.Programmes {
		p.Source = source
		local[p.ID] = p
	}
	var out []questionnaire.Programme
	for _, p := range national.Programmes {
		if slices.Contains(f.Hide, p.ID) {
			continue
		}
		if lp, ok := local[p.ID]; ok {
			// A site's replacement of a national entry (to add a phone
			// number it has checked, say) is still the national programme.
			if lp.Reach == "" {
				lp.Reach = questionnaire.ReachNational
			}
			out = append(out, lp)
			delete(local, p.ID)
			continue
		}
		out = append(out, p)
	}
	for _, p := range f.Programmes {
		if lp, ok := local[p.ID]; ok {
			out = append(out, lp)
		}
	}
	return questionnaire.NewDirectory(out)
}

// MinReadingEase is the Flesch reading ease every patient-facing line
// should reach: about a reading age of 9.
const MinReadingEase = 70

// ReadingWarnings lists the programmes whose patient_line or contact text is
// harder to read than MinReadingEase, each at its line. They are warnings,
// not problems: a lead may need a word (a place name, say) that scores
// badly, and the directory still works.
func ReadingWarnings(name string, doc []byte, f ProgrammesFile) []Problem {
	pos := keyLines(doc)
	var out []Problem
	for i, p := range f.Programmes {
		for _, field := range []struct{ key, text string }{{"patient_line", p.PatientLine}, {"contact", p.Contact}} {
			if ease := readability.FleschReadingEase(field.text); ease < MinReadingEase {
				out = append(out, Problem{name, pos[fmt.Sprintf("programme[%d].%s", i, field.key)],
					fmt.Sprintf("warning: %s of %q is hard to read (reading ease %.0f; aim for %d or more: shorter sentences, shorter words)",
						field.key, short(p.ID), ease, MinReadingEase)})
			}
		}
	}
	return out
}

// ReviewWarnings lists the programmes whose review_by date is today or
// past, or that have none, each at its line: the entry must be checked
// again against the programme's own material. They are warnings, not
// problems: a programme past its review date still works. today is a date
// in questionnaire.DateLayout.
func ReviewWarnings(name string, doc []byte, f ProgrammesFile, today string) []Problem {
	pos := keyLines(doc)
	var out []Problem
	for i, p := range f.Programmes {
		k := fmt.Sprintf("programme[%d]", i)
		switch {
		case p.ReviewBy == "":
			out = append(out, Problem{name, pos[k],
				fmt.Sprintf("warning: programme %s has no review_by date: add one (YYYY-MM-DD) by which to check it again", quoted(p.ID))})
		case p.ReviewDue(today):
			out = append(out, Problem{name, pos[k+".review_by"],
				fmt.Sprintf("warning: programme %s was due for review by %s: check it against the programme's own material, then move the date", quoted(p.ID), p.ReviewBy)})
		}
	}
	return out
}

// controlProblems finds every string value in a site file that holds a
// control character, an escape sequence or a bidi override (written raw
// or as a TOML escape such as "\u001b"), each at its FILE:LINE. Site
// files name teams and programmes that are printed on terminals and
// handouts, so such a value is an error like any other, never passed on.
func controlProblems(name string, doc []byte) Problems {
	var ps Problems
	doc = withoutBOM(doc)
	lines := newLineIndex(doc)
	var p unstable.Parser
	p.Reset(doc)
	var walk func(key string, n *unstable.Node)
	walk = func(key string, n *unstable.Node) {
		switch n.Kind {
		case unstable.String:
			if err := questionnaire.CheckText(string(n.Data)); err != nil {
				ps = append(ps, Problem{name, lines.line(n.Raw.Offset), key + ": " + err.Error()})
			}
		case unstable.Array:
			for it := n.Children(); it.Next(); {
				walk(key, it.Node())
			}
		case unstable.InlineTable:
			for it := n.Children(); it.Next(); {
				if kv := it.Node(); kv.Kind == unstable.KeyValue {
					walk(key+"."+keyOf(kv), kv.Value())
				}
			}
		}
	}
	for p.NextExpression() {
		if e := p.Expression(); e.Kind == unstable.KeyValue {
			walk(keyOf(e), e.Value())
		}
	}
	return ps
}

func keyOf(kv *unstable.Node) string {
	var parts []string
	for it := kv.Key(); it.Next(); {
		parts = append(parts, string(it.Node().Data))
	}
	return questionnaire.Printable(strings.Join(parts, "."))
}

// lookAlikeScripts are the scripts whose letters include some that look
// like Latin ones (Cyrillic і, о, а, е, р, с; Greek ο, ι, ν; Armenian ս,
// օ), each with the name the refusal gives it.
var lookAlikeScripts = []struct {
	name  string
	table *unicode.RangeTable
}{{"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek}, {"Armenian", unicode.Armenian}}

// mixedScriptWord says, for a name, the first word that mixes Latin
// letters with a letter of a script that has Latin look-alikes (as
// Unicode's UTS #39 treats a mixed-script word as suspect): "Get Safe
// Onlіne", its і Cyrillic (U+0456), read on every screen as the national
// "Get Safe Online", and passed the check of a national programme's name.
// A word wholly in one script is taken, whatever the script, as is a name
// of words in different scripts. "" when none.
func mixedScriptWord(name string) string {
	for _, w := range strings.Fields(name) {
		latin := strings.ContainsFunc(w, func(r rune) bool { return unicode.Is(unicode.Latin, r) })
		if !latin {
			continue
		}
		for _, r := range w {
			for _, sc := range lookAlikeScripts {
				if unicode.Is(sc.table, r) {
					return fmt.Sprintf("its word %s mixes Latin letters with a %s one (%c, U+%04X)", quoted(w), sc.name, r, r)
				}
			}
		}
	}
	return ""
}
