package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/site"
	"digicheck/store"
)

// TestHistoryWithAConfigNamingNoServerNamesItAsItWasConfigured: copies
// read from a server the site configured as localhost were listed by
// history --config of a file naming no server as "Read from the FHIR
// server http://127.0.0.1:…": copies are kept under the server's address
// as normalised. They are named as the server was configured when they
// were read; a store whose copies were kept before any name was (a name
// is kept with the copies, and this one is taken away) names the address,
// as it did.
func TestHistoryWithAConfigNamingNoServerNamesItAsItWasConfigured(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv, _ := onServer(t)
	configured := strings.Replace(srv.Base, "127.0.0.1", "localhost", 1)
	if configured == srv.Base {
		t.Fatalf("the server's base %s is not on 127.0.0.1", srv.Base)
	}
	db := t.TempDir() + "/digicheck.db"
	if _, err := store.Open(db, store.Options{}); err != nil {
		t.Fatal(err)
	}
	ward := &app{settings: site.Settings{DB: db, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: configured}}}}
	if _, stderr, err := execute(ward, (*app).historyCmd, "", testkit.NHSNumber); err != nil {
		t.Fatalf("history with the site's config: %v\n%s", err, stderr)
	}
	offline := &app{}
	offline.settings.DB = db
	out, stderr, err := execute(offline, (*app).historyCmd, "", testkit.NHSNumber)
	if err != nil {
		t.Fatalf("history with a config naming no server: %v\n%s", err, stderr)
	}
	if all := out + stderr; strings.Contains(all, "127.0.0.1") || !strings.Contains(out, "Read from the FHIR server "+configured+" (copies kept here)") {
		t.Errorf("history with a config naming no server does not name the server as configured (%s):\n%s", configured, all)
	}

	// Named as the address, once no name is kept for it: a store from
	// before names were kept.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetSourceName(srv.Base, srv.Base); err != nil {
		t.Fatal(err)
	}
	if n, err := st.SourceNames(); err != nil || len(n) != 0 {
		t.Fatalf("names kept %v (%v), want none", n, err)
	}
	out, stderr, err = execute(offline, (*app).historyCmd, "", testkit.NHSNumber)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "Read from the FHIR server "+srv.Base+" (copies kept here)") {
		t.Errorf("history of copies with no name kept does not name the server's address %s:\n%s", srv.Base, out)
	}
}
