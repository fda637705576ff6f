package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"digicheck/questionnaire"
	"digicheck/site"
)

func (a *app) programmesCmd() *cobra.Command {
	var check []string
	c := &cobra.Command{
		Use:   "programmes",
		Short: "List the referral directory in force, or check programmes files",
		Long: `List the referral directory in force: the national programmes with the
site's programmes file applied, each with the file it came from.

With --check FILE, check a programmes file instead and print every problem as
FILE:LINE: message. The exit status is non-zero when there is any problem.
Patient-facing lines that are hard to read (Flesch reading ease under 70,
about a reading age of 9), and programmes whose review_by date has come or
that have none, are reported as warnings and do not fail the check.

The listing warns, on standard error, about every programme in force whose
review-by date has come: check it against the programme's own material.`,
		Example: `  digicheck programmes
  digicheck programmes --check examples/programmes.toml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(check) > 0 {
				failed := 0
				// A report that cannot be written (a full disk, stdout
				// closed) ends the check with the write's error: its
				// "FILE: ok", or the problems found, were lost with exit
				// status 0.
				say := func(line any) error {
					_, err := fmt.Fprintln(cmd.OutOrStdout(), line)
					return err
				}
				for _, f := range check {
					doc, err := os.ReadFile(f)
					if err != nil {
						if werr := say(err); werr != nil {
							return werr
						}
						failed++
						continue
					}
					pf, err := site.ParseProgrammes(f, doc, questionnaire.National)
					if err != nil {
						if werr := say(err); werr != nil {
							return werr
						}
						failed++
						continue
					}
					for _, w := range append(site.ReadingWarnings(f, doc, pf), site.ReviewWarnings(f, doc, pf, today())...) {
						if err := say(w); err != nil {
							return err
						}
					}
					if err := say(f + ": ok"); err != nil {
						return err
					}
				}
				if failed > 0 {
					return fmt.Errorf("%d of %d programmes files have problems", failed, len(check))
				}
				return nil
			}
			dir, err := a.directory()
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Referral directory version %s (%d programmes)\n\n", dir.Version(), len(dir.Programmes))
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tBARRIERS\tGIVES\tELIGIBLE\tREVIEW BY\tFROM")
			// Names and paths come from site files: shown, never obeyed.
			pr := questionnaire.Printable
			var due []string
			for _, p := range dir.Programmes {
				review := p.ReviewBy
				switch {
				case review == "":
					review = "-"
				case p.ReviewDue(today()):
					review += " (due)"
					due = append(due, fmt.Sprintf("warning: %s (%s) was due for review by %s: check it against the programme's own material", pr(p.ID), pr(p.Source), p.ReviewBy))
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", pr(p.ID), pr(p.Name), pr(barriers(p.Barriers)),
					pr(gives(p)), pr(eligibility(p)), pr(review), pr(p.Source))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			// Warnings go to stderr, so a listing piped on stays a table.
			for _, w := range due {
				fmt.Fprintln(cmd.ErrOrStderr(), w)
			}
			return nil
		},
	}
	c.Flags().StringSliceVar(&check, "check", nil, "check these programmes files and report every problem (FILE:LINE: message)")
	return c
}

func barriers(ds []questionnaire.Domain) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = string(d)
	}
	return strings.Join(s, ",")
}

// today is the local date, for review-by dates.
func today() string { return time.Now().Format(questionnaire.DateLayout) }

// gives says what a programme provides and how it is used, in a few words.
func gives(p questionnaire.Programme) string {
	s := strings.Join(p.Provides, ",")
	if s == "" {
		s = "-"
	}
	if p.OnlineOnly {
		s += " (online only)"
	}
	if p.OneToOne {
		s += " (one to one)"
	}
	if p.NeedsDevice {
		s += " (needs a device)"
	}
	return s
}

// eligibility says who may be referred, in a few words.
func eligibility(p questionnaire.Programme) string {
	var pre []string
	if p.AdultsOnly {
		pre = append(pre, "adults")
	}
	if len(p.For) > 0 {
		pre = append(pre, strings.Join(p.For, " or "))
	}
	s := eligibleCriteria(p.Eligible)
	if len(pre) == 0 {
		return s
	}
	if s == "everyone" {
		return strings.Join(pre, " & ")
	}
	return strings.Join(pre, " & ") + ": " + s
}

func eligibleCriteria(cs []questionnaire.Criterion) string {
	if len(cs) == 0 {
		return "everyone"
	}
	var any []string
	for _, c := range cs {
		var all []string
		if c.MinAge > 0 {
			all = append(all, fmt.Sprintf("age %d+", c.MinAge))
		}
		if c.MaxAge > 0 {
			all = append(all, fmt.Sprintf("age up to %d", c.MaxAge))
		}
		if c.LowIncome {
			all = append(all, "low income")
		}
		if c.Disability {
			all = append(all, "disability")
		}
		if len(c.Areas) > 0 {
			all = append(all, "in "+strings.Join(c.Areas, " "))
		}
		any = append(any, strings.Join(all, " & "))
	}
	return strings.Join(any, " or ")
}
