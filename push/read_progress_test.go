package push

import (
	"context"
	nethttp "net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/store"
)

// TestAPushSaysHowFarItHasReadTheStoreBeforeItsFirstTry: a push reads every
// record of the store before it first asks the server anything (about 10 s
// at 10,000 records on a loaded machine), and said nothing meanwhile: a
// nurse saw nothing at all. It now tells the progress function its context
// carries how many records it has read, of how many, up to all of them,
// before its first request. And --max-wait counts from that first try, not
// from the start of the push: a wait shorter than the read still gets one
// try of what was to be sent, and says it gave up after it.
func TestAPushSaysHowFarItHasReadTheStoreBeforeItsFirstTry(t *testing.T) {
	st := newStore(t)
	const n = 600
	for range n {
		saved(t, st, "9434765919")
	}
	var mu sync.Mutex
	var told []store.CheckProgress
	atFirstTry := -1 // len(told) when the server got its first request
	requests := 0
	srv := httptest.NewServer(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		mu.Lock()
		if requests == 0 {
			atFirstTry = len(told)
		}
		requests++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/fhir+json")
		w.WriteHeader(nethttp.StatusServiceUnavailable)
	}))
	defer srv.Close()
	ctx := store.WithCheckProgress(context.Background(), func(p store.CheckProgress) {
		mu.Lock()
		told = append(told, p)
		mu.Unlock()
	})
	c := client(t, srv.URL+"/fhir", 5*time.Second)
	_, err := Run(ctx, st, c, Options{Attempts: 5, Backoff: 50 * time.Millisecond, MaxWait: time.Nanosecond, Site: fhir.Site{LocalSystem: testLocalSystem}})
	if err == nil {
		t.Fatal("a push to a server failing every request succeeded")
	}
	mu.Lock()
	defer mu.Unlock()
	if requests == 0 {
		t.Fatalf("a --max-wait shorter than the read of the store gave up before trying once: %v", err)
	}
	if atFirstTry <= 0 {
		t.Fatalf("the push said nothing of its read of the store before its first try (told %d times in all)", len(told))
	}
	before := told[:atFirstTry]
	last := before[len(before)-1]
	if last.Phase != store.PhasePushRead || last.Done != n || last.Total != n {
		t.Errorf("the last progress before the first try is %+v; want every one of the %d records read, of %d", last, n, n)
	}
	between := 0
	for i, p := range before {
		if i > 0 && p.Done < before[i-1].Done {
			t.Errorf("the count of records read went back, from %d to %d", before[i-1].Done, p.Done)
		}
		if p.Done > 0 && p.Done < n {
			between++
		}
	}
	if between == 0 {
		t.Errorf("the push said only where its read began and ended, nothing between: %+v", before)
	}
}
