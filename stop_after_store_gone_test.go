package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/site"
)

// lockedBuffer is output read while the command still writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// cuedInput gives its lines one at a time; a line with a cue is given only
// once the output holds the cue's text (a question asked), after the cue's
// action has run, as a person answers what is on the screen.
type cuedInput struct {
	lines []string
	cues  map[int]cue
	out   *lockedBuffer
	next  int
	seen  int // how much of the output the cues have read
}

type cue struct {
	after string // the text to wait for, new in the output since the last cue
	do    func()
}

func (c *cuedInput) Read(p []byte) (int, error) {
	if c.next >= len(c.lines) {
		return 0, io.EOF
	}
	if k, ok := c.cues[c.next]; ok {
		deadline := time.Now().Add(time.Minute)
		for {
			s := c.out.String()
			if i := strings.Index(s[c.seen:], k.after); i >= 0 {
				c.seen += i + len(k.after)
				break
			}
			if time.Now().After(deadline) {
				return 0, io.EOF
			}
			time.Sleep(10 * time.Millisecond)
		}
		if k.do != nil {
			k.do()
		}
	}
	line := c.lines[c.next] + "\n"
	c.next++
	return copy(p, line), nil
}

// Damaged stores (H27): a store deleted, moved, emptied or replaced by a
// folder during a plain-prompts assessment. The save is refused and its
// answers kept in a file; a stop after that said "The answers given so far
// are kept as a draft for patient … Run digicheck to resume it", though no
// store, and so no draft, was left: the answers are only in the file. The
// stop says where they are.
func TestAStopAfterTheStoreWentDuringTheAssessmentSaysTheAnswersAreInTheFile(t *testing.T) {
	t.Parallel()
	gone := map[string]func(path string) error{
		"deleted": os.Remove,
		"moved":   func(p string) error { return os.Rename(p, p+".moved") },
		"emptied": func(p string) error { return os.Truncate(p, 0) },
		"replaced by a folder": func(p string) error {
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Mkdir(p, 0o700)
		},
	}
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	for how, do := range gone {
		for _, stop := range []string{"q", "end of input"} {
			t.Run(how+", "+stop, func(t *testing.T) {
				t.Parallel()
				path, _ := storeWith(t, 1)
				lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
				lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
				save := len(lines)
				lines = append(lines, "1") // save: refused, the store gone
				if stop == "q" {
					lines = append(lines, "q")
				}
				var out, errs lockedBuffer
				in := &cuedInput{lines: lines, out: &out, cues: map[int]cue{
					save: {after: "Save this assessment?", do: func() {
						if err := do(path); err != nil {
							t.Error(err)
						}
					}},
				}}
				if stop == "q" {
					in.cues[save+1] = cue{after: "Save this assessment?"}
				}
				c := (&app{settings: site.Settings{DB: path}}).newCmd()
				c.SetIn(in)
				c.SetOut(&out)
				c.SetErr(&errs)
				c.SetArgs(nil)
				c.SilenceUsage, c.SilenceErrors = true, true
				err := c.Execute()
				shown := out.String() + errs.String()
				if err == nil {
					t.Fatalf("the run ended without an error, though nothing was saved:\n%s", shown)
				}
				files, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
				if len(files) != 1 {
					t.Fatalf("%d files keep the assessment, want 1: %v\n%s", len(files), files, shown)
				}
				if !strings.Contains(shown, "Not saved:") {
					t.Fatalf("the save was not refused:\n%s", shown)
				}
				// What the run ends with: its last lines, and its error,
				// which digicheck prints last.
				flat := strings.Join(strings.Fields(out.String()+" "+err.Error()), " ")
				if strings.Contains(flat, "kept as a draft") || strings.Contains(flat, "Run digicheck to resume it") {
					t.Errorf("the stop says the answers are kept as a draft, though the store, and so any draft, is gone:\n%s", out.String())
				}
				if !strings.Contains(flat, "not saved in the store") || !strings.Contains(flat, "kept in the file") {
					t.Errorf("the stop does not say the answers are kept in the file:\n%s", out.String())
				}
				if _, err := os.Stat(path); how == "deleted" && err == nil {
					t.Errorf("the stop made a store where the deleted one was")
				}
				if testing.Verbose() {
					t.Log(out.String())
				}
			})
		}
	}
}
