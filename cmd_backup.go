package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"digicheck/store"
)

func (a *app) backupCmd() *cobra.Command {
	var replace bool
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
removed by the next backup or export once that process is gone.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Backed up %s\n     to %s\nRecords: %d; assessments: %d (counted %d, entered in error %d); drafts: %d. The copy passed its check.\n",
				st.Path(), path, rep.Records, rep.Assessments, rep.Counted, rep.Voided, rep.Drafts)
			return err
		},
	}
	c.Flags().BoolVar(&replace, "replace", false, "replace DEST if it is an existing file")
	return c
}
