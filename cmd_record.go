package main

import (
	"fmt"
	"os"
	"os/user"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/ui"
)

func (a *app) newCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "new",
		Short: "Run an assessment in the terminal (the default)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return a.runNew(cmd) },
	}
}

func (a *app) showCmd() *cobra.Command {
	var handout, large bool
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Print one assessment in full: note, answers and the reasons",
		Long: `Print one assessment in full. ID is the record id, or its first 8 or more
characters. With --handout, print the patient's handout instead: how we will
contact them, how to change it, and the help they agreed to.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openStore()
			if err != nil {
				return err
			}
			r, err := st.Get(args[0])
			if err != nil {
				return err
			}
			if handout || large {
				if !large && r.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint) {
					large = true
				}
				if large {
					fmt.Fprintln(cmd.ErrOrStderr(), "Large print: print this at 16 point or larger.")
				}
				_, err := fmt.Fprint(cmd.OutOrStdout(), record.Handout(r, large))
				return err
			}
			return record.WriteDetail(cmd.OutOrStdout(), r, questionnaire.V1)
		},
	}
	c.Flags().BoolVar(&handout, "handout", false, "print the patient handout (large print when the patient needs it)")
	c.Flags().BoolVar(&large, "large-print", false, "print the large-print handout")
	return c
}

func (a *app) historyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "history PATIENT",
		Short: "List a patient's assessments, oldest first, with the change between them",
		Long:  "List a patient's assessments. PATIENT is an NHS number (spaces allowed) or a local hospital number.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := record.ParsePatientID(args[0])
			if err != nil {
				return fmt.Errorf("patient %q: %w", args[0], err)
			}
			st, err := a.openStore()
			if err != nil {
				return err
			}
			rs, err := st.History(p)
			if err != nil {
				return err
			}
			if len(rs) == 0 {
				return fmt.Errorf("no assessments for patient %s in %s", p, st.Path())
			}
			return record.WriteHistory(cmd.OutOrStdout(), rs)
		},
	}
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		// Windows gives DOMAIN\user; the note wants the person.
		name := u.Username
		if i := strings.LastIndexByte(name, '\\'); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func (a *app) runNew(cmd *cobra.Command) error {
	dir, err := a.directory()
	if err != nil {
		return err
	}
	st, err := a.openStore()
	if err != nil {
		return err
	}
	// Plain prompts when asked for, when the terminal cannot draw a
	// full-screen interface, or when answers come from a pipe.
	if a.settings.Accessible || os.Getenv("TERM") == "dumb" ||
		!isTerminal(cmd.InOrStdin()) || !isTerminal(cmd.OutOrStdout()) {
		out, err := prompt.Run(prompt.Options{
			Instrument: questionnaire.V1,
			Directory:  dir,
			Clinician:  currentUser(),
			Team:       a.settings.Team,
			Save:       st.Save,
		}, cmd.InOrStdin(), cmd.OutOrStdout())
		if err != nil {
			return err
		}
		if len(out.Saved) > 0 {
			fmt.Fprintf(cmd.OutOrStdout(), "Saved %d assessment(s) in %s\n", len(out.Saved), st.Path())
		}
		return nil
	}
	out, err := ui.Run(ui.Options{
		Instrument: questionnaire.V1,
		Directory:  dir,
		Clinician:  currentUser(),
		Team:       a.settings.Team,
		Save:       st.Save,
	}, cmd.InOrStdin(), cmd.OutOrStdout())
	// Notes are printed after the program has left the alternate screen, so
	// they stay in the scrollback for pasting into the patient record.
	for _, r := range out.Saved {
		fmt.Fprintf(cmd.OutOrStdout(), "\n%s", record.Note(r))
	}
	if err != nil {
		return err
	}
	if len(out.Saved) > 0 {
		fmt.Fprintf(cmd.OutOrStdout(), "\nSaved %d assessment(s) in %s\n", len(out.Saved), st.Path())
	}
	return nil
}
