package main

import (
	"encoding/csv"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
)

// TestTheAmendingMachinesSettleLeavesItsStoreSound (issue 13): the ward
// voided an assessment on server A; the laptop's amendment went to server
// B; the ward settled on B with --keep-mine --void-server-version, a void
// on the laptop's amendment there. The laptop's push to A met the ward's
// void, settled with --keep-server, and ran the two commands printed for
// B: the first took B's void in over the ward's void on A. Every push to
// A after them then said the store was damaged ("amends ..., which is
// neither in the store nor pushed"), which check found sound: B's void
// was to be sent to A on the laptop's amendment, set aside for A. A holds
// the assessment voided already: the store stays sound, push to A sends
// nothing and is clean, and A's void stays current.
func TestTheAmendingMachinesSettleLeavesItsStoreSound(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	s := bothSettled(t)
	lap, A, B, first, void, amended := s.lap, s.A, s.B, s.first, s.void, s.amended
	for i := range 2 {
		o, e, err := execute(lap, (*app).pushCmd, "")
		if err != nil {
			t.Fatalf("push %d to A after the printed commands: %v\n%s%s", i+1, err, o, e)
		}
		if strings.Contains(o+e, "damaged") {
			t.Fatalf("push %d to A calls the store damaged:\n%s%s", i+1, o, e)
		}
	}
	if o, e, err := execute(lap, (*app).checkCmd, ""); err != nil {
		t.Fatalf("check: %v\n%s%s", err, o, e)
	}
	lineA := voidedThroughout(t, A, first.ID)
	if cur := lineA[len(lineA)-1]; cur.ID != void.ID {
		t.Errorf("A's current version is %s (%s), not the ward's void %s: a second void was sent over it", cur.ID.String()[:13], cur.Status, void.ID.String()[:13])
	}
	for _, r := range lineA {
		if r.ID == amended.ID {
			t.Errorf("A holds the laptop's amendment %s, set aside for A", amended.ID.String()[:13])
		}
	}
	voidedThroughout(t, B, first.ID)
}

// settledBoth is the laptop and the ward after the laptop's settle on A
// and the commands it printed for B (see bothSettled).
type settledBoth struct {
	lap, ward            *app
	laptop, wardPath     string
	A, B                 string
	first, void, amended record.Record
}

// bothSettled: the ward voided an assessment on server A; the laptop's
// amendment went to server B; the ward settled on B with --keep-mine
// --void-server-version; the laptop's push to A met the ward's void,
// settled with --keep-server, and ran the commands printed for B.
func bothSettled(t *testing.T) settledBoth {
	t.Helper()
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	wardPath, wst := wardReading(t, A.Base, first)
	void := voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, A.Base, wst)
	amended := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	lap := laptopApp(laptop, A.Base)
	if out, errs, err := execute(lap, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("the laptop's push to B: %v\n%s%s", err, out, errs)
	}
	ward := laptopApp(wardPath, A.Base)
	if _, _, err := execute(ward, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the ward's push to B met no conflict with the laptop's amendment")
	}
	if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base, "--resolve", void.ID.String()[:13], "--keep-mine", "--void-server-version"); err != nil {
		t.Fatalf("the ward's settle on B: %v\n%s%s", err, out, errs)
	}
	if _, _, err := execute(lap, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict with the ward's void")
	}
	out, errs, err := execute(lap, (*app).pushCmd, "", "--resolve", amended.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("the laptop's settle on A: %v\n%s%s", err, out, errs)
	}
	settle := out + errs
	var ran []string
	cmds := regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(settle), -1)
	if len(cmds) == 0 {
		t.Fatalf("the settle on A printed no command for B:\n%s", settle)
	}
	for _, c := range cmds {
		args := strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))
		o, e, err := execute(lap, (*app).pushCmd, "", args...)
		ran = append(ran, c, o+e)
		if err != nil {
			ran = append(ran, err.Error())
		}
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the settle on A said:\n%s\nthe commands it printed, and what they said:\n%s", settle, strings.Join(ran, "\n"))
		}
	})
	return settledBoth{lap: lap, ward: ward, laptop: laptop, wardPath: wardPath, A: A.Base, B: B.Base, first: first, void: void, amended: amended}
}

// TestMergedExportsCountTheSameInAnyOrder (issue 13): after the settles
// of bothSettled, the laptop holds B's void on the ward's void (its line
// here), and the ward holds it on the laptop's amendment (B's line). A
// summary of both machines' pseudonymised exports counted the
// wrong-patient assessment in one order and not the other: a record read
// from two inputs took its link from the input read first, so the version
// the other input's link supersedes stayed current beside the void, and
// whichever sorted last of the two (a pseudonymised record's time is its
// day, so its pseudonymous id decided) was counted. Every input's link
// supersedes, and a void on any input voids the assessment: every order
// counts as A and B do. Exported under several keys, as the pseudonyms
// decide which sorts last.
func TestMergedExportsCountTheSameInAnyOrder(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	s := bothSettled(t)
	dir := t.TempDir()
	counted := func(args ...string) string {
		t.Helper()
		out, stderr, err := runReportCmd(t, site.Settings{DB: filepath.Join(dir, "qi.db")}, (*app).summaryCmd, append([]string{"--exact", "--from", "2000-01-01", "--format", "csv"}, args...)...)
		if err != nil {
			t.Fatalf("summary %s: %v\n%s", strings.Join(args, " "), err, stderr)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "all,all,all,assessed,") {
				return strings.TrimSpace(l)
			}
		}
		t.Fatalf("summary %s counts no assessments:\n%s", strings.Join(args, " "), out)
		return ""
	}
	onA, onB := counted("--server", s.A), counted("--server", s.B)
	if onA != onB {
		t.Fatalf("A and B count differently: %q and %q", onA, onB)
	}
	for k := range 8 {
		key := filepath.Join(dir, fmt.Sprintf("site%d.key", k))
		if _, _, err := runReportCmd(t, site.Settings{}, (*app).keygenCmd, key); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"ndjson", "csv"} {
			var files []string
			for _, m := range []struct{ name, db string }{{"laptop", s.laptop}, {"ward", s.wardPath}} {
				f := filepath.Join(dir, fmt.Sprintf("%s%d.%s", m.name, k, format))
				if _, stderr, err := runReportCmd(t, site.Settings{DB: m.db, Config: site.Config{PseudonymKeyFile: key}}, (*app).exportCmd, "--format", format, "-o", f); err != nil {
					t.Fatalf("export of the %s as %s: %v\n%s", m.name, format, err, stderr)
				}
				files = append(files, f)
			}
			// The counts are A's and B's in either order. The caveat
			// is the two inputs' own: two machines' exports say that
			// the assessment was amended differently in each, which
			// one server read by A and B does not, and it is the same
			// whichever input is read first.
			var caveats []string
			for _, order := range [][2]string{{files[0], files[1]}, {files[1], files[0]}} {
				got := counted(order[0], order[1])
				if countsOf(t, got) != countsOf(t, onA) {
					t.Errorf("summary of %s then %s counts %q; A and B count %q", filepath.Base(order[0]), filepath.Base(order[1]), got, onA)
				}
				caveats = append(caveats, caveatOf(t, got))
			}
			if caveats[0] != caveats[1] {
				t.Errorf("the %s exports' summary says %q read in one order and %q in the other", format, caveats[0], caveats[1])
			}
		}
	}
}

// caveatColumn is where the summary's CSV rows carry their caveat.
const caveatColumn = 8

// summaryRow is a summary's CSV row, its fields.
func summaryRow(t *testing.T, line string) []string {
	t.Helper()
	f, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil || len(f) <= caveatColumn {
		t.Fatalf("not a summary row: %q (%v)", line, err)
	}
	return f
}

// countsOf is a summary's CSV row without its caveat: what it counts.
func countsOf(t *testing.T, line string) string {
	t.Helper()
	f := summaryRow(t, line)
	f[caveatColumn] = ""
	return strings.Join(f, ",")
}

// caveatOf is a summary's CSV row's caveat.
func caveatOf(t *testing.T, line string) string {
	t.Helper()
	return summaryRow(t, line)[caveatColumn]
}
