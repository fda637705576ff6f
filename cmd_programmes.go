package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

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
about a reading age of 9) are reported as warnings and do not fail the check.`,
		Example: `  digicheck programmes
  digicheck programmes --check examples/programmes.toml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(check) > 0 {
				failed := 0
				for _, f := range check {
					doc, err := os.ReadFile(f)
					if err != nil {
						fmt.Fprintln(cmd.OutOrStdout(), err)
						failed++
						continue
					}
					pf, err := site.ParseProgrammes(f, doc, questionnaire.National)
					if err != nil {
						fmt.Fprintln(cmd.OutOrStdout(), err)
						failed++
						continue
					}
					for _, w := range site.ReadingWarnings(f, doc, pf) {
						fmt.Fprintln(cmd.OutOrStdout(), w)
					}
					fmt.Fprintf(cmd.OutOrStdout(), "%s: ok\n", f)
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
			fmt.Fprintln(tw, "ID\tNAME\tBARRIERS\tELIGIBLE\tFROM")
			// Names and paths come from site files: shown, never obeyed.
			pr := questionnaire.Printable
			for _, p := range dir.Programmes {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", pr(p.ID), pr(p.Name), pr(barriers(p.Barriers)), pr(eligibility(p.Eligible)), pr(p.Source))
			}
			return tw.Flush()
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

// eligibility says who may be referred, in a few words.
func eligibility(cs []questionnaire.Criterion) string {
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
