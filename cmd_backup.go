package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"digicheck/questionnaire"
	"digicheck/store"
)

func (a *app) backupCmd() *cobra.Command {
	var (
		replace bool
		keep    string
	)
	c := &cobra.Command{
		Use:   "backup DEST",
		Short: "Write a checked copy of the store, safe while assessments go on",
		Long: `Write a consistent copy of the store to DEST while assessments go on. DEST is
a file, or an existing folder, where the copy is named
digicheck-YYYYMMDDTHHMMSSZ.db (UTC). The copy is checked as digicheck check
does before it is put in place, so DEST is either left as it was or holds a
complete, checked copy. An existing file is never replaced unless --replace
is given, and the store itself never.

Ctrl+C stops a backup and removes its temporary copies, leaving DEST as it
was. Temporary copies left by a backup that was killed outright (named
.digicheck-backup-PID-...tmp, beside the store and in DEST's folder) are
removed by the next backup or export once that process is gone.

Into a folder, every copy is kept unless the site config sets backup_keep =
N or --keep N is given (--keep all keeps every copy whatever the config
says). Then, once the new copy has passed its check, older copies of the
same store in that folder beyond the N newest are removed, newest by the
time in their names, and each one removed is listed. A sound copy is never
removed before the new one has passed, so the folder needs room for N+1
copies: where it has room for N only, the backup fails and says so. Only files named
digicheck-YYYYMMDDTHHMMSSZ.db holding a copy of this store are removed, and
only when every record they hold is in the new copy: other files, copies of
another store and a backup still being written are left alone. A copy that
cannot be removed is reported and does not fail the backup. A file named as
a copy that cannot be read (damaged, cut short) is left in place, not
counted among those kept, and named in a warning. A copy named later than
now (made while a clock was wrong) is never taken for the newest by its
name: every backup into the folder, with --keep or without, names it in a
warning, and it is neither removed nor counted among those kept.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// A path ending in a separator names a folder: one that is
			// not there is a mistyped path, never a file to be made
			// under the folder's name.
			if d := args[0]; (strings.HasSuffix(d, "/") || strings.HasSuffix(d, string(filepath.Separator))) && !isDir(d) {
				return fmt.Errorf("there is no folder %s to back up into (a path ending in %q names a folder): check the path, or make the folder first", d, d[len(d)-1:])
			}
			n, err := a.backupKeep(keep, cmd.Flags().Changed("keep"), args[0])
			if err != nil {
				return err
			}
			st, err := a.existingStore()
			if err != nil {
				return err
			}
			// Ctrl+C, a closed window or a shutdown stops the copy and
			// removes its temporaries: a killed backup leaves a full copy
			// of the store behind under a hidden name.
			ctx, stop := cancelOnSignal(cmd.Context())
			defer stop()
			path, rep, err := st.Backup(args[0], store.BackupOptions{Replace: replace, Context: ctx})
			if errors.Is(err, store.ErrNoSpace) && isDir(args[0]) {
				return noRoomForCopies(st, args[0], n, err)
			}
			if err != nil {
				return err
			}
			// Paths are shown with control characters as escapes
			// (\x1b), never sent to the terminal, as errors are.
			_, err = fmt.Fprint(cmd.OutOrStdout(), fmt.Sprintf("Backed up %s\n     to %s\nRecords: %d; assessments: %d (counted %d, entered in error %d); drafts: %d%s. The copy passed its check.\n",
				questionnaire.Printable(st.Path()), questionnaire.Printable(path), rep.Records, rep.Assessments, rep.Counted, rep.Voided, rep.Drafts, backupSetAsideWords(len(rep.SetAside))))
			if err != nil {
				return err
			}
			// The copy is sound, but the store it came from is not:
			// said plainly, not as a plain success.
			for _, p := range rep.StoreProblems {
				fmt.Fprintln(cmd.ErrOrStderr(), questionnaire.Printable(fmt.Sprintf("WARNING: the store %s itself is damaged: %s", st.Path(), p)))
			}
			if !isDir(args[0]) {
				return nil
			}
			pruned, err := store.PruneBackups(path, n, st.Path())
			// A copy named later than now is said at every backup into
			// the folder, whatever is kept: sorted by its name it is the
			// newest, which a restore chooses.
			defer func() {
				for _, l := range pruned.Later {
					fmt.Fprintln(cmd.ErrOrStderr(), questionnaire.Printable(laterWarning(l, n)))
				}
			}()
			if n == 0 {
				return nil
			}
			if err != nil {
				// The copy is written and checked; only the pruning failed.
				fmt.Fprintln(cmd.ErrOrStderr(), questionnaire.Printable(fmt.Sprintf("Old backups not pruned: %v", err)))
				return nil
			}
			for _, p := range pruned.Removed {
				fmt.Fprintln(cmd.OutOrStdout(), questionnaire.Printable("Removed old backup "+p))
			}
			// More copies left than asked for: said why, so that the
			// number is not taken for a fault.
			for _, p := range pruned.Kept {
				fmt.Fprintln(cmd.OutOrStdout(), questionnaire.Printable(fmt.Sprintf("Kept old backup %s over the %d to keep: it holds records this store does not (a copy of another store made in the same second, or one written to since), which removing it would lose; remove it yourself once they are not needed", p, n)))
			}
			for _, p := range pruned.InUse {
				fmt.Fprintln(cmd.OutOrStdout(), questionnaire.Printable(fmt.Sprintf("Left %s: it is the store in use, named as a backup in this folder, not an old copy; it is never removed, nor counted among the %d to keep. Keep the store outside the backup folder (move it, and give its new path with --db or the site config's db)", p, n)))
			}
			for _, e := range pruned.Failed {
				fmt.Fprintln(cmd.ErrOrStderr(), questionnaire.Printable(e.Error()))
			}
			// Named as a backup but not readable: left, said, and never
			// to be taken for a sound copy.
			for _, u := range pruned.Unreadable {
				why := fmt.Sprintf("it cannot be read (%v)", u.Err)
				switch {
				case errors.Is(u.Err, store.ErrDamaged):
					why = "it is damaged; do not restore from it"
				case errors.Is(u.Err, store.ErrNotStore), errors.Is(u.Err, store.ErrNewerSchema):
					why = "it is not a digicheck store this digicheck can read; do not restore from it"
				case errors.Is(u.Err, store.ErrLocked):
					why = "it is open in another program"
				}
				fmt.Fprintln(cmd.ErrOrStderr(), questionnaire.Printable(fmt.Sprintf("WARNING: old backup %s left in place and not counted among the copies kept: %s", u.Path, why)))
			}
			return nil
		},
	}
	c.Flags().BoolVar(&replace, "replace", false, "replace DEST if it is an existing file")
	c.Flags().StringVar(&keep, "keep", "", "into a folder: keep the N newest copies of the store there (or all), over the site's backup_keep")
	return c
}

// laterWarning names a copy in the backup folder named later than now
// (made while a clock was wrong, or with this computer's clock set back
// now), which a backup into the folder keeping keep copies (0: every copy)
// left in place: said at every backup, as its name sorts it as the
// newest, which the restore steps choose.
func laterWarning(l store.LaterBackup, keep int) string {
	what := "Do not take it for the newest copy by its name: restore from the newest copy named up to now that checks OK."
	if l.Lacks {
		what = "It lacks records the new copy holds, so it is not the newest copy, whatever its name says: do not restore from it while a copy named up to now checks OK."
	}
	left := "It is left in place"
	if keep > 0 {
		left += fmt.Sprintf(" and not counted among the %d to keep", keep)
	}
	return fmt.Sprintf("WARNING: old backup %s is named later than now (%s UTC by this computer's clock), so its name does not say when it was made: a clock was wrong when it was made, or this computer's clock is wrong now. %s %s. Check this computer's clock; once it is right, move that copy out of this folder, or remove it once it is not needed.",
		l.Path, time.Now().UTC().Format("2006-01-02 15:04"), what, left)
}

// backupSetAsideWords says, in a backup's summary after its count of drafts, how
// many of them were set aside as damaged (n; "" when none): such a draft
// is copied as the damaged bytes it is, not whole, and "drafts: 2" alone
// let whoever read the summary take it for copied and never enter that
// assessment again.
func backupSetAsideWords(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return ", 1 of them damaged and set aside, so not copied whole: it cannot be resumed from the store or this copy, so enter that assessment again (digicheck check names whose it is)"
	}
	return fmt.Sprintf(", %d of them damaged and set aside, so not copied whole: they cannot be resumed from the store or this copy, so enter those assessments again (digicheck check names whose they are)", n)
}

// backupKeep is how many copies a backup to dest keeps: --keep if given,
// else the site's backup_keep; 0 keeps every copy. A file dest keeps
// nothing to prune, so --keep with one is refused as a likely mistake.
func (a *app) backupKeep(flag string, given bool, dest string) (int, error) {
	folder := false
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		folder = true
	}
	if !given {
		if !folder {
			return 0, nil
		}
		return a.settings.Config.BackupKeep, nil
	}
	n := 0
	if flag != "all" {
		v, err := strconv.Atoi(flag)
		if err != nil || v < 1 {
			return 0, fmt.Errorf("--keep %q: give how many copies to keep, 1 or more, or all", flag)
		}
		n = v
	}
	if !folder {
		return 0, fmt.Errorf("--keep applies to a backup into a folder; %s is not one", dest)
	}
	return n, nil
}

// noRoomForCopies is a backup into the folder dir refused as its disk is
// full, said with why a folder that holds the copies kept fills up: a new
// copy is written and checked before the oldest is removed (a sound copy is
// never removed before a new one has passed), so the folder needs room for
// one copy more than it keeps. Said only as "the disk is full", a nightly
// backup failed every night from then on.
func noRoomForCopies(st *store.Store, dir string, keep int, err error) error {
	have, size := st.CopiesIn(dir)
	if size == 0 {
		if fi, serr := os.Stat(st.Path()); serr == nil {
			size = fi.Size() // a copy is at most the store's size
		}
	}
	var why string
	if keep > 0 {
		fewer := ""
		if keep > 1 {
			fewer = fmt.Sprintf(", or lower backup_keep (or --keep) to %d", keep-1)
		}
		why = fmt.Sprintf("This folder holds %d backup copies of this store, and %d are kept. A new copy is written and checked before the oldest is removed, so that a sound copy is never removed first: the folder needs room for %d copies, one more than it keeps, each about %s. Free at least %s there%s, or back up to a bigger folder.",
			have, keep, keep+1, store.SizeText(size), store.SizeText(size), fewer)
	} else {
		why = fmt.Sprintf("This folder holds %d backup copies of this store, each about %s, and every copy is kept (backup_keep is not set). Remove old copies you no longer need, or set backup_keep in the site config so that older copies are removed; the folder needs room for one copy more than it keeps.",
			have, store.SizeText(size))
	}
	return startWhy{err.Error() + ". " + why, err}
}
