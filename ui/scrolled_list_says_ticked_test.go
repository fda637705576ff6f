package ui

import (
	"fmt"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// contactNeedsField is "must we contact you in a certain way?", the
// choose-all list of contact needs, with ticked ticked and the cursor on
// cursor.
func contactNeedsField(t *testing.T, ticked []string, cursor int) *field {
	t.Helper()
	it, ok := questionnaire.V2.Item(questionnaire.LinkContactNeeds)
	if !ok {
		t.Fatal("no contact needs question")
	}
	var opts []fieldOption
	for _, o := range it.Options {
		opts = append(opts, fieldOption{o.Text, o.Code})
	}
	f := newMulti(it.Text, it.Hint, opts, ticked, nil)
	f.cursor = cursor
	return f
}

// TestAScrolledListSaysATickedAnswerIsHidden: at 60x20 the list of
// contact needs scrolled with its only tick ("Through my carer") below
// the rows shown, and "↓ 3 more" did not say one of them was ticked: the
// clinician read the need as not given. A line that says answers are
// hidden now says how many of them are ticked, above and below, whatever
// the room the list has, and says nothing of ticks when none is hidden.
func TestAScrolledListSaysATickedAnswerIsHidden(t *testing.T) {
	t.Parallel()
	st := newStyles(themeFor(true))
	it, _ := questionnaire.V2.Item(questionnaire.LinkContactNeeds)
	scrolled := 0
	for _, w := range []int{minWidth, 80} {
		for h := 5; h <= 16; h++ {
			for tick := range it.Options {
				for cursor := range it.Options {
					f := contactNeedsField(t, []string{it.Options[tick].Code}, cursor)
					lines := strings.Split(plain(f.render(st, w, h)), "\n")
					if len(lines) > h {
						t.Fatalf("%dx%d: %d lines", w, h, len(lines))
					}
					first, last, up, down := -1, -1, "", ""
					for _, l := range lines {
						switch {
						case strings.HasPrefix(strings.TrimSpace(l), "↑"):
							up = l
						case strings.HasPrefix(strings.TrimSpace(l), "↓"):
							down = l
						}
						for i, o := range it.Options {
							row := strings.HasSuffix(strings.TrimRight(l, " "), "] "+o.Text)
							if row && (first < 0 || i < first) {
								first = i
							}
							if row && i > last {
								last = i
							}
						}
					}
					if up == "" && down == "" {
						continue
					}
					scrolled++
					at := fmt.Sprintf("%d wide, %d high, tick on %d, cursor on %d", w, h, tick, cursor)
					switch {
					case tick < first && !strings.Contains(up, "1 ticked"):
						t.Errorf("%s: the tick is hidden above, and the line above says %q", at, up)
					case tick > last && !strings.Contains(down, "1 ticked"):
						t.Errorf("%s: the tick is hidden below, and the line below says %q", at, down)
					case tick >= first && tick <= last && strings.Contains(up+down, "ticked"):
						t.Errorf("%s: the tick is in view, and the lines say %q, %q", at, up, down)
					}
				}
			}
		}
	}
	if scrolled == 0 {
		t.Fatal("the list never scrolled")
	}
}
