package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/report"
)

// syntheticCmd fills a store with generated test data.
func (a *app) syntheticCmd() *cobra.Command {
	var (
		count      int
		from, to   string
		seed       uint64
		batch      int
		randomSeed bool
	)
	c := &cobra.Command{
		Use:   "synthetic --count N",
		Short: "Fill a store with synthetic test assessments, for trying summaries and benchmarks",
		Long: `Make N synthetic assessments of made-up patients and save them in the store
(--db), a batch of records to a transaction. Use a new store for them:
synthetic data is refused by a store that holds real assessments, and a store
of synthetic data refuses real ones. Every record is marked synthetic, every
patient has a test NHS number (the 999 range), and summaries and exports of
them say so.

The answers follow rough, plausible shares, and each is assessed against the
referral directory in force, so every record is a real, valid assessment.
New assessments are instrument version 2, as in the product; in the first
half of the span a falling share are version 1, as in a store kept from
before, so summaries show both versions side by side.
About 10% are follow-ups of an earlier assessment, 2% amend one and 0.5% mark
one entered in error, so the counting rules have work to do. The times are
spread evenly from --from to --to. The same --seed makes the same records.
The records are spread over six synthetic teams; with --team (or
DIGICHECK_TEAM) every one is that team's.`,
		Example: `  digicheck --db /tmp/trial.db synthetic --count 10000
  digicheck --db /tmp/bench.db synthetic --count 1000000 --seed 1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if count <= 0 {
				return errors.New("say how many records to make with --count N")
			}
			opts := report.SyntheticOptions{Count: count, Seed: seed, Batch: batch}
			// --team (or DIGICHECK_TEAM) puts every record in that team;
			// a team from the config file does not, so that a site's
			// config leaves the six synthetic teams summaries are tried on.
			if f := cmd.Flags().Lookup("team"); f != nil && f.Changed {
				opts.Team = f.Value.String()
			} else if t := os.Getenv("DIGICHECK_TEAM"); t != "" {
				opts.Team = t
			}
			// Checked as the Team box checks it (the start of the run
			// checked it too), and kept as the box keeps it.
			if err := assess.CheckTeam(opts.Team); err != nil {
				return fmt.Errorf("--team %s: %w", questionnaire.Quote(opts.Team), err)
			}
			opts.Team = questionnaire.TidyName(opts.Team)
			var err error
			if opts.From, err = parseDay("--from", from); err != nil {
				return err
			}
			if opts.To, err = parseDay("--to", to); err != nil {
				return err
			}
			if opts.To.IsZero() {
				y, m, d := time.Now().Date()
				opts.To = time.Date(y, m, d, 0, 0, 0, 0, time.Local)
			} else {
				opts.To = opts.To.AddDate(0, 0, 1) // to the end of that day
			}
			if opts.From.IsZero() {
				opts.From = opts.To.AddDate(-1, 0, 0)
			}
			if randomSeed {
				opts.Seed = uint64(time.Now().UnixNano())
			}
			if opts.Directory, err = a.directory(); err != nil {
				return err
			}
			st, err := a.openStore(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			// Made again into a store that has them, the same seed makes
			// records already saved and another makes follow-ups of its
			// patients' older assessments: both fail at the first batch.
			if syn, err := st.SyntheticData(); err != nil {
				return err
			} else if syn {
				return fmt.Errorf("synthetic data goes into a new store: %s already holds synthetic records, so nothing was added; use another --db", questionnaire.Printable(st.Path()))
			}
			stderr := cmd.ErrOrStderr()
			p := progress(stderr, "saved")
			opts.Progress = p
			start := time.Now()
			n, err := report.Synthesise(st, opts)
			p(-1)
			if err != nil {
				return fmt.Errorf("after %d records: %w", n, err)
			}
			fmt.Fprintf(stderr, "Saved %d synthetic records in %s (seed %d) in %s.\n", n, st.Path(), opts.Seed, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	f := c.Flags()
	f.IntVar(&count, "count", 0, "number of records to make")
	f.StringVar(&from, "from", "", "first day of the records' times, YYYY-MM-DD (default: a year before --to)")
	f.StringVar(&to, "to", "", "last day of the records' times, YYYY-MM-DD (default: yesterday)")
	f.Uint64Var(&seed, "seed", 1, "seed of the generator: the same seed makes the same records")
	f.BoolVar(&randomSeed, "random", false, "use a random seed (printed at the end)")
	f.IntVar(&batch, "batch", 5000, "records saved in one transaction")
	return c
}
