package site

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// A value of the wrong kind (round_to = "ten") stopped the TOML decoder at
// the first, said in Go's words ("cannot decode TOML string into struct
// field site.Disclosure.RoundTo of type int"): a lead mended it, ran
// again, and met the next. wrongKinds walks the whole document against
// the settings it is read into, saying each such value at its line with
// the key as written, what the setting takes and an example, and takes
// each out so that the rest of the file is read and checked as well.

// examples holds a setting's example value, as TOML, by the setting's
// path in a file (its keys joined by ".", with no element numbers): what
// a refusal of a value of the wrong kind gives to write instead.
// TestEverySettingHasAnExample holds every setting to having one.
var examples = map[string]string{
	// The site configuration (examples/config.toml).
	"site_name":                 `"Example Community Trust"`,
	"team":                      `"Community nursing (north)"`,
	"clinician":                 `"Nurse A Example"`,
	"team_phone":                `"0113 496 0000"`,
	"team_address":              `"Example Health Centre, 1 Example Road, Leeds"`,
	"team_text":                 `"07700 900123"`,
	"db":                        `"digicheck.db"`,
	"draft_expiry_days":         `7`,
	"review_months":             `12`,
	"handout_dir":               `"handouts"`,
	"programmes":                `"programmes.toml"`,
	"pseudonym_key_file":        `"pseudonym.key"`,
	"disclosure.max_suppressed": `10`,
	"disclosure.round_to":       `10`,
	"disclosure.grid":           `"month"`,
	"export_time_precision":     `"date"`,
	"backup_keep":               `14`,
	"timezone":                  `"Europe/London"`,
	"fhir_base":                 `"https://fhir.example-trust.nhs.uk/digicheck"`,
	"local_number_system":       `"https://fhir.example-trust.nhs.uk/Id/local-number"`,
	"pseudonym_system":          `"https://fhir.example-trust.nhs.uk/Id/digicheck-pseudonym"`,
	"ods_code":                  `"RX1"`,
	"video_consultation":        `true`,
	"fhir_server":               `"https://fhir.example-trust.nhs.uk/fhir"`,
	"fhir_token_file":           `"fhir-token"`,
	"fhir_token_env":            `"DIGICHECK_FHIR_TOKEN"`,
	"fhir_oauth_token_url":      `"https://auth.example-trust.nhs.uk/oauth2/token"`,
	"fhir_oauth_client_id":      `"digicheck-community-north"`,
	"fhir_oauth_secret_file":    `"fhir-client-secret"`,
	"fhir_oauth_scope":          `"system/*.write"`,
	"fhir_ca_file":              `"trust-ca.pem"`,
	"changes.date":              `"2026-03-02"`,
	"changes.label":             `"Leaflet at the front desk"`,
	"changes.recalculate":       `true`,
	// The programmes file (examples/programmes.toml).
	"hide":                          `["social-tariffs"]`,
	"programme.id":                  `"trust-digital-hub"`,
	"programme.name":                `"Hospital digital help desk"`,
	"programme.barriers":            `["access", "skills"]`,
	"programme.eligible.min_age":    `65`,
	"programme.eligible.max_age":    `64`,
	"programme.eligible.low_income": `true`,
	"programme.eligible.disability": `true`,
	"programme.eligible.areas":      `["LS6"]`,
	"programme.contact":             `"Ask the ward to book you in."`,
	"programme.phone":               `"0113 496 0999"`,
	"programme.phone_source":        `"https://www.example.org/contact-us"`,
	"programme.hours":               `"Monday to Friday, 9am to 4pm"`,
	"programme.patient_line":        `"Staff at the help desk can show you how to use the NHS App."`,
	"programme.provides":            `["skills", "support"]`,
	"programme.reach":               `"local"`,
	"programme.online_only":         `true`,
	"programme.one_to_one":          `true`,
	"programme.needs_device":        `true`,
	"programme.adults_only":         `true`,
	"programme.needs_handset":       `true`,
	"programme.for":                 `["sight"]`,
	"programme.review_by":           `"2027-06-01"`,
}

// setting is one key a struct takes from a TOML table.
type setting struct {
	name  string // as its toml tag gives it
	index []int  // reflect's path to the field, through embedded structs
	typ   reflect.Type
}

// settingsOf lists the keys t takes, as go-toml matches them: by the toml
// tag (else the field's name), the fields of an embedded struct without a
// tag as the outer struct's own, a field tagged "-" not at all.
func settingsOf(t reflect.Type) []setting {
	var out []setting
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := strings.Split(f.Tag.Get("toml"), ",")[0]
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			for _, s := range settingsOf(f.Type) {
				s.index = append([]int{i}, s.index...)
				out = append(out, s)
			}
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		out = append(out, setting{tag, []int{i}, f.Type})
	}
	return out
}

// find is the setting a key names: its tag as written, else in another
// case, as go-toml reads it.
func find(ss []setting, key string) (setting, bool) {
	for _, s := range ss {
		if s.name == key {
			return s, true
		}
	}
	for _, s := range ss {
		if strings.EqualFold(s.name, key) {
			return s, true
		}
	}
	return setting{}, false
}

// settingKeys lists the paths of every setting of t that holds a value
// (not a table), for examples.
func settingKeys(t reflect.Type, prefix string) []string {
	var out []string
	for _, s := range settingsOf(t) {
		path := s.name
		if prefix != "" {
			path = prefix + "." + path
		}
		if table := tableOf(s.typ); table != nil {
			out = append(out, settingKeys(table, path)...)
			continue
		}
		out = append(out, path)
	}
	return out
}

// tableOf is the struct a setting of type t reads a table into (or a
// table for each, for a list of them), or nil for a plain value.
func tableOf(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		return t
	}
	return nil
}

// writtenKeys maps each key's path in doc (as keyLines names it) to the
// key as written on its line: "round_to" under [disclosure], or
// "disclosure.round_to" written whole.
func writtenKeys(doc []byte) map[string]string {
	out := map[string]string{}
	walkKeys(withoutBOM(doc), func(kind unstable.Kind, path, written string, _ uint32) {
		if kind == unstable.KeyValue {
			out[path] = written
		}
	})
	return out
}

// kindWalk is one walk of a document's values against its settings.
type kindWalk struct {
	file    string
	lines   positions
	written map[string]string
	wrong   takenOut // values of the wrong kind
	unknown Problems // keys no setting takes
}

// takenOut is the values of a file taken out for their kind: each said,
// and the paths they were at (as keyLines names them).
type takenOut struct {
	said  Problems
	paths map[string]bool
}

// has says whether the value at path was taken out for its kind: a
// check of the file's own then says nothing of it (a programme whose
// name = 5 is not said to have no name as well).
func (t takenOut) has(path string) bool { return t.paths[path] }

// besides is ps and the values of the wrong kind, without those of ps on
// a line that has a value of the wrong kind: a setting taken out for its
// kind is not then said to be zero as well.
func (t takenOut) besides(ps Problems) Problems {
	lines := map[int]bool{}
	for _, p := range t.said {
		lines[p.Line] = true
	}
	out := ps[:0:0]
	for _, p := range ps {
		if !lines[p.Line] {
			out = append(out, p)
		}
	}
	return append(out, t.said...)
}

// line is the line of the key at path, or of the nearest key or table
// holding it (a key inside an inline table has no line of its own).
func (w *kindWalk) line(path string) int {
	for path != "" {
		if l, ok := w.lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// key is the key at path as written in the file.
func (w *kindWalk) key(path, name string) string {
	if k, ok := w.written[path]; ok {
		return k
	}
	return name
}

// table checks the table m against struct t, taking out of m each value
// of the wrong kind. path is the table's place in the document (element
// numbers and all), canon its settings' path without them.
func (w *kindWalk) table(m map[string]any, t reflect.Type, path, canon string) {
	ss := settingsOf(t)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		at, cat := k, k
		if path != "" {
			at = path + "." + k
		}
		s, ok := find(ss, k)
		if !ok {
			full := k
			if canon != "" {
				full = canon + "." + k
			}
			w.unknown = append(w.unknown, Problem{w.file, w.line(at), fmt.Sprintf("unknown field %s", quoted(full))})
			continue
		}
		cat = s.name
		if canon != "" {
			cat = canon + "." + s.name
		}
		if !w.value(m[k], s.typ, at, cat, w.key(at, k)) {
			delete(m, k)
		}
	}
}

// value checks v against the type t of the setting at path, saying a
// value of the wrong kind as written at key. It is false when v is to be
// taken out.
func (w *kindWalk) value(v any, t reflect.Type, path, canon, key string) bool {
	say := func(msg string) bool {
		w.wrong.said = append(w.wrong.said, Problem{w.file, w.line(path), msg})
		w.wrong.paths[path] = true
		return false
	}
	if table := tableOf(t); table != nil {
		if t.Kind() == reflect.Slice {
			list, ok := v.([]any)
			if !ok {
				if ms, ok := v.([]map[string]any); ok {
					for i, m := range ms {
						w.table(m, table, fmt.Sprintf("%s[%d]", path, i), canon)
					}
					return true
				}
				return say(fmt.Sprintf("%s: %s takes %s", shownAs(key, v), key, wantedTable(t, canon, true)))
			}
			for i, e := range list {
				m, ok := e.(map[string]any)
				if !ok {
					return say(fmt.Sprintf("%s holds %s: each of %s is %s", listed(key, v), held(e), key, wantedTable(t, canon, false)))
				}
				w.table(m, table, fmt.Sprintf("%s[%d]", path, i), canon)
			}
			return true
		}
		m, ok := v.(map[string]any)
		if !ok {
			return say(fmt.Sprintf("%s: %s takes %s", shownAs(key, v), key, wantedTable(t, canon, true)))
		}
		w.table(m, table, path, canon)
		return true
	}
	if t.Kind() == reflect.Slice {
		list, ok := v.([]any)
		if !ok {
			example := examples[canon]
			if s, ok := v.(string); ok {
				example = "[" + quoted(s) + "]"
			}
			return say(fmt.Sprintf("%s: %s takes a list in square brackets, such as %s = %s", shownAs(key, v), key, key, example))
		}
		for _, e := range list {
			if !fits(e, t.Elem()) {
				return say(fmt.Sprintf("%s holds %s: each of %s is %s, such as %s = %s", listed(key, v), held(e), key, wanted(t.Elem()), key, examples[canon]))
			}
		}
		return true
	}
	if fits(v, t) {
		return true
	}
	example := examples[canon]
	if t.Kind() == reflect.String {
		switch v.(type) {
		case int64, float64, toml.LocalDate, toml.LocalDateTime, toml.LocalTime, time.Time:
			// What was meant is plain: the same in quotes.
			example = quoted(shown(v))
		}
	}
	return say(fmt.Sprintf("%s: %s takes %s, such as %s = %s", shownAs(key, v), key, wanted(t), key, example))
}

// fits says whether a value go-toml read fits a setting of type t.
func fits(v any, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String:
		_, ok := v.(string)
		return ok
	case reflect.Bool:
		_, ok := v.(bool)
		return ok
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, ok := v.(int64)
		return ok
	case reflect.Float32, reflect.Float64:
		switch v.(type) {
		case float64, int64:
			return true
		}
		return false
	}
	return true // a kind no setting has: left to the decoder
}

// wanted says what a setting of type t takes.
func wanted(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text in double quotes"
	case reflect.Bool:
		return "true or false, without quotes"
	case reflect.Float32, reflect.Float64:
		return "a number, without quotes"
	case reflect.Slice:
		return "a list in square brackets"
	}
	return "a whole number, without quotes"
}

// wantedTable says what a setting read into a table takes (or each item
// of it, when not whole), with its first setting as the example.
func wantedTable(t reflect.Type, canon string, whole bool) string {
	first := ""
	for _, k := range settingKeys(tableOf(t), canon) {
		if ex, ok := examples[k]; ok {
			first = k[strings.LastIndexByte(k, '.')+1:] + " = " + ex
			break
		}
	}
	switch {
	case t.Kind() == reflect.Slice && whole:
		return fmt.Sprintf("a table for each, on its own line [[%s]] with its settings on the lines below it, such as %s", canon, first)
	case t.Kind() == reflect.Slice:
		return fmt.Sprintf("a table, on its own line [[%s]] with its settings on the lines below it, such as %s", canon, first)
	}
	return fmt.Sprintf("a table, on its own line [%s] with its settings on the lines below it, such as %s", canon, first)
}

// shownAs is a value said back beside its key: `round_to = "ten" is
// text`, or `disclosure is a table` for one too big to say.
func shownAs(key string, v any) string {
	if s := shown(v); s != "" {
		return fmt.Sprintf("%s = %s is %s", key, s, valueKind(v))
	}
	return fmt.Sprintf("%s is %s", key, valueKind(v))
}

// listed is a list said back beside its key, `barriers = ["skills", 2]`,
// or the key alone for one too long to say.
func listed(key string, v any) string {
	if s := shown(v); s != "" {
		return key + " = " + s
	}
	return key
}

// held is an item of a list said back: `2, a number`.
func held(v any) string {
	if s := shown(v); s != "" {
		return s + ", " + valueKind(v)
	}
	return valueKind(v)
}

// shown is a value as TOML writes it, strings said back short and
// escaped, or "" for a table.
func shown(v any) string {
	switch v := v.(type) {
	case string:
		return quoted(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		switch {
		case math.IsInf(v, 1):
			return "inf"
		case math.IsInf(v, -1):
			return "-inf"
		case math.IsNaN(v):
			return "nan"
		}
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s
	case bool:
		return strconv.FormatBool(v)
	case toml.LocalDate:
		return v.String()
	case toml.LocalDateTime:
		return v.String()
	case toml.LocalTime:
		return v.String()
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			s := shown(e)
			if s == "" {
				return ""
			}
			parts = append(parts, s)
		}
		s := "[" + strings.Join(parts, ", ") + "]"
		if len(s) > 2*maxQuoted {
			return ""
		}
		return s
	}
	return ""
}

// valueKind names the kind of a value go-toml read, in words.
func valueKind(v any) string {
	switch v := v.(type) {
	case string:
		return "text"
	case int64:
		return "a number"
	case float64:
		return "a number with a decimal point"
	case bool:
		return "a true or false value"
	case toml.LocalDate:
		return "a date"
	case toml.LocalDateTime, time.Time:
		return "a date and time"
	case toml.LocalTime:
		return "a time of day"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	default:
		_ = v
		return "a value of another kind"
	}
}

// wrongKinds reads doc and checks each value's kind against v's
// settings. It returns the values of the wrong kind and the keys no
// setting takes, and, when any value is of the wrong kind, fills v with
// the rest of the document (read false when that could not be done).
// When doc is not TOML it returns the parser's problem, read false.
func wrongKinds(name string, doc []byte, v any) (wrong takenOut, unknown Problems, read bool) {
	var m map[string]any
	if err := toml.Unmarshal(doc, &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return takenOut{said: Problems{{name, line, de.Error()}}}, nil, false
		}
		return takenOut{said: Problems{{name, 0, err.Error()}}}, nil, false
	}
	w := &kindWalk{file: name, lines: keyLines(doc), written: writtenKeys(doc), wrong: takenOut{paths: map[string]bool{}}}
	w.table(m, reflect.TypeOf(v).Elem(), "", "")
	if len(w.wrong.said) == 0 {
		return w.wrong, w.unknown, true
	}
	rest, err := toml.Marshal(m)
	if err != nil {
		return w.wrong, w.unknown, false
	}
	if err := toml.Unmarshal(rest, v); err != nil {
		return w.wrong, w.unknown, false
	}
	return w.wrong, w.unknown, true
}
