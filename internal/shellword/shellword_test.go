package shellword

import (
	"os/exec"
	"testing"
)

func TestAPOSIXWordIsReadBackAsItWasByAShell(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/wards/ward9.db", "/wards/ward9.db"},
		{"C:/digicheck/d.db", "C:/digicheck/d.db"},
		{"a:b=d@e+f", "a:b=d@e+f"},
		{"50%,x", "'50%,x'"},
		{"", "''"},
		{"/tmp/ward 9/d.db", "'/tmp/ward 9/d.db'"},
		{"it's", `'it'\''s'`},
		{"$HOME;rm -rf x", "'$HOME;rm -rf x'"},
		{"a\nb", "'a\nb'"},
	}
	sh, err := exec.LookPath("sh")
	for _, c := range cases {
		got := forSystem("linux", c.in)
		if got != c.want {
			t.Errorf("Word(%q) = %q, want %q", c.in, got, c.want)
		}
		if err != nil {
			continue
		}
		out, err := exec.Command(sh, "-c", "printf %s "+got).Output()
		if err != nil || string(out) != c.in {
			t.Errorf("sh read %q back as %q (%v), want %q", got, out, err, c.in)
		}
	}
}
