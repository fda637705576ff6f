package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// dueStore is a store of one assessment per patient, each saved at the
// given time with the given review-by date ("" for a record saved before
// review dates were kept), for the team given.
type duePatient struct {
	local  string // local hospital number
	team   string
	at     time.Time
	review string
}

func dueStore(t *testing.T, ps []duePatient) (string, *store.Store, map[string]record.Record) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	saved := map[string]record.Record{}
	for _, p := range ps {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Patient = record.PatientID{Kind: record.LocalID, Value: p.local}
		r.Team, r.Time, r.ReviewBy = p.team, p.at, p.review
		if err := st.Save(&r); err != nil {
			t.Fatalf("save %s: %v", p.local, err)
		}
		saved[p.local] = r
	}
	return path, st, saved
}

func dueIn(days int) string { return time.Now().AddDate(0, 0, days).Format(record.ReviewDateLayout) }

// TestDueListsReviewsTodayAndPast: a review due today or past is listed,
// the most overdue first; one due tomorrow only with --within 1 or more;
// a record with no review date is due twelve months after it.
func TestDueListsReviewsTodayAndPast(t *testing.T) {
	t.Parallel()
	now := time.Now()
	path, _, _ := dueStore(t, []duePatient{
		{"TOMORROW", "Ward 7", now.AddDate(-1, 0, 0), dueIn(1)},
		{"TODAY", "Ward 7", now.AddDate(-1, 0, 0), dueIn(0)},
		{"PAST", "Ward 7", now.AddDate(-2, 0, 0), dueIn(-30)},
		{"YESTERDAY", "Ward 7", now.AddDate(-1, 0, 0), dueIn(-1)},
		{"NEXTYEAR", "Ward 7", now, dueIn(365)},
		// Saved before review dates: due a year and a day ago, and in a day.
		{"OLDV1", "Ward 7", now.AddDate(-1, 0, -1), ""},
		{"RECENTV1", "Ward 7", now.AddDate(-1, 0, 1), ""},
	})
	cases := []struct {
		args []string
		want []string
	}{
		{nil, []string{"PAST", "OLDV1", "YESTERDAY", "TODAY"}},
		{[]string{"--within", "0"}, []string{"PAST", "OLDV1", "YESTERDAY", "TODAY"}},
		{[]string{"--within", "1"}, []string{"PAST", "OLDV1", "YESTERDAY", "TODAY", "RECENTV1", "TOMORROW"}},
		{[]string{"--within", "366"}, []string{"PAST", "OLDV1", "YESTERDAY", "TODAY", "RECENTV1", "TOMORROW", "NEXTYEAR"}},
	}
	for _, tc := range cases {
		out, _, err := runStoreCmd(t, path, (*app).dueCmd, tc.args...)
		if err != nil {
			t.Fatalf("due %v: %v", tc.args, err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if !strings.HasPrefix(lines[0], "REVIEW BY") {
			t.Fatalf("due %v: no header:\n%s", tc.args, out)
		}
		var got []string
		for _, l := range lines[1:] {
			got = append(got, strings.Fields(l)[fieldOf(l)])
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("due %v lists %v, want %v:\n%s", tc.args, got, tc.want, out)
		}
	}
	out, errOut, _ := runStoreCmd(t, path, (*app).dueCmd)
	for _, w := range []string{"today", "1 day ago", "30 days ago", dueIn(-1) + "*"} {
		if !strings.Contains(out, w) {
			t.Errorf("due does not say %q:\n%s", w, out)
		}
	}
	if !strings.Contains(errOut, "* saved before review dates were kept") {
		t.Errorf("the * is not explained on standard error: %q", errOut)
	}
}

// fieldOf is the index of the patient among a due line's fields: after the
// date and the words of "DUE" ("today", "1 day ago", "in 3 days").
func fieldOf(line string) int {
	f := strings.Fields(line)
	switch f[1] {
	case "today", "tomorrow":
		return 2
	case "in":
		return 4
	}
	return 4 // "N days ago" or "1 day ago"
}

// TestDueCountsOnlyTheLatestCurrentAssessment: an amended assessment is
// replaced by its amendment, one entered in error is left out, an earlier
// assessment of a patient assessed since does not count.
func TestDueCountsOnlyTheLatestCurrentAssessment(t *testing.T) {
	t.Parallel()
	now := time.Now()
	path, st, saved := dueStore(t, []duePatient{
		{"AMENDED", "Ward 7", now.AddDate(-1, 0, -5), dueIn(-5)},
		{"VOIDED", "Ward 7", now.AddDate(-1, 0, -5), dueIn(-5)},
		{"REASSESSED", "Ward 7", now.AddDate(-1, 0, -5), dueIn(-5)},
		{"VOIDEDLATER", "Ward 7", now.AddDate(-1, 0, -9), dueIn(-9)},
		{"VOIDEDLATER", "Ward 7", now.AddDate(-1, 0, -3), dueIn(-3)},
	})
	// The amendment is saved today with a review a year on.
	am := saved["AMENDED"]
	am.Amends, am.ID, am.Time, am.ReviewBy = am.ID, record.ID{}, time.Time{}, dueIn(365)
	if err := st.Amend(&am); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Void(saved["VOIDED"].ID, store.Voiding{Reason: "wrong patient", Clinician: "R Patel"}); err != nil {
		t.Fatal(err)
	}
	re := testkit.Assessed(t, testkit.Offline(nil))
	re.Patient, re.Team, re.Time, re.ReviewBy = saved["REASSESSED"].Patient, "Ward 7", now, dueIn(365)
	if err := st.Save(&re); err != nil {
		t.Fatal(err)
	}
	// The later of two assessments voided: the earlier one counts again.
	if _, err := st.Void(saved["VOIDEDLATER"].ID, store.Voiding{Reason: "typed twice", Clinician: "R Patel"}); err != nil {
		t.Fatal(err)
	}
	out, _, err := runStoreCmd(t, path, (*app).dueCmd)
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"AMENDED", "VOIDED ", "REASSESSED"} {
		if strings.Contains(out, gone) {
			t.Errorf("%s is listed:\n%s", strings.TrimSpace(gone), out)
		}
	}
	if !strings.Contains(out, "VOIDEDLATER") || !strings.Contains(out, dueIn(-9)) {
		t.Errorf("the earlier assessment of a patient whose later one was voided is not listed as due %s:\n%s", dueIn(-9), out)
	}
}

// TestDueByTeamAndAsCSV: --team lists that team's patients only; --format
// csv has a header and one row a patient with the record's full id.
func TestDueByTeamAndAsCSV(t *testing.T) {
	t.Parallel()
	now := time.Now()
	path, _, saved := dueStore(t, []duePatient{
		{"WARD7", "Ward 7", now.AddDate(-1, 0, -1), dueIn(-1)},
		{"DISTRICT", "District nurses", now.AddDate(-1, 0, -2), dueIn(-2)},
		{"NOTEAM", "", now.AddDate(-1, 0, -3), dueIn(-3)},
	})
	out, _, err := runStoreCmd(t, path, (*app).dueCmd, "--team", "District nurses")
	if err != nil || !strings.Contains(out, "DISTRICT") || strings.Contains(out, "WARD7") || strings.Contains(out, "NOTEAM") {
		t.Errorf("--team: %v\n%s", err, out)
	}
	out, _, err = runStoreCmd(t, path, (*app).dueCmd, "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "review_by" || rows[0][8] != "record_id" {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	if rows[1][3] != "NOTEAM" || rows[1][1] != "-3" || rows[1][8] != saved["NOTEAM"].ID.String() || rows[3][3] != "WARD7" {
		t.Errorf("csv rows: %v", rows[1:])
	}
	for _, bad := range [][]string{{"--within", "-1"}, {"--format", "json"}, {"--team", "Ward\x1b[2J"}} {
		if _, _, err := runStoreCmd(t, path, (*app).dueCmd, bad...); err == nil {
			t.Errorf("due %q accepted", bad)
		}
	}
}

// TestDueWithNothingDueSaysSo on standard error, leaving standard output
// empty for a pipe.
func TestDueWithNothingDueSaysSo(t *testing.T) {
	t.Parallel()
	path, _, _ := dueStore(t, []duePatient{{"LATER", "Ward 7", time.Now(), dueIn(30)}})
	out, errOut, err := runStoreCmd(t, path, (*app).dueCmd)
	if err != nil || out != "" || !strings.Contains(errOut, "No patient's review is due") {
		t.Errorf("nothing due: %v, out %q, err %q", err, out, errOut)
	}
}

// TestNewAssessmentIsSavedWithTheSiteReviewPeriod: an assessment saved
// through the plain prompts carries a review-by date the site's
// review_months after the day it was saved, and its note says so.
func TestNewAssessmentIsSavedWithTheSiteReviewPeriod(t *testing.T) {
	t.Parallel()
	for _, months := range []int{0, 6} { // 0: the site sets none
		path, _ := storeWith(t, 0)
		a := testkit.Included(questionnaire.Answers{questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)}})
		res, err := questionnaire.V1.Assess(a, questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
		lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
		lines = append(lines, "1", "2") // save; no other assessment
		cfg := site.Config{ReviewMonths: months}
		out, errs, err := execute(&app{settings: site.Settings{DB: path, Config: cfg}}, (*app).newCmd, strings.Join(lines, "\n")+"\n")
		if err != nil {
			t.Fatalf("assessment: %v\n%s%s", err, out, errs)
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.Latest(record.PatientID{Kind: record.NHSNumber, Value: "9434765919"})
		if err != nil {
			t.Fatal(err)
		}
		want := record.ReviewDate(time.Now(), cfg.ReviewPeriod())
		if r.ReviewBy != want {
			t.Errorf("review_months %d: saved with review by %q, want %s", months, r.ReviewBy, want)
		}
		if !strings.Contains(out, "Review communication needs by: "+want) {
			t.Errorf("review_months %d: the note printed does not give the review date %s:\n%s", months, want, out)
		}
	}
}

// TestDueTakesTheFollowUpOverAnAmendedBaseline: a baseline, a follow-up
// made since, then the baseline amended today: the follow-up is still the
// patient's latest assessment (the amendment keeps its baseline's time),
// so its review date is the one listed, and the amended baseline's is not.
func TestDueTakesTheFollowUpOverAnAmendedBaseline(t *testing.T) {
	t.Parallel()
	now := time.Now()
	path, st, saved := dueStore(t, []duePatient{{"FOLLOWED", "Ward 7", now.AddDate(0, -2, 0), dueIn(300)}})
	base := saved["FOLLOWED"]
	fu := testkit.Assessed(t, testkit.Offline(nil))
	fu.Patient, fu.Team, fu.Time, fu.ReviewBy, fu.FollowsUp = base.Patient, "Ward 7", now.AddDate(0, 0, -1), dueIn(31), base.ID
	if err := st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	am := base
	am.Amends, am.ID, am.Time, am.ReviewBy = base.ID, record.ID{}, time.Time{}, dueIn(365)
	if err := st.Amend(&am); err != nil {
		t.Fatal(err)
	}
	out, _, err := runStoreCmd(t, path, (*app).dueCmd, "--within", "400", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("want one patient listed: %v\n%s", err, out)
	}
	if rows[1][0] != dueIn(31) || rows[1][8] != fu.ID.String() {
		t.Errorf("due lists review by %s from record %s, want the follow-up's %s from %s", rows[1][0], rows[1][8], dueIn(31), fu.ID)
	}
}

// TestDueTeamIsMatchedInAnyCaseAndAnUnknownTeamRefused: "ward 7" finds
// Ward 7's patients; a team no record has is an error naming the teams,
// never "No patient's review is due", which would falsely reassure.
func TestDueTeamIsMatchedInAnyCaseAndAnUnknownTeamRefused(t *testing.T) {
	t.Parallel()
	now := time.Now()
	path, _, _ := dueStore(t, []duePatient{
		{"WARD7", "Ward 7", now.AddDate(-1, 0, -1), dueIn(-1)},
		{"DISTRICT", "District nurses", now.AddDate(-1, 0, -2), dueIn(-2)},
	})
	out, _, err := runStoreCmd(t, path, (*app).dueCmd, "--team", "ward 7")
	if err != nil || !strings.Contains(out, "WARD7") || strings.Contains(out, "DISTRICT") {
		t.Errorf(`--team "ward 7": %v\n%s`, err, out)
	}
	out, errOut, err := runStoreCmd(t, path, (*app).dueCmd, "--team", "Ward 8")
	if err == nil {
		t.Fatalf(`--team "Ward 8" accepted: out %q, err %q`, out, errOut)
	}
	if !strings.Contains(err.Error(), "District nurses, Ward 7") || strings.Contains(errOut, "No patient's review is due") {
		t.Errorf(`--team "Ward 8": %v (stderr %q), want the known teams named`, err, errOut)
	}
}
