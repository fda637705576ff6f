package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// twoVersionsInConflict is two version 2 assessments of one patient, as
// two machines might each have made a version of one assessment, saved in
// a store at path and read back from it as show reads them. Here (mine):
// an interpreter and Easy Read needed, ticked in that order (not the
// order the question offers them), the interpreter's language "another
// language", typed as Tigrinya; large print not needed, so its print size
// never asked. The server's version (theirs): large print at 20 point, no
// interpreter, so the language questions never asked.
func twoVersionsInConflict(t *testing.T) (path string, mine, theirs record.Record) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mine = testkit.AssessedV2(t, testkit.Interpreter(questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedInterpreter, questionnaire.NeedEasyRead},
		questionnaire.LinkLanguage:  {"Tigrinya"},
	}))
	theirs = testkit.AssessedV2(t, testkit.Interpreter(questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedLargePrint},
		questionnaire.LinkLanguage:  nil,
	}))
	theirs.Clinician = "Sister Okafor"
	for _, r := range []*record.Record{&mine, &theirs} {
		if err := st.Save(r); err != nil {
			t.Fatal(err)
		}
		if *r, err = st.Get(r.ID); err != nil {
			t.Fatal(err)
		}
	}
	return path, mine, theirs
}

// shownAnswers is each question's answer as digicheck show prints record
// id: the line under the question in its Answers.
func shownAnswers(t *testing.T, path string, id record.ID) map[string]string {
	t.Helper()
	out, errs, err := runStoreCmd(t, path, (*app).showCmd, id.String())
	if err != nil {
		t.Fatalf("show %s: %v\n%s", id, err, errs)
	}
	_, answers, ok := strings.Cut(out, "\nAnswers\n")
	if !ok {
		t.Fatalf("show prints no Answers:\n%s", out)
	}
	answers, _, _ = strings.Cut(answers, "\n\n")
	got := map[string]string{}
	q := ""
	for _, l := range strings.Split(answers, "\n") {
		switch {
		case strings.HasPrefix(l, "    "):
			got[q] = strings.TrimPrefix(l, "    ")
		case strings.HasPrefix(l, "  "):
			q = strings.TrimPrefix(l, "  ")
		}
	}
	return got
}

// conflictAnswers is each field the conflicts view lists as differing
// (push --conflicts, by writeDiffs), with what it says for the version
// held here and the server's.
func conflictAnswers(t *testing.T, mine, theirs record.Record) (here, server map[string]string, view string) {
	t.Helper()
	var b bytes.Buffer
	writeDiffs(&b, mine, theirs)
	here, server = map[string]string{}, map[string]string{}
	field := ""
	var last map[string]string // the version a wrapped line goes on
	for _, l := range strings.Split(b.String(), "\n") {
		switch {
		case strings.HasPrefix(l, "    here:   "):
			here[field], last = strings.TrimPrefix(l, "    here:   "), here
		case strings.HasPrefix(l, "    server: "):
			server[field], last = strings.TrimPrefix(l, "    server: "), server
		case strings.HasPrefix(l, "            ") && last != nil:
			last[field] += " " + strings.TrimSpace(l)
		case strings.HasPrefix(l, "    ") && last == nil:
			field += " " + strings.TrimSpace(l) // a question wrapped
		case strings.HasPrefix(l, "  "):
			field, last = strings.TrimPrefix(l, "  "), nil
		}
	}
	return here, server, b.String()
}

// TestPushConflictSaysAnUnaskedQuestionAndATickedListAsShowDoes: the
// conflicts view of push worded a record's answers with code of its own:
// a question the record never asked read "(not answered)" where show, the
// review and the plain prompts say "Not asked", and a list of choices read
// in the order ticked ("A spoken-language interpreter; Easy read") where
// show lists them in the order the question offers them ("Easy read; A
// spoken-language interpreter"). A clinician settling a conflict saw one
// answer in two wordings. The view words them as show does.
func TestPushConflictSaysAnUnaskedQuestionAndATickedListAsShowDoes(t *testing.T) {
	t.Parallel()
	path, mine, theirs := twoVersionsInConflict(t)
	shown := shownAnswers(t, path, mine.ID)
	here, _, view := conflictAnswers(t, mine, theirs)
	for _, link := range []string{questionnaire.LinkPrintSize, questionnaire.LinkCommNeeds} {
		it, _ := questionnaire.V2.Item(link)
		want, ok := shown[it.Text]
		if !ok {
			t.Fatalf("show prints no answer to %q", it.Text)
		}
		if got, ok := here[it.Text]; !ok {
			t.Errorf("the conflicts view does not list %q:\n%s", it.Text, view)
		} else if got != want {
			t.Errorf("%q: the conflicts view says %q for the version held here, show says %q:\n%s", it.Text, got, want, view)
		}
	}
}

// TestPushConflictReadsEveryKindOfAnswerAsShowReadsIt: each answer that
// differs between the two versions in conflict reads in the conflicts
// view, for either version, word for word as show prints it for that
// version: a conditional question one version never asked, a list of
// choices, a language typed, and "another language" chosen.
func TestPushConflictReadsEveryKindOfAnswerAsShowReadsIt(t *testing.T) {
	t.Parallel()
	path, mine, theirs := twoVersionsInConflict(t)
	here, server, view := conflictAnswers(t, mine, theirs)
	showMine, showTheirs := shownAnswers(t, path, mine.ID), shownAnswers(t, path, theirs.ID)
	listed := map[string]bool{}
	for _, it := range questionnaire.V2.Items() {
		h, ok := here[it.Text]
		if !ok {
			if len(mine.Answers[it.LinkID]) > 0 && !sameAnswer(mine, theirs, it.LinkID) {
				t.Errorf("the conflicts view does not list %q, answered differently:\n%s", it.Text, view)
			}
			continue
		}
		listed[it.LinkID] = true
		if h != showMine[it.Text] {
			t.Errorf("%q: the conflicts view says %q for the version held here, show says %q", it.Text, h, showMine[it.Text])
		}
		if s := server[it.Text]; s != showTheirs[it.Text] {
			t.Errorf("%q: the conflicts view says %q for the server's version, show says %q", it.Text, s, showTheirs[it.Text])
		}
	}
	// Each kind of answer was compared, with the words a clinician reads.
	for _, c := range []struct {
		kind, link string
		mine       string
	}{
		{"a conditional question not asked", questionnaire.LinkPrintSize, questionnaire.NotAsked},
		{"a list of choices", questionnaire.LinkCommNeeds, "Easy read; A spoken-language interpreter"},
		{"a language typed", questionnaire.LinkLanguageOther, "Tigrinya"},
		{"another language chosen", questionnaire.LinkLanguageCode, "Another language"},
	} {
		it, _ := questionnaire.V2.Item(c.link)
		if !listed[c.link] {
			t.Errorf("%s (%s): not listed as differing:\n%s", c.kind, it.Text, view)
		} else if here[it.Text] != c.mine {
			t.Errorf("%s (%s): the version held here reads %q, want %q", c.kind, it.Text, here[it.Text], c.mine)
		}
	}
	if it, _ := questionnaire.V2.Item(questionnaire.LinkLanguageCode); server[it.Text] != questionnaire.NotAsked {
		t.Errorf("the server's version, never asked %q, reads %q, want %q", it.Text, server[it.Text], questionnaire.NotAsked)
	}
}

func sameAnswer(a, b record.Record, link string) bool {
	x, y := a.Answers[link], b.Answers[link]
	if len(x) != len(y) {
		return false
	}
	for _, v := range x {
		if !slices.Contains(y, v) {
			return false
		}
	}
	return true
}

// TestPushConflictListsAnswersThatDifferPastWhatItShows: the conflicts
// view cut each version's answer to 60 characters, and compared the cut
// words: two lists of choices alike in their first 60 characters (the
// version held here adding a screen reader after four other needs) read
// as the same answer, and the question was left out of what differs. The
// whole answers are compared, and shown whole ("U…" hid from the
// clinician settling it which tasks the patient could do, on a terminal
// of 200 columns or piped), wrapped at words within the width.
func TestPushConflictListsAnswersThatDifferPastWhatItShows(t *testing.T) {
	t.Parallel()
	_, mine, theirs := twoVersionsInConflict(t)
	needs := []string{questionnaire.NeedLargePrint, questionnaire.NeedEasyRead, questionnaire.NeedVerbal, questionnaire.NeedInterpreter}
	theirs.Answers = mine.Answers.Clone()
	theirs.Answers[questionnaire.LinkCommNeeds] = needs
	mine.Answers[questionnaire.LinkCommNeeds] = append(slices.Clone(needs), questionnaire.NeedScreenRead)
	it, _ := questionnaire.V2.Item(questionnaire.LinkCommNeeds)
	if n := len([]rune(it.AnswerText(needs))); n <= 60 {
		t.Fatalf("the answer alike in both is %d characters, not past the 60 shown", n)
	}
	here, server, view := conflictAnswers(t, mine, theirs)
	h, ok := here[it.Text]
	if !ok {
		t.Fatalf("the conflicts view leaves out %q, which differs:\n%s", it.Text, view)
	}
	if h != it.AnswerText(mine.Answers[questionnaire.LinkCommNeeds]) || server[it.Text] != it.AnswerText(needs) || strings.Contains(view, "…") {
		t.Errorf("the conflicts view does not give the answers whole: %q, %q\n%s", h, server[it.Text], view)
	}
	narrowLines(t, "the conflicts view", view)
}
