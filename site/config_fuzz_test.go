package site

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParseConfig: the site configuration is outside input. Whatever it
// holds, ParseConfig must not panic, and it either refuses the file with
// Problems at lines in it and returns nothing, or returns a configuration
// whose disclosure control is at least the default (its smallest count
// shown no smaller, its max_suppressed 7 or a multiple of round_to) and
// whose paths are absolute.
//
//	go test -run x -fuzz FuzzParseConfig -fuzztime 60s ./site/
func FuzzParseConfig(f *testing.F) {
	seedFiles(f, "config.toml",
		"site_name = \"x\"\n[disclosure]\nmax_suppressed = 3\nround_to = 1\n",
		"[disclosure]\nmax_suppressed = 10\nround_to = 10\n", "[disclosure]\nround_to = 8\n", "[disclosure]\nmax_suppressed = 9\n",
		"disclosure = { round_to = 9, max_suppressed = 12 }\n",
		"db = \"../store.db\"\nprogrammes = \"p.toml\"\npseudonym_key_file = \"/k\"\n",
		"team = 7\n", "[disclosure]\nround_to = \"5\"\n", "colour = true\n", "db = \"\x00\"\n", "[[disclosure]]\n",
	)
	dir, err := filepath.Abs(os.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		c, err := ParseConfig("config.toml", doc, dir)
		if err != nil {
			checkProblems(t, "config.toml", doc, err)
			if !reflect.DeepEqual(c, Config{}) {
				t.Fatalf("a refused file returned a configuration: %+v", c)
			}
			return
		}
		if c.Disclosure.MaxSuppressed < DefaultDisclosure.MaxSuppressed || c.Disclosure.RoundTo < DefaultDisclosure.RoundTo {
			t.Fatalf("disclosure control looser than the default accepted: %+v", c.Disclosure)
		}
		if d := c.Disclosure; SmallestShown(d.MaxSuppressed, d.RoundTo) < SmallestShown(DefaultDisclosure.MaxSuppressed, DefaultDisclosure.RoundTo) ||
			d.MaxSuppressed != DefaultDisclosure.MaxSuppressed && d.MaxSuppressed%d.RoundTo != 0 {
			t.Fatalf("disclosure control that shows a count below the default's smallest, or whose max_suppressed does nothing, accepted: %+v", d)
		}
		for _, p := range []string{c.DB, c.Programmes, c.PseudonymKeyFile} {
			if p != "" && !filepath.IsAbs(p) {
				t.Fatalf("path %q not made absolute", p)
			}
		}
	})
}
