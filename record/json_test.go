package record

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// AppendJSON must write what json.Marshal writes, for every record: the
// store keeps the bytes it writes, and every earlier build reads them as
// Marshal's. The records are made at random by reflection over Record's
// type, every field of every type it holds filled (or left empty, nil or
// zero) at random, so a field added to any of them is filled here too and
// its record's JSON differs from Marshal's until AppendJSON writes it. A
// field of a kind the filler does not know fails the test, rather than
// being left empty.
func TestAppendJSONIsMarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	set := map[string]bool{} // every field path given a value that is not its zero
	for n := range 5000 {
		var r Record
		f := filler{rng: rng, t: t, set: set}
		f.fill(reflect.ValueOf(&r).Elem(), "Record")
		sameAsMarshal(t, n, &r)
	}
	// Every field reachable from a record was filled at least once, so
	// none escaped the comparison.
	var paths []string
	fieldPaths(reflect.TypeFor[Record](), "Record", &paths)
	for _, p := range paths {
		if !set[p] {
			t.Errorf("the records made at random never set %s: the comparison says nothing of it", p)
		}
	}
	if len(paths) < 60 {
		t.Fatalf("only %d field paths found in a record; the walk is broken", len(paths))
	}
}

// FuzzAppendJSON makes records from the fuzzer's seed and text, the text
// in every string field, and compares AppendJSON with Marshal.
func FuzzAppendJSON(f *testing.F) {
	f.Add(uint64(1), "plain")
	f.Add(uint64(2), "<b>&</b> \u2028\u2029 \x00\x1f\x7f \xff\xfe\"\\")
	f.Add(uint64(3), "\xed\xa0\x80 \xf4\x90\x80\x80 é ☎ 🙂")
	f.Fuzz(func(t *testing.T, seed uint64, s string) {
		rng := rand.New(rand.NewPCG(seed, 15))
		var r Record
		fl := filler{rng: rng, t: t, set: map[string]bool{}, text: s}
		fl.fill(reflect.ValueOf(&r).Elem(), "Record")
		sameAsMarshal(t, 0, &r)
	})
}

// The JSON of a saved-looking record, and of a record with no answers,
// each as Marshal writes it.
func TestAppendJSONOfARecordAsSaved(t *testing.T) {
	r := Record{
		ID:        MustParseID("019a1b2c-3d4e-7f00-8a00-0123456789ab"),
		Patient:   PatientID{Kind: NHSNumber, Value: "9434765919"},
		Clinician: "Sister A. Okafor",
		Time:      time.Date(2026, 11, 21, 9, 30, 0, 123000000, time.UTC),
		Status:    Completed,
	}
	sameAsMarshal(t, 0, &r)
	r.Answers = map[string][]string{"access.device": {"smartphone", "laptop"}, "a": nil, "b": {}}
	r.Team = "Ward 7 (Elderly care) <Older people> & co"
	sameAsMarshal(t, 1, &r)
}

func sameAsMarshal(t *testing.T, n int, r *Record) {
	t.Helper()
	want, werr := json.Marshal(r)
	got, gerr := AppendJSON([]byte("kept"), r)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("record %d: Marshal's error %v, AppendJSON's %v\n%#v", n, werr, gerr, r)
	}
	if werr != nil {
		if string(got) != "kept" {
			t.Fatalf("record %d: AppendJSON failed and left %q, not what it was given", n, got)
		}
		return
	}
	if !bytes.HasPrefix(got, []byte("kept")) {
		t.Fatalf("record %d: AppendJSON did not append to what it was given: %q", n, got)
	}
	if got = got[len("kept"):]; !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("record %d: AppendJSON differs from Marshal at byte %d:\n got %s\nwant %s", n, i, clip(got, i), clip(want, i))
	}
}

func clip(b []byte, i int) string {
	lo, hi := max(0, i-80), min(len(b), i+80)
	return string(b[lo:hi])
}

// filler fills a value at random, field by field, by reflection.
type filler struct {
	rng  *rand.Rand
	t    testing.TB
	set  map[string]bool
	text string // a string every string may be, besides those below
}

// texts are strings as records hold them and as they may be damaged or
// typed: HTML, quotes, control characters, U+2028, invalid UTF-8.
var texts = []string{
	"", "a", "nhs", "9434765919", "Sister A. Okafor", "completed", "nhs-app",
	"Ward 7 <Elderly> & \"care\"", "tab\there\nnewline\r\b\f", "\x00\x01\x1f\x7f",
	"line\u2028sep\u2029para", "\xff\xfe", "caf\xc3", "é ☎ 🙂 Ünïcödé", "back\\slash",
	"\xed\xa0\x80", "\xf4\x90\x80\x80", "'single' `tick` /slash/",
}

func (f *filler) str() string {
	switch f.rng.IntN(4) {
	case 0:
		if f.text != "" {
			return f.text
		}
		fallthrough
	case 1:
		b := make([]byte, f.rng.IntN(12))
		for i := range b {
			b[i] = byte(f.rng.UintN(256))
		}
		return string(b)
	}
	return texts[f.rng.IntN(len(texts))]
}

var zones = []*time.Location{
	time.UTC, time.FixedZone("BST", 3600), time.FixedZone("", -(5*3600 + 30*60)),
	time.FixedZone("odd", 7*3600+13), time.FixedZone("far", 24*3600), time.FixedZone("farwest", -25*3600),
}

func (f *filler) time() time.Time {
	if f.rng.IntN(6) == 0 {
		return time.Time{}
	}
	sec := f.rng.Int64N(4102444800) // 1970 to 2100
	if f.rng.IntN(20) == 0 {
		sec = f.rng.Int64N(1<<40) - 1<<39 // years far outside 0-9999 too
	}
	var ns int64
	switch f.rng.IntN(3) {
	case 1:
		ns = f.rng.Int64N(1000) * 1e6
	case 2:
		ns = f.rng.Int64N(1e9)
	}
	return time.Unix(sec, ns).In(zones[f.rng.IntN(len(zones))])
}

func (f *filler) fill(v reflect.Value, path string) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		v.Set(reflect.ValueOf(f.time()))
		f.mark(v, path)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			if !sf.IsExported() {
				continue
			}
			// Each field is left at its zero now and then, so that
			// omitempty and omitzero are tried both ways.
			if f.rng.IntN(5) == 0 {
				continue
			}
			f.fill(v.Field(i), path+"."+sf.Name)
		}
	case reflect.String:
		v.SetString(f.str())
	case reflect.Bool:
		v.SetBool(f.rng.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		// Bands and the like are small: mostly 0-2, now and then not.
		v.SetInt(int64(f.rng.IntN(4)) - int64(f.rng.IntN(2)*f.rng.IntN(2)))
		if f.rng.IntN(30) != 0 && v.Int() > 2 {
			v.SetInt(2)
		}
		if f.rng.IntN(30) != 0 && v.Int() < 0 {
			v.SetInt(0)
		}
	case reflect.Array:
		if f.rng.IntN(4) == 0 {
			break // the zero id
		}
		for i := range v.Len() {
			f.fill(v.Index(i), path)
		}
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(f.rng.Uint64() & (1<<(8*v.Type().Size()) - 1))
	case reflect.Slice:
		switch f.rng.IntN(4) {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			n := 1 + f.rng.IntN(4)
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				f.fill(s.Index(i), path+"[]")
			}
			v.Set(s)
		}
	case reflect.Map:
		switch f.rng.IntN(5) {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeMap(v.Type()))
		default:
			m := reflect.MakeMap(v.Type())
			for range 1 + f.rng.IntN(50) {
				k := reflect.New(v.Type().Key()).Elem()
				f.fill(k, path+"{key}")
				e := reflect.New(v.Type().Elem()).Elem()
				f.fill(e, path+"{}")
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	case reflect.Pointer:
		if f.rng.IntN(3) != 0 {
			p := reflect.New(v.Type().Elem())
			f.fill(p.Elem(), path)
			v.Set(p)
		}
	default:
		f.t.Fatalf("%s is of kind %s, which this test cannot fill: fill it here, and write it in AppendJSON", path, v.Kind())
	}
	f.mark(v, path)
}

func (f *filler) mark(v reflect.Value, path string) {
	if !v.IsZero() {
		f.set[path] = true
	}
}

// fieldPaths lists the path of every exported field reachable from t,
// as the filler names them.
func fieldPaths(t reflect.Type, path string, out *[]string) {
	if t == reflect.TypeFor[time.Time]() {
		*out = append(*out, path)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			sf := t.Field(i)
			if sf.IsExported() {
				fieldPaths(sf.Type, path+"."+sf.Name, out)
			}
		}
	case reflect.Slice:
		fieldPaths(t.Elem(), path+"[]", out)
	case reflect.Map:
		fieldPaths(t.Key(), path+"{key}", out)
		fieldPaths(t.Elem(), path+"{}", out)
	case reflect.Pointer:
		fieldPaths(t.Elem(), path, out)
	case reflect.Array:
		fieldPaths(t.Elem(), path, out)
	}
	*out = append(*out, path)
}

// plain8 passes over eight bytes only when none needs escaping: every
// byte value, at every place in a word of plain bytes, and words of
// bytes at random, as the byte-by-byte rule says.
func TestPlain8IsTheRuleForEachByte(t *testing.T) {
	plainByte := func(c byte) bool {
		return c >= ' ' && c < 0x80 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	word := func(b [8]byte) uint64 {
		var w uint64
		for i := range b {
			w |= uint64(b[i]) << (8 * i)
		}
		return w
	}
	check := func(b [8]byte) {
		want := true
		for _, c := range b {
			want = want && plainByte(c)
		}
		if got := plain8(word(b)); got != want {
			t.Fatalf("plain8(%q) = %v; want %v", b[:], got, want)
		}
	}
	for c := range 256 {
		for at := range 8 {
			b := [8]byte{'a', 'Z', ' ', '~', '0', '{', '}', 'x'}
			b[at] = byte(c)
			check(b)
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	for range 200000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(rng.UintN(256))
			if rng.IntN(2) == 0 {
				b[i] = byte(0x20 + rng.UintN(0x60)) // mostly plain
			}
		}
		check(b)
	}
}
