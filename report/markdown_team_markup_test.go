package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestMarkdownShowsATeamsNameAsTypedNotAsMarkup: the Markdown summary, the
// format for a board paper, escaped only "|" in a team's name, so a team
// typed as "*Ward* _7_ [x](http://e.vil)" rendered in italics with a live
// link, and "<b>Ward</b>" in bold. Its markup characters are now escaped
// wherever the name is written, in the tables and in the notes, and so
// render as typed.
func TestMarkdownShowsATeamsNameAsTypedNotAsMarkup(t *testing.T) {
	const team = "*Ward* _7_ [x](http://e.vil) <b>B</b> `c`"
	next := 0
	rs := bulk(t, &next, 3, fixture{day: "2026-01-05", team: team})
	rs = append(rs, bulk(t, &next, 40, fixture{day: "2026-01-06", team: "Ward 8"})...)
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	var b bytes.Buffer
	if err := s.WriteMarkdown(&b, names); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, `\*Ward\* \_7\_ \[x\](http://e.vil) \<b>B\</b> \`+"`c\\`") {
		t.Errorf("the team's name is not written escaped:\n%s", out)
	}
	for _, raw := range []string{"*Ward*", "_7_", "[x](", " <b>", "`c`"} {
		if i := strings.Index(out, raw); i >= 0 {
			t.Errorf("the Markdown holds %q as markup: ...%s...", raw, out[max(0, i-80):min(len(out), i+80)])
		}
	}
}
