package main

import (
	"fmt"
	"os"
	"os/user"
	"runtime"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"digicheck/prompt"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
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
	var handout, large, save bool
	var out string
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Print one assessment in full: note, answers and the reasons",
		Long: `Print one assessment in full. ID is the record id, or its first 8 or more
characters. With --handout, print the patient's handout instead: how we will
contact them, how to change it, the help they agreed to with phone numbers,
and who to call. With -o FILE, save it as a text file instead, never over an
existing file; with --save, save it under a new name in the handout folder
(handout_dir in the site config, else Documents, else home).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.existingStore()
			if err != nil {
				return err
			}
			r, err := st.Find(args[0])
			if err != nil {
				return err
			}
			if handout || large || save || out != "" {
				// A handout tells the patient how we will contact them: it
				// must come from the version that stands.
				cur, err := st.Current(r.ID)
				if err != nil {
					return err
				}
				if cur.ID != r.ID {
					return fmt.Errorf("record %s has been replaced by %s: give the patient the handout of the current version (digicheck show %s --handout)", r.ID, cur.ID, cur.ID)
				}
				if r.Status == record.EnteredInError {
					return fmt.Errorf("record %s was entered in error (%s): there is no handout for it", r.ID, r.VoidReason)
				}
				if !large && r.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint) {
					large = true
				}
				dir, err := a.directory()
				if err != nil {
					return err
				}
				// The store checked the record against its facts and its
				// answers; under the directory it names, its referrals'
				// names and contacts are checked too before a patient
				// takes them home.
				if err := record.Verify(&r, questionnaire.V1, &dir); err != nil {
					return fmt.Errorf("record %s does not match its own integrity data (%v): it may have been edited or damaged, so no handout is made; run digicheck check", r.ID, err)
				}
				// The print size for large print is in the handout itself.
				h := record.HandoutWith(r, record.HandoutOptions{
					LargePrint: large, Team: a.settings.Team, TeamPhone: a.settings.TeamPhone, Directory: dir,
				})
				if save || out != "" {
					path, err := out, error(nil)
					if save {
						path, err = a.saveHandoutFile(r.ID.String()[:8], h)
					} else {
						err = writeNewFile(out, h, runtime.GOOS == "windows")
					}
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "Handout saved in %s\n", path)
					return nil
				}
				_, err = fmt.Fprint(cmd.OutOrStdout(), h)
				return err
			}
			// Every version of the assessment first, so an amended or voided
			// record is never read without knowing it.
			vs, err := st.Versions(r.ID)
			if err != nil {
				return err
			}
			if len(vs) > 1 {
				if err := record.WriteVersions(cmd.OutOrStdout(), vs, r.ID); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout())
			}
			return record.WriteDetail(cmd.OutOrStdout(), r, questionnaire.V1)
		},
	}
	c.Flags().BoolVar(&handout, "handout", false, "print the patient handout (large print when the patient needs it)")
	c.Flags().BoolVar(&large, "large-print", false, "print the large-print handout")
	c.Flags().StringVarP(&out, "output", "o", "", "save the handout in this new text file")
	c.Flags().BoolVar(&save, "save", false, "save the handout as a new text file in the handout folder")
	c.MarkFlagsMutuallyExclusive("output", "save")
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
			st, err := a.existingStore()
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
			// Ids as short as tells them apart in the whole store, so
			// each can be typed back to show, amend or void.
			ids := make([]record.ID, len(rs))
			for i := range rs {
				ids[i] = rs[i].ID
			}
			short, err := st.ShortIDs(ids)
			if err != nil {
				return err
			}
			return record.WriteHistory(cmd.OutOrStdout(), rs, func(id record.ID) string { return short[id] })
		},
	}
}

// defaultClinician is who assesses unless told otherwise: the site
// config's clinician, else the login name.
func (a *app) defaultClinician() string {
	if a.settings.Clinician != "" {
		return a.settings.Clinician
	}
	return currentUser()
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
	st, err := a.openStore()
	if err != nil {
		return err
	}
	// Plain prompts when asked for, when the terminal cannot draw a
	// full-screen interface, or when answers come from a pipe.
	if !a.fullScreen(cmd) {
		dir, err := a.directory()
		if err != nil {
			return err
		}
		return a.runPrompts(cmd, st, dir)
	}
	return a.runAssessment(cmd, st, ui.Options{}, func(store.Draft) bool { return true })
}

// fullScreen reports whether the terminal UI can run: a terminal on both
// sides that can draw it, and no request for plain prompts.
func (a *app) fullScreen(cmd *cobra.Command) bool {
	return !a.settings.Accessible && os.Getenv("TERM") != "dumb" &&
		isTerminal(cmd.InOrStdin()) && isTerminal(cmd.OutOrStdout())
}

// runAssessment runs the terminal UI with the store behind it: records are
// saved, the assessment in progress is kept as a draft, and the drafts that
// offer selects are offered to resume or discard. o says what is assessed
// (a new assessment, an amendment, a follow-up); the rest is filled in here.
func (a *app) runAssessment(cmd *cobra.Command, st *store.Store, o ui.Options, offer func(store.Draft) bool) error {
	dir, err := a.directory()
	if err != nil {
		return err
	}
	defer a.closeDrafts(cmd, st)()
	drafts, err := st.ListDrafts(a.settings.Config.DraftExpiry())
	if err != nil {
		return err
	}
	now := time.Now()
	for _, e := range drafts {
		d := e.Draft
		if !offer(d) || e.HeldElsewhere {
			// A draft open in another window is that window's: it is
			// not offered here, where resuming it would split it.
			continue
		}
		r := ui.Resumable{Draft: d, Expiry: e.ExpiryWarning(now)}
		// A draft of an amendment or a follow-up resumes against the
		// record it was made from; one that cannot be read is still
		// listed, so it can be discarded.
		base := d.Amends
		if base.IsZero() {
			base = d.FollowsUp
		}
		if !base.IsZero() {
			if b, err := st.Get(base); err == nil {
				r.Base = &b
			}
		}
		o.Drafts = append(o.Drafts, r)
	}
	o.Instrument, o.Directory = questionnaire.V1, dir
	// An amendment names who makes it (amend --clinician); otherwise the
	// login name is offered, for the clinician to change on screen.
	if o.Clinician == "" {
		o.Clinician = a.defaultClinician()
	}
	o.Team = a.settings.Team
	o.TeamPhone = a.settings.TeamPhone
	o.SaveHandout, o.PrintHandout, o.Clipboard = a.saveHandoutFile, printHandoutFile, osClipboard
	o.Draft, o.DiscardDraft = st.SaveDraft, st.DiscardDraft
	o.ClaimDraft = func(id record.ID) error { _, err := st.ClaimDraft(id); return err }
	o.RenewDraft = st.RenewDraft
	o.Save = func(r *record.Record) error {
		if !r.Amends.IsZero() {
			return st.Amend(r)
		}
		return st.Save(r)
	}
	out, err := ui.Run(o, cmd.InOrStdin(), cmd.OutOrStdout())
	// Notes are printed after the program has left the alternate screen, so
	// they stay in the scrollback for pasting into the patient record.
	w := cmd.OutOrStdout()
	for _, r := range out.Saved {
		fmt.Fprintf(w, "\n%s", record.Note(r))
	}
	if len(out.Saved) > 0 {
		fmt.Fprintf(w, "\nSaved %d assessment(s) in %s\n", len(out.Saved), st.Path())
	}
	if out.Stopped != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "\ndigicheck was stopped (%v).\n", out.Stopped)
	}
	if d := out.Draft; d != nil {
		fmt.Fprintf(w, "\nNot finished: the assessment of %s is kept as a draft. Run digicheck to resume it.\n", d.Patient)
	}
	if out.DraftErr != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "\nThe unfinished assessment could not be kept as a draft: %v\n", out.DraftErr)
	}
	return err
}

// draftLabel is a draft as the plain prompts read it out: whose, when,
// how far, and when it will be discarded if that is soon.
func draftLabel(d store.Draft, at, expiry string) string {
	s := fmt.Sprintf("Patient %s, kept %s by %s, %s", d.Patient, d.Saved.Local().Format("2 Jan 15:04"), d.Clinician, at)
	if expiry != "" {
		s += " (" + expiry + ")"
	}
	return s
}

// closeDrafts discards drafts older than the site's draft_expiry_days
// (wiped from the store, as a discarded draft is), and returns what to run
// when the window closes: give up this window's hold on its drafts, so the
// next window may resume them at once.
func (a *app) closeDrafts(cmd *cobra.Command, st *store.Store) func() {
	gone, err := st.ExpireDrafts(a.settings.Config.DraftExpiry())
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "Old drafts could not be discarded: %v\n", err)
	}
	if len(gone) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "%d unfinished assessment(s) not worked on for %d days were discarded, as the site's settings say.\n",
			len(gone), int(a.settings.Config.DraftExpiry()/(24*time.Hour)))
	}
	return func() { _ = st.ReleaseDrafts() }
}

// runPrompts runs plain numbered prompts (accessible mode). The answers
// are kept as a draft after each section, as in the terminal UI, and the
// record is saved under the draft's id so that saving removes it.
func (a *app) runPrompts(cmd *cobra.Command, st *store.Store, dir questionnaire.Directory) error {
	w := cmd.OutOrStdout()
	defer a.closeDrafts(cmd, st)()
	entries, err := st.ListDrafts(a.settings.Config.DraftExpiry())
	if err != nil {
		return err
	}
	var draft store.Draft
	var offers []prompt.Resume
	others := 0
	for _, e := range entries {
		d := e.Draft
		if e.HeldElsewhere {
			continue // open in another window: that window's
		}
		// Amendments and follow-ups resume in the terminal UI, which asks
		// their extra questions.
		if !d.Amends.IsZero() || !d.FollowsUp.IsZero() || d.InstrumentVersion != questionnaire.V1.Version {
			others++
			continue
		}
		at := "after the required questions"
		for _, sec := range questionnaire.V1.Sections {
			if sec.ID == d.Section {
				at = "at " + sec.Title
			}
		}
		offers = append(offers, prompt.Resume{
			Label:   draftLabel(d, at, e.ExpiryWarning(time.Now())),
			Patient: d.Patient, Clinician: d.Clinician, Team: d.Team,
			Answers: d.Answers, Section: d.Section,
			Chosen:  func() { draft = d },
			Claim:   func() error { _, err := st.ClaimDraft(d.ID); return err },
			Discard: func() error { return st.DiscardDraft(d.ID) },
		})
	}
	if others > 0 {
		fmt.Fprintf(w, "%d unfinished amendment(s) or follow-up(s) are kept as drafts; resume them in the full-screen interface.\n", others)
	}
	keep := func(pr prompt.Progress) {
		// The clinician and team typed, not the defaults: a resumed draft
		// is saved under the name of whoever was assessing.
		draft.Patient, draft.Answers = pr.Patient, pr.Answers
		draft.Clinician, draft.Team = pr.Clinician, pr.Team
		ans := pr.Answers
		draft.InstrumentVersion = questionnaire.V1.Version
		draft.Section = nextSection(questionnaire.V1, ans)
		if err := st.SaveDraft(&draft); err != nil {
			fmt.Fprintf(w, "(The answers so far could not be kept as a draft: %v)\n", err)
		}
	}
	save := func(r *record.Record) error {
		if r.ID.IsZero() {
			r.ID = draft.ID
		}
		if err := st.Save(r); err != nil {
			return err
		}
		draft = store.Draft{} // the next assessment is a new draft
		return nil
	}
	out, err := prompt.Run(prompt.Options{
		Instrument: questionnaire.V1,
		Directory:  dir,
		Clinician:  a.defaultClinician(),
		Team:       a.settings.Team,
		TeamPhone:  a.settings.TeamPhone,
		Save:       save,
		Draft:      keep,
		Drafts:     offers,
	}, cmd.InOrStdin(), w)
	if len(out.Saved) > 0 {
		fmt.Fprintf(w, "Saved %d assessment(s) in %s\n", len(out.Saved), st.Path())
	}
	if err != nil && !draft.ID.IsZero() {
		fmt.Fprintf(w, "The answers given so far are kept as a draft for patient %s.\n", draft.Patient)
	}
	return err
}

// nextSection is the first section with a question still to answer, where
// a draft made from plain prompts resumes ("" when only the optional
// questions are left, which the review offers).
func nextSection(ins *questionnaire.Instrument, a questionnaire.Answers) string {
	for _, s := range ins.Sections {
		if s.Optional {
			continue
		}
		for i := range s.Items {
			if it := &s.Items[i]; it.Required && it.Enabled(a) && len(a[it.LinkID]) == 0 {
				return s.ID
			}
		}
	}
	return ""
}
