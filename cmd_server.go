package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"digicheck/fhirclient"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/store"
)

// Reading back from the trust's FHIR server: a patient's assessments for
// history and followup on a machine that has none of them, and every
// assessment, into a cache store, for summary and export --server.

// siteServer is the FHIR server the site config names, or "".
func (a *app) siteServer() string { return "" }

// serverClient connects to the FHIR server at base with the site's
// settings for reaching it.
func (a *app) serverClient(base string) (*fhirclient.Client, error) {
	if err := checkServerURL(base); err != nil {
		return nil, err
	}
	return fhirclient.New(fhirclient.Config{Base: base})
}

// checkServerURL refuses a server URL that is not http(s) with a host, that
// holds credentials, or that would send patient data over plain http to
// another machine.
func checkServerURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("FHIR server %q: give an https URL, such as https://fhir.example.nhs.uk/fhir", raw)
	}
	if u.User != nil {
		return errors.New("the FHIR server URL holds credentials: never put them in the URL")
	}
	if h := u.Hostname(); u.Scheme == "http" && h != "localhost" && h != "127.0.0.1" && h != "::1" {
		return fmt.Errorf("FHIR server %s: patient data must go over https; plain http is for a server on this machine only", u.Redacted())
	}
	return nil
}

// readPatient reads the patient's assessments from the FHIR server at
// base, for a store that has none, and keeps them in st as copies marked
// as from the server. It says on w what it read and kept.
func (a *app) readPatient(ctx context.Context, w io.Writer, st *store.Store, base string, p record.PatientID) ([]remote.Copy, error) {
	c, err := a.serverClient(base)
	if err != nil {
		return nil, err
	}
	copies, skipped, err := remote.Patient(ctx, c, p, a.settings.Config.LocalNumberSystem)
	if err != nil {
		return nil, fmt.Errorf("could not read patient %s's assessments from the FHIR server %s: %w", p, c.Base(), err)
	}
	for _, s := range skipped {
		fmt.Fprintf(w, "left out: %s on the server: %v\n", s.Resource, s.Err)
	}
	if len(copies) == 0 {
		return nil, nil
	}
	if st == nil {
		return copies, nil
	}
	saved, refused, err := remote.Import(st, c.Base(), copies)
	for _, s := range refused {
		fmt.Fprintf(w, "not kept: %s from the server: %v\n", s.Resource, s.Err)
	}
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "Read %d record versions of patient %s from the FHIR server %s and kept %d in %s as copies.\n",
		len(copies), p, c.Base(), len(saved), st.Path())
	return copies, nil
}

// copyNote says which of rs are copies read from a FHIR server, one line
// per server, with their short ids; "" when none is.
func copyNote(st *store.Store, rs []record.Record, short func(record.ID) string) (string, error) {
	ids := make([]record.ID, len(rs))
	for i := range rs {
		ids[i] = rs[i].ID
	}
	from, err := st.CopySources(ids)
	if err != nil || len(from) == 0 {
		return "", err
	}
	byServer := map[string][]string{}
	var servers []string
	for _, id := range ids {
		if s, ok := from[id]; ok {
			if byServer[s] == nil {
				servers = append(servers, s)
			}
			byServer[s] = append(byServer[s], short(id))
		}
	}
	var b strings.Builder
	for _, s := range servers {
		fmt.Fprintf(&b, "Read from the FHIR server %s (copies kept here): %s\n", s, strings.Join(byServer[s], ", "))
	}
	return b.String(), nil
}

// serverCache opens the cache store of the FHIR server at base: beside
// the user's store, named by a hash of the base, readable by its owner
// only (it holds every patient's records from the server).
func (a *app) serverCache(base string) (*store.Store, error) {
	path := a.settings.DB
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, fmt.Errorf("cannot find a place for the server's cache (use --db): %w", err)
		}
		path = p
	}
	sum := sha256.Sum256([]byte(strings.TrimRight(base, "/")))
	cache := filepath.Join(filepath.Dir(path), "server-cache-"+hex.EncodeToString(sum[:6])+".db")
	return store.Open(cache, store.Options{})
}

// syncServer brings the cache of the FHIR server at base up to date and
// returns it, saying on w what was read.
func (a *app) syncServer(cmd *cobra.Command, base string) (*store.Store, error) {
	c, err := a.serverClient(base)
	if err != nil {
		return nil, err
	}
	cache, err := a.serverCache(c.Base())
	if err != nil {
		return nil, err
	}
	ctx, stop := cancelOnSignal(cmd.Context())
	defer stop()
	start := time.Now()
	rep, err := remote.Sync(ctx, c, cache, 200)
	w := cmd.ErrOrStderr()
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "left out: %s on the server: %v\n", s.Resource, s.Err)
	}
	if err != nil {
		return nil, fmt.Errorf("could not read the assessments on the FHIR server %s: %w", c.Base(), err)
	}
	since := "every assessment"
	if !rep.Since.IsZero() {
		since = "the assessments changed since " + rep.Since.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(w, "Read %s from %s: %d responses, %d new record versions, in %s; cache %s.\n",
		since, c.Base(), rep.Read, rep.Saved, time.Since(start).Round(time.Millisecond), cache.Path())
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(w, "warning: %d responses on the server were left out (above); they are read again next time\n", len(rep.Skipped))
	}
	return cache, nil
}
