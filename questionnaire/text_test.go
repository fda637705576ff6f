package questionnaire

import (
	"bytes"
	"strings"
	"testing"
)

// hostile holds text that would change what a terminal shows if printed
// raw, each with what a reader should see instead.
var hostile = []struct {
	name, in, shown string
}{
	{"colour", "Ward \x1b[31m7", `Ward \x1b[31m7`},
	{"clipboard write (OSC 52)", "A\x1b]52;c;ZXZpbA==\x07B", `A\x1b]52;c;ZXZpbA==\x07B`},
	{"screen clear", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
	{"C1 CSI", "x\u009b31my", `x\x9b31my`},
	{"DEL", "a\x7fb", `a\x7fb`},
	{"NUL", "a\x00b", `a\x00b`},
	{"carriage return over the line", "Dr Good\rDr Evil", `Dr Good\x0dDr Evil`},
	{"tab", "a\tb", `a\x09b`},
	{"line break", "wrong patient\nContact by: Letter", `wrong patient\x0aContact by: Letter`},
	{"right-to-left override", "Ann \u202eevoli", `Ann \u202eevoli`},
	{"isolate", "a\u2066b\u2069", `a\u2066b\u2069`},
	{"line separator", "a\u2028b", `a\u2028b`},
}

func TestCheckTextRefusesControlsWithAReason(t *testing.T) {
	for _, c := range hostile {
		err := CheckText(c.in)
		if err == nil {
			t.Errorf("%s: %q accepted", c.name, c.in)
			continue
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return unprintable(r) }) {
			t.Errorf("%s: the reason itself holds a control character: %q", c.name, err)
		}
		if !strings.Contains(err.Error(), "character ") {
			t.Errorf("%s: the reason does not say which character: %q", c.name, err)
		}
	}
	if err := CheckText("a\xffb"); err == nil {
		t.Error("bytes that are not UTF-8 accepted")
	}
}

func TestCheckTextAcceptsNamesInAnyScript(t *testing.T) {
	for _, s := range []string{"", "Dr Zoë O'Brien-Smith", "Ward 7 (Elderly care)", "Polski", "العربية", "粵語", "Nguyễn", "emoji 🙂", "U+FFFD \uFFFD"} {
		if err := CheckText(s); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
	}
}

func TestPrintableShowsWhatWasThereAndLeavesTextAlone(t *testing.T) {
	for _, c := range hostile {
		if got := Printable(c.in); got != c.shown {
			t.Errorf("%s: Printable(%q) = %q, want %q", c.name, c.in, got, c.shown)
		}
		if err := CheckText(Printable(c.in)); err != nil {
			t.Errorf("%s: Printable's output is still refused: %v", c.name, err)
		}
	}
	if got := Printable("a\xffb"); got != "a\uFFFDb" {
		t.Errorf("invalid UTF-8 printed as %q", got)
	}
	for _, s := range []string{"Dr Zoë O'Brien", "العربية", "plain"} {
		if got := Printable(s); got != s {
			t.Errorf("Printable(%q) = %q: clean text must not change", s, got)
		}
	}
}

func TestPrintableLinesKeepsLineEndsOnly(t *testing.T) {
	in := "title\r\nrow \x1b[31mred\r\nlast\rover\n"
	want := "title\r\nrow \\x1b[31mred\r\nlast\\x0dover\n"
	if got := PrintableLines(in); got != want {
		t.Errorf("PrintableLines(%q) = %q, want %q", in, got, want)
	}
}

// TestPrintableWriterHoldsSplitRunes: a summary is written in pieces, and
// a C1 control or a bidi override split between two writes must still be
// caught, while text split the same way passes unchanged.
func TestPrintableWriterHoldsSplitRunes(t *testing.T) {
	in := "Zoë\r\n\u009b2J \u202eevil\x1b[0m\r\nend"
	want := PrintableLines(in)
	for cut := 0; cut <= len(in); cut++ {
		var out bytes.Buffer
		w := NewPrintableWriter(&out)
		for _, part := range []string{in[:cut], in[cut:]} {
			if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
				t.Fatalf("cut %d: Write = %d, %v", cut, n, err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("cut at byte %d: wrote %q, want %q", cut, out.String(), want)
		}
	}
}

func TestTextAnswersRefuseControlCharacters(t *testing.T) {
	it, ok := V1.Item(LinkLanguage)
	if !ok {
		t.Fatal("no interpreter language item")
	}
	for _, c := range hostile {
		if err := V1.ValidateItem(it, []string{c.in}); err == nil {
			t.Errorf("%s: interpreter language %q accepted", c.name, c.in)
		}
	}
	if err := V1.ValidateItem(it, []string{"Polish"}); err != nil {
		t.Errorf("a plain language refused: %v", err)
	}
}
