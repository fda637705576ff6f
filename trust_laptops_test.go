package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/record"
	"digicheck/store"
)

// laptop is one of a trust's machines in a sync scenario: its store's
// path, the store open, and an app whose site config names the trust's
// FHIR test server.
type laptop struct {
	name string // "A", "B", ... as the failures say it
	path string
	st   *store.Store
	app  *app
}

// sentAndRead is the start the sync scenarios share: laptop A made an
// assessment, first (agreedToEverything), and sent it to srv; laptop B,
// with a store of its own, read the patient from srv, so both hold first
// and either may amend it offline.
func sentAndRead(t *testing.T, srv *fhirserver.Server) (a, b laptop, first record.Record) {
	t.Helper()
	aPath, ast, first := agreedToEverything(t)
	pushWith(t, srv.Base, ast)
	a = laptop{name: "A", path: aPath, st: ast, app: laptopApp(aPath, srv.Base)}
	b = readingLaptop(t, "B", srv, first.Patient)
	return a, b, first
}

// readingLaptop is a new laptop, named name, that has read patient p's
// assessments from srv (history --server).
func readingLaptop(t *testing.T, name string, srv *fhirserver.Server, p record.PatientID) laptop {
	t.Helper()
	path := filepath.Join(t.TempDir(), strings.ToLower(name)+".db")
	if _, stderr, err := runStoreCmd(t, path, (*app).historyCmd, p.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history on %s: %v\n%s", name, err, stderr)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return laptop{name: name, path: path, st: st, app: laptopApp(path, srv.Base)}
}

// pushes is l's push with args, which must end 0: what it said.
func (l laptop) pushes(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, err := execute(l.app, (*app).pushCmd, "", args...)
	if err != nil {
		t.Fatalf("%s's push %v: %v\n%s%s", l.name, args, err, out, stderr)
	}
	return out + stderr
}

// meetsConflict is l's plain push, which must fail (another machine's
// version went first): what it said.
func (l laptop) meetsConflict(t *testing.T) string {
	t.Helper()
	out, stderr, err := execute(l.app, (*app).pushCmd, "")
	if err == nil {
		t.Fatalf("%s's push met no conflict:\n%s%s", l.name, out, stderr)
	}
	return out + stderr + errText(err)
}

// reads is l's history of patient p, read from the trust's server, which
// must end 0: what it said.
func (l laptop) reads(t *testing.T, p record.PatientID) string {
	t.Helper()
	out, stderr, err := execute(l.app, (*app).historyCmd, "", p.Value, "--server", l.app.siteServer())
	if err != nil {
		t.Fatalf("history on %s: %v\n%s%s", l.name, err, out, stderr)
	}
	return out + stderr
}
