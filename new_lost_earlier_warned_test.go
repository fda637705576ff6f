package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"digicheck/site"

	bolt "go.etcd.io/bbolt"
)

// A store not yet checked lost a page of its records, among them an
// earlier assessment of the patient. history and followup said so; a new
// assessment of the patient went straight to the first question as if
// they had never been assessed (the full screen warned only after the
// first section, when its draft was refused), and a new baseline was
// taken for a patient assessed an hour before. Before the first question
// the patient's earlier assessments are read as history reads them, and
// what cannot be read is said: they may be missing, run check.
//
// The patient whose other records were read was assessed before, for
// certain: "may have been assessed before though none is shown" read as
// a patient perhaps never seen, and a new baseline was taken where a
// follow-up was due. Said so, with how many records were read and how
// many could not be, the history to look at, and the follow-up that was
// due, each command carrying this run's --db and --config. followup is
// refused while the latest is in doubt, so the warning never tells the
// clinician to follow the latest up now: it says a follow-up was due and
// that none can be made until the store is restored.
func TestANewAssessmentWarnsBeforeTheFirstQuestionThatLostEarlierAssessmentsMayBeMissing(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 30) // every one of patient 943 476 5919
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var first string
	err = db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket([]byte("records")).Cursor().First()
		first = string(k)
		return nil
	})
	db.Close()
	if err != nil || first == "" {
		t.Fatalf("no record in the store: %v", err)
	}
	zeroLeafHolding(t, path, first)
	a := &app{settings: site.Settings{DB: path}}
	a.given = " --db " + path + " --config /wards/cfg.toml"
	stdout, errs, _ := execute(a, (*app).newCmd, strings.Join(append(pipedPatient, pipedAccess...), "\n")+"\n")
	out := stdout + errs
	before, _, asked := strings.Cut(out, "Which of these can you use")
	if !asked {
		t.Fatalf("the first question was not asked:\n%s", out)
	}
	said := strings.Join(strings.Fields(before), " ")
	for _, want := range []string{
		"patient 943 476 5919 was assessed before",
		"digicheck history 9434765919" + a.given,
		"a follow-up of the latest was due, but none can be made until the store is restored",
		"digicheck check" + a.given,
	} {
		if !strings.Contains(said, want) {
			t.Errorf("before the first question, %q is not said:\n%s", want, before)
		}
	}
	if strings.Contains(said, "follow the latest up") {
		t.Errorf("the clinician is told to follow up, which followup refuses on this store:\n%s", before)
	}
	if strings.Contains(said, "may have been assessed before") {
		t.Errorf("a patient whose earlier records were read is said perhaps never assessed:\n%s", before)
	}
	// Every one of the 30 is counted once: read, or not read.
	m := regexp.MustCompile(`read (\d+) of their records, and could not read (\d+)`).FindStringSubmatch(said)
	if m == nil {
		t.Fatalf("how many records were read and how many not is not said:\n%s", before)
	}
	read, lost := atoi(t, m[1]), atoi(t, m[2])
	if read == 0 || lost == 0 || read+lost != 30 {
		t.Errorf("records read %d and not read %d, of the patient's 30 (one page lost):\n%s", read, lost, before)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
