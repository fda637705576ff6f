package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// offeredSettle is a command to settle a conflict as digicheck prints it.
var offeredSettle = regexp.MustCompile(`digicheck push((?: --server \S+)? --resolve [0-9a-f-]+(?: --[a-z-]+)+)`)

// conflictOfKind makes, on a laptop, a conflict with the FHIR server of
// the kind asked: "amendments" (both amended), "void over amendment" (the
// laptop voided its amendment while the ward amended) or "amendment over
// void" (the laptop amended while the ward voided the assessment). The
// laptop's push has met it.
func conflictOfKind(t *testing.T, kind string) (a *app, laptop, patient string, mine record.ID) {
	t.Helper()
	laptop = filepath.Join(t.TempDir(), "laptop.db")
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	if kind == "amendment over void" {
		// The server's current version is the ward's void.
		if _, err := wst.Void(onWard.ID, store.Voiding{Reason: "wrong patient (ward)", Clinician: "Sister Okafor"}); err != nil {
			t.Fatal(err)
		}
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "A offline"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	mine = onLaptop.ID
	if kind == "void over amendment" {
		v, err := lst.Void(onLaptop.ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse Bea"})
		if err != nil {
			t.Fatal(err)
		}
		mine = v.ID
	}
	a = &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatalf("%s: the laptop's push met no conflict", kind)
	}
	return a, laptop, first.Patient.Value, mine
}

// TestEveryCommandOfferedToSettleAConflictIsAccepted: over a server void,
// push --conflicts offered digicheck push --resolve ID --keep-mine, which
// push then refused (it undoes the void: --undo-void), and history said
// one command on stdout and the other on stderr. For each kind of
// conflict, every settling command that push --conflicts and history
// print is accepted by push as printed.
func TestEveryCommandOfferedToSettleAConflictIsAccepted(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "200") // each command whole on one line
	for _, kind := range []string{"amendments", "void over amendment", "amendment over void"} {
		t.Run(strings.ReplaceAll(kind, " ", "_"), func(t *testing.T) {
			a, laptop, patient, mine := conflictOfKind(t, kind)
			out, stderr, err := execute(a, (*app).pushCmd, "", "--conflicts")
			if err != nil {
				t.Fatalf("push --conflicts: %v\n%s%s", err, out, stderr)
			}
			said := map[string]string{"push --conflicts": out + stderr}
			out, stderr, err = runStoreCmd(t, laptop, (*app).historyCmd, patient, "--server", a.settings.Config.FHIRServer.FHIRServerURL)
			if err != nil {
				t.Fatalf("history: %v\n%s%s", err, out, stderr)
			}
			said["history"] = out + stderr
			offered := map[string]string{}
			for where, text := range said {
				for _, m := range offeredSettle.FindAllStringSubmatch(text, -1) {
					args := strings.Fields(m[1])
					for i, f := range args {
						if i > 0 && args[i-1] == "--resolve" {
							// Said of this machine's version in conflict,
							// whole or by its short id.
							if !strings.HasPrefix(mine.String(), f) {
								t.Errorf("%s offers to settle record %s, not %s, the one in conflict: %s", where, f, mine, m[0])
							}
							args[i] = map[bool]string{true: "WHOLE", false: "SHORT"}[f == mine.String()]
						}
					}
					offered[strings.Join(args, " ")] = where
				}
				if !strings.Contains(text, "--keep-mine") || !strings.Contains(text, "--keep-server") {
					t.Errorf("%s does not offer both ways to settle:\n%s", where, text)
				}
			}
			if kind == "amendment over void" {
				if !strings.Contains(said["push --conflicts"], "wrong patient (ward)") {
					t.Errorf("push --conflicts does not say the server's version is a void, and why:\n%s", said["push --conflicts"])
				}
			}
			for cmd, where := range offered {
				// Each on a laptop of its own, as it stood when offered.
				a, _, _, mine := conflictOfKind(t, kind)
				args := strings.Fields(strings.NewReplacer("WHOLE", mine.String(), "SHORT", mine.String()[:13]).Replace(cmd))
				if out, stderr, err := execute(a, (*app).pushCmd, "", args...); err != nil {
					t.Errorf("%s offered digicheck push %s, refused: %v\n%s%s", where, cmd, err, out, stderr)
				}
			}
		})
	}
}
