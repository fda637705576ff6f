package report

import (
	"fmt"
	"slices"
	"strings"

	"digicheck/questionnaire"
	"digicheck/store/facts"
)

// Instrument versions. A record's answers mean something only through the
// answer-code table of its instrument version (facts.Table), so a summary
// or an export looks each version up once, the first time its name is
// met, and works out where that version's answers go: the summary's groups
// of each equity breakdown, the CSV's answer columns. The counting itself
// then reads a version's answers by offset, as it reads every other field.

// Instruments are the instrument versions digicheck knows by default:
// every one it has.
var Instruments = questionnaire.ByVersion()

// instrument is the instrument of a version in m, or in Instruments when
// m is nil; nil when there is none.
func instrument(m map[string]*questionnaire.Instrument, version string) *questionnaire.Instrument {
	if m == nil {
		m = Instruments
	}
	return m[version]
}

// equityLinks are the equity questions a summary breaks down by, in order,
// beside postcode district.
var equityLinks = [...]string{questionnaire.LinkAgeBand, questionnaire.LinkDisability, questionnaire.LinkBenefits,
	questionnaire.LinkMainLanguage, questionnaire.LinkEthnicity}

const numEquity = len(equityLinks)

// versions resolves the instrument versions of rows. It is filled in by
// one goroutine, between chunks, and only read while rows are counted.
type versions struct {
	ins    map[string]*questionnaire.Instrument
	byName []uint8 // by name number: 1 + index in list, or 0
	seen   int     // the names looked at so far
	list   []*version
	// groups are each equity breakdown's groups, in order: version 1's
	// answers, then any a later version added.
	groups [numEquity][]string
	// columns are the CSV's answer columns after version 1's: the
	// questions the other versions add, by version, in the order asked.
	columns []string
}

// version is one instrument version met.
type version struct {
	name string
	ins  *questionnaire.Instrument
	tab  *facts.Table
	// equityOff is where each equity answer is in the answers area, or
	// -1 when the version does not ask it; equity maps its stored number
	// to the breakdown's group number (0 not answered).
	equityOff [numEquity]int
	equity    [numEquity][]uint8
	// cols is, for each CSV answer column (answerLinks, then
	// versions.columns), the table's item, or colNone, colLanguage or
	// colPostcode.
	cols []int
}

// CSV answer columns that are not an item of the table.
const (
	colNone     = -1
	colLanguage = -2
	colPostcode = -3
)

func newVersions(ins map[string]*questionnaire.Instrument) *versions {
	if ins == nil {
		ins = Instruments
	}
	vs := &versions{ins: ins}
	t, _ := facts.TableFor(questionnaire.V1)
	for i, link := range equityLinks {
		j, _ := t.Index(link)
		vs.groups[i] = slices.Clone(t.Item(j).Codes)
	}
	names := make([]string, 0, len(ins))
	for name := range ins {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, it := range ins[name].Items() {
			if !slices.Contains(answerLinks, it.LinkID) && !slices.Contains(vs.columns, it.LinkID) &&
				(it.Type != questionnaire.Text) {
				vs.columns = append(vs.columns, it.LinkID)
			}
		}
	}
	return vs
}

// csvColumns are the CSV export's columns for these versions: csvColumns,
// then a column for each question the other versions add.
func (vs *versions) csvColumns() []string {
	out := slices.Clone(csvColumns)
	for _, link := range vs.columns {
		out = append(out, columnName(link))
	}
	return out
}

// resolve looks at the names added to the table since the last call and
// makes a version of each that names an instrument version.
func (vs *versions) resolve(names *facts.Names) error {
	for ; vs.seen < names.Len(); vs.seen++ {
		vs.byName = append(vs.byName, 0)
		ins, ok := vs.ins[names.Name(uint32(vs.seen))]
		if !ok {
			continue
		}
		v, err := vs.add(ins)
		if err != nil {
			return err
		}
		vs.byName[vs.seen] = v
	}
	return nil
}

// add makes the version of ins, or finds it, and returns 1 + its index.
func (vs *versions) add(ins *questionnaire.Instrument) (uint8, error) {
	for i, v := range vs.list {
		if v.ins == ins {
			return uint8(i + 1), nil
		}
	}
	if len(vs.list) == 255 {
		return 0, fmt.Errorf("more than 255 instrument versions")
	}
	t, err := facts.TableFor(ins)
	if err != nil {
		return 0, err
	}
	v := &version{name: ins.Version, ins: ins, tab: t}
	for _, link := range append(slices.Clone(answerLinks), vs.columns...) {
		col := colNone
		switch j, ok := t.Index(link); {
		case ok:
			col = j
		case link == questionnaire.LinkLanguage:
			col = colLanguage
		case link == questionnaire.LinkPostcodeDistrict:
			col = colPostcode
		}
		v.cols = append(v.cols, col)
	}
	for i, link := range equityLinks {
		j, ok := t.Index(link)
		if !ok {
			v.equityOff[i] = -1
			v.equity[i] = []uint8{0}
			continue
		}
		v.equityOff[i] = t.Offset(j)
		v.equity[i] = []uint8{0}
		for _, code := range t.Item(j).Codes {
			g := slices.Index(vs.groups[i], code)
			if g < 0 {
				vs.groups[i] = append(vs.groups[i], code)
				g = len(vs.groups[i]) - 1
			}
			v.equity[i] = append(v.equity[i], uint8(g+1))
		}
	}
	vs.list = append(vs.list, v)
	return uint8(len(vs.list)), nil
}

// of returns the version of row v, whose instrument version is name number
// n of names, the table resolve was given, as 1 + its index, checking that
// the row's answers are of it.
func (vs *versions) of(v facts.View, n uint32, names *facts.Names) (uint8, *version, error) {
	if int(n) < len(vs.byName) {
		if k := vs.byName[n]; k > 0 {
			ver := vs.list[k-1]
			if v.Format() != 1 {
				if err := ver.tab.CheckAnswers(v); err != nil {
					return 0, nil, err
				}
			} else if ver.name != questionnaire.V1.Version {
				return 0, nil, fmt.Errorf("answers of instrument version 1 under version %q", ver.name)
			}
			return k, ver, nil
		}
	}
	return 0, nil, fmt.Errorf("its instrument version %q is not one this digicheck knows", names.Name(n))
}

// VersionCount is how many of the assessments counted were made with one
// instrument version.
type VersionCount struct {
	Version string `json:"version"`
	Count   int    `json:"count"`
}

// comparability lists the measures and questions whose meaning differs
// between the versions counted: a domain's band where the questions
// scored in it, their options' scores or its thresholds differ, and a
// question one version does not ask or asks in other words or with other
// options.
func comparability(vers []*version) []string {
	if len(vers) < 2 {
		return nil
	}
	var out []string
	for _, d := range questionnaire.Domains {
		sig := func(ins *questionnaire.Instrument) string {
			var b strings.Builder
			fmt.Fprintf(&b, "%v;", ins.Bands[d])
			for _, it := range ins.Items() {
				if it.Domain != d {
					continue
				}
				fmt.Fprintf(&b, "%s %s %s:", it.LinkID, it.Type, it.Scoring)
				for _, o := range it.Options {
					fmt.Fprintf(&b, "%s=%d/%v,", o.Code, o.Score, o.Exclusive)
				}
			}
			return b.String()
		}
		first := sig(vers[0].ins)
		for _, v := range vers[1:] {
			if sig(v.ins) != first {
				out = append(out, MeasureBand(d))
				break
			}
		}
	}
	var links []string
	for _, v := range vers {
		for _, it := range v.ins.Items() {
			if !slices.Contains(links, it.LinkID) {
				links = append(links, it.LinkID)
			}
		}
	}
	for _, link := range links {
		var want []string
		for i, v := range vers {
			it, ok := v.ins.Item(link)
			if !ok {
				out = append(out, link)
				break
			}
			codes := []string{it.Text}
			for _, o := range it.Options {
				codes = append(codes, o.Code+"="+o.Text)
			}
			if i == 0 {
				want = codes
			} else if !slices.Equal(codes, want) {
				out = append(out, link)
				break
			}
		}
	}
	return out
}
