package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"digicheck/site"
)

// A site file with problems (the site configuration, or its programmes
// file) was said only as its FILE:LINE problems, good for whoever edits
// the file and nothing a ward clinician could act on, and it stopped even
// show and history, so no earlier note could be read back meanwhile.

// noAssessmentUntilMended is the line said to a clinician after the
// problems of the site file at path, where an assessment cannot start.
func noAssessmentUntilMended(path string) string {
	return "No assessment can be made on this machine until the site file " + path + " is mended: tell whoever looks after digicheck here (IT or the digital lead)."
}

// stopsAssessment is err, a site file's problems that stop an assessment
// (a programmes file's, or the site configuration's), followed by
// noAssessmentUntilMended of the file at path.
func stopsAssessment(path string, err error) error {
	return fmt.Errorf("%w\n%s", err, noAssessmentUntilMended(path))
}

// assesses reports whether cmd assesses a patient: digicheck alone, new,
// followup or amend.
func assesses(cmd *cobra.Command) bool {
	return !cmd.HasParent() || slices.Contains([]string{"new", "followup", "amend"}, cmd.Name())
}

// readsSavedOnly reports whether cmd reads saved records back and needs
// none of the site's settings to do it: history, and show of a note (a
// handout is made with the site's team, phone and programmes).
func readsSavedOnly(cmd *cobra.Command) bool {
	switch cmd.Name() {
	case "history":
		return true
	case "show":
		for _, f := range []string{"handout", "large-print", "save", "output"} {
			if fl := cmd.Flags().Lookup(f); fl != nil && fl.Changed {
				return false
			}
		}
		return true
	}
	return false
}

// despiteBrokenSite is what cmd does with err, the settings not
// resolved: a site configuration with problems stops an assessment saying
// whom to tell, and lets show and history read the store (the one the
// file names, when that can be told, or --db or DIGICHECK_DB) without the
// site's other settings, saying so on standard error. s is the settings
// resolved as if there were no file (site.BrokenConfig).
func despiteBrokenSite(cmd *cobra.Command, s site.Settings, err error) (site.Settings, error) {
	var broken *site.BrokenConfig
	switch {
	case !errors.As(err, &broken):
		return s, err
	case assesses(cmd):
		return s, stopsAssessment(broken.Path, err)
	case !readsSavedOnly(cmd):
		return s, err
	}
	if s.Source["db"] == "default" {
		db, ok := broken.StoreDespiteProblems()
		if !ok {
			return s, fmt.Errorf("%w\n%s cannot tell from the site file %s which store to read: mend the file, or give the store with --db", err, cmd.CommandPath(), broken.Path)
		}
		if db != "" {
			s.DB, s.Source["db"] = db, "config"
		}
	}
	w := cmd.ErrOrStderr()
	sayLine(w, fmt.Sprintf("warning: the site file %s has problems, so %s reads the store without the site's settings: what is saved is shown as saved. %s The problems, for whoever mends the file:", broken.Path, cmd.CommandPath(), noAssessmentUntilMended(broken.Path)))
	for _, p := range strings.Split(broken.Error(), "\n") {
		sayLine(w, "  "+p)
	}
	return s, nil
}
