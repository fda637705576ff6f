package push

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/questionnaire"
	"digicheck/report"
	"digicheck/store"
)

// BenchmarkPush pushes a store of 1,000 synthetic records to the local
// FHIR server, in Bundles of at most 50 resources (medplum's limit), and
// reports Bundles and record versions a second: against the server as it
// runs in the tests (every resource checked by the R4 validator, about
// 5 ms each) and with --no-validate, which leaves what the push itself
// costs. Run with
//
//	go test ./push -run '^$' -bench Push -benchtime 3x
func BenchmarkPush(b *testing.B) {
	const records = 1000
	dir := b.TempDir()
	src := filepath.Join(dir, "source.db")
	st, err := store.Open(src, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	to := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if _, err := report.Synthesise(st, report.SyntheticOptions{Count: records, Seed: 1, From: to.AddDate(-1, 0, 0), To: to, Directory: questionnaire.National}); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []struct {
		name string
		args []string
	}{{"validating", nil}, {"no-validate", []string{"--no-validate"}}} {
		b.Run(mode.name, func(b *testing.B) {
			s := fhirserver.Start(b, mode.args...)
			c, err := newBenchClient(s.Base)
			if err != nil {
				b.Fatal(err)
			}
			var bundles, versions int
			var spent time.Duration
			for i := range b.N {
				b.StopTimer()
				s.Control(b, fhirserver.Control{Reset: true})
				path := filepath.Join(b.TempDir(), "push.db")
				copyFile(b, src, path)
				fresh, err := store.Open(path, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				rep, err := Run(context.Background(), fresh, c, Options{TestServer: true})
				spent += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 && rep.Sent != rep.Pending {
					b.Fatalf("%+v", rep)
				}
				bundles += rep.Bundles
				versions += rep.Sent
			}
			b.ReportMetric(float64(bundles)/spent.Seconds(), "bundles/s")
			b.ReportMetric(float64(versions)/spent.Seconds(), "records/s")
		})
	}
}
