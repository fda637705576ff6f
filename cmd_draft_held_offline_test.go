package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"digicheck/fhirclient"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestListingADraftOnAVersionInConflictAsksNoServer: a draft of an
// amendment resting on a version in conflict with the site's FHIR server
// is held, with the settle's words, when the drafts are listed at the start
// of every assessment. Listing it asked the server whether it still held
// the other machine's version: on a ward PC whose network black-holes its
// requests, each such draft held the first frame back 8 to 10 seconds. The
// drafts are listed from what the store knows now, the server not asked.
func TestListingADraftOnAVersionInConflictAsksNoServer(t *testing.T) {
	t.Parallel()
	// A server that takes the connection and never answers.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	url := "http://" + l.Addr().String() + "/fhir"
	path, st, first := agreedToEverything(t)
	base, err := fhirclient.Identity(url)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	k := store.Conflict{Record: first.ID, Assessment: first.ID, ServerVersion: "2", ServerRecord: theirs, ServerClinician: "Nurse Bea", ServerTime: time.Now().UTC()}
	if err := st.MarkConflict(base, k); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: url}}}}
	var d offered
	d.Amends = first.ID
	d.base = &first
	cmd := &cobra.Command{}
	cmd.SetContext(t.Context())
	start := time.Now()
	long, short := a.draftHeld(cmd, st, d)
	took := time.Since(start)
	if long == nil || short == nil {
		t.Fatalf("a draft on a version in conflict is not held: %v / %v", long, short)
	}
	if !strings.Contains(long.Error(), "The draft is kept") {
		t.Errorf("the held draft's words do not say it is kept:\n%v", long)
	}
	if took > 2*time.Second {
		t.Errorf("listing the draft took %v: it waited on the FHIR server", took.Round(time.Millisecond))
	}
}
