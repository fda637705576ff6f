package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"digicheck/push"
	"digicheck/questionnaire"
	"digicheck/remote"
	"digicheck/report"
	"digicheck/store"
)

// exportCmd writes the store's records for a data warehouse or a FHIR
// server. Data goes to stdout (or --output); what it says about the data
// goes to stderr.
func (a *app) exportCmd() *cobra.Command {
	var (
		format, from, to, keyFile, output string
		identifiable                      bool
		server, tz                        string
	)
	c := &cobra.Command{
		Use:   "export --format csv|ndjson|fhir",
		Short: "Write the store's records as CSV, NDJSON or FHIR R4, pseudonymised",
		Long: `Write the store's records for a data warehouse or a FHIR server.

--format csv: one row per record, every version of every assessment (voids
too, so the counting rule can be applied downstream), with stable, documented
columns, in this order (new columns only ever go on the end):

  ` + exportColumns + `

Then, where the export holds records of a later instrument version, a column
for each question it adds (instrument version 2 adds these):

  ` + exportAddedColumns + `

An export read with --read-damaged, or from a store digicheck check found
damaged, has one more column last, damaged_store, saying so on every row
(and NDJSON a field of that name on every line); summary warns of it.
A store whose QI copy (the summary rows summary counts) is damaged, its
records sound, is exported from the records themselves, every one of them,
more slowly, with a warning; summary refuses such a store.

A record that cannot be read gets a row, after the others, with its id,
status unreadable and, where the store's links say, the version it
replaces in amends, the rest empty: that version is never read as
current, and summary stops there.

status is completed, amended or entered-in-error; amends names the record
a version supersedes. An assessment counts once, as the version no other
record amends, unless that version is entered-in-error. time carries its
UTC offset: in an identifiable export it is exact, in UTC; in a
pseudonymised one it is at the site's precision (see below), by default
the start of the local day in the export's time zone with that zone's
offset. date is its date in the export's time zone, and time_zone names
that zone: --tz, else the site config's timezone, else Europe/London
(never the machine's own). summary counts by time and time_zone and
ignores date, so a date column a spreadsheet reformatted (05/01/2026)
changes nothing; it refuses a CSV whose time_zone is not the zone it
counts in, and names the --tz to give. fingerprint, in a
pseudonymised export, marks the record the same way in every export of its
store under any key, so that summary counts it once when two exports made
with different keys are read together; it reveals nothing of the record
(see docs/disclosure.md). A store whose own secret is damaged is exported
with the column empty, saying so, and marked damaged_store; summary refuses
such a file beside one with fingerprints. Bands are none, some or
significant; lists (referrals_*, outcomes_*, multiple answers) are
separated by ";". Free text starting with = + - @ gets a ' in front so a
spreadsheet does not run it.

The last row is the export's end mark, not a record: "end of export: N
records above; from FROM to TO; made MADE" in the id column and N in
end_mark (a column empty on every record's row), the other fields empty but
damaged_store. FROM to TO is the span the export covers (from the start of
the day --from gives, else of the first assessment's; up to the end of the
day --to gives, or MADE, when it was made, if sooner), each an RFC 3339
time: summary marks a month the span starts or ends inside as partial,
whatever the file's time says. A spreadsheet shows it as the last row; leave
it out when loading the records elsewhere (its id is no UUID), as rows whose
end_mark is not empty. summary checks it: a file cut short at a row's end (a
full disk, a copy interrupted) has none, or another count, and is refused as
incomplete. An export of an earlier digicheck has no end_mark column: it is
read, with a note that whether it is complete cannot be checked.

--format ndjson: every record, one JSON object a line, as digicheck keeps it
(pseudonymised as below), between a first line {"digicheck_export":"start"}
and a last line {"digicheck_export":"end","records":N,"from":FROM,"to":TO,
"made":MADE}, the end mark with the export's span as in a CSV (with
damaged_store too when the records carry it): skip the lines with a
digicheck_export field when loading the records elsewhere. digicheck summary
reads these files back, and refuses one whose end mark is missing or counts
other records, as incomplete. A record that cannot be read gets a line of
its own in its place, with status unreadable and, where the store's links
say, the version it replaces in amends: that version is never read as
current, and summary stops there.

--format fhir: one FHIR R4 QuestionnaireResponse per assessment, one a line:
the latest version's answers by linkId, under the id of the assessment's
first version, with status completed, amended or entered-in-error, and the
Questionnaire's canonical URL and version (digicheck questionnaire --format
fhir prints the Questionnaire). After each response, the resources derived
from it, each pointing back at it: an Observation per domain's band, an
Observation of the contact route, a Flag per communication need (in the
shape of NHS England's Reasonable Adjustment Flag) and a ServiceRequest per
referral the patient agreed to. The site config's fhir_base,
local_number_system, pseudonym_system and ods_code set the canonical base,
the identifier systems and the organisation. A version that cannot be read
gets an OperationOutcome in its place, naming it and its assessment's
response; read from a damaged store, every resource carries a meta tag with
code damaged-store saying why. The last line is the end mark, a resource
too: an OperationOutcome whose id starts end-of-export-, its one issue
(severity information) saying how many resources are above it, a count also
in its extension .../StructureDefinition/export-resources (valueInteger),
and the span it covers, as in a CSV, in its extensions
.../StructureDefinition/export-span (valuePeriod) and
.../StructureDefinition/export-made (valueDateTime). A file whose last line
is not the mark, or whose lines above it are not that many, is incomplete
(cut short, or changed since): do not load it; export it again.

Pseudonymised by default (personal data still, under UK GDPR: not anonymous):
- each patient is named by a pseudonym, an HMAC-SHA256 of their NHS number or
  local number under the site's pseudonym key;
- each record id (printed in the note pasted into the EHR) is replaced by a
  pseudonymous id made the same way, and so are the ids in amends and
  follows_up, so versions and follow-ups still join;
- times are given to the date (the start of the local day), or to the minute
  or exactly if the site config sets export_time_precision = "minute" or
  "exact";
- the clinician's name and typed reasons (for a void, an amendment, a
  referral not taken up) are left out; the team and the answers, the
  interpreter language among them, stay.
Every machine with the same key gives the same pseudonyms, so exports link
and a summary of several counts each record once. The key is the file named
by pseudonym_key_file in the site config, or --key-file. Make one with
"digicheck keygen FILE" and copy it to every machine of the site: the key is
as sensitive as the data (with it, every NHS number can be tried). FHIR
responses carry the security label PSEUDED. --identifiable writes NHS
numbers, local numbers, record ids, exact times and clinicians instead, and
says so.

Ctrl+C stops an export; with -o nothing is written. Temporary files left by
an export that was killed outright go at the next export or backup.

--from and --to select assessments by the date of their first version, and
export every version of each.

--server URL exports every assessment on the trust's FHIR server instead of
the store: the server's QuestionnaireResponses are read page by page into a
cache store beside yours (only those changed since the last read, after the
first time) and exported from it as from a store.`,
		Example: `  digicheck export --format csv > digicheck.csv
  digicheck export --format fhir --from 2026-01-01 --to 2026-03-31 \
      -o q1.ndjson
  digicheck export --format ndjson --identifiable > identifiable.ndjson`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			if f := cmd.Flags().Lookup("team"); f != nil && f.Changed {
				// --team is the team written on new assessments; an
				// export takes no team filter, and one silently ignored
				// would send every team's patients.
				return usageError{fmt.Errorf("export has no team filter: --team %q names the team recorded on new assessments, and an export writes every team's records; export without --team and keep the team column's rows you need, or count one team with digicheck summary --team", f.Value.String())}
			}
			// A programmes file with a problem stops an export as it
			// stops a summary and an assessment, saying the file and
			// line: the export went on, exit 0 and no word, and the
			// site learnt of the problem only from a board paper.
			if _, err := a.directory(); err != nil {
				return err
			}
			var write func(io.Writer, report.ExportOptions) (int, error)
			switch format {
			case report.FormatCSV, report.FormatNDJSON, report.FormatFHIR:
			case "":
				return usageError{errors.New("say which format: --format csv, ndjson or fhir")}
			default:
				return usageError{fmt.Errorf("unknown format %q: use csv, ndjson or fhir", format)}
			}
			loc, err := a.zone(tz)
			if err != nil {
				return err
			}
			opts := report.ExportOptions{Identifiable: identifiable, FHIR: a.settings.Config.FHIRSite(), Location: loc}
			if opts.From, err = parseDayIn("--from", from, loc); err != nil {
				return usageError{err}
			}
			if opts.To, err = parseDayIn("--to", to, loc); err != nil {
				return usageError{err}
			}
			if !opts.From.IsZero() && !opts.To.IsZero() && opts.From.After(opts.To) {
				return usageError{fmt.Errorf("--from %s is after --to %s: no day is in that period; give the first day with --from and the last with --to", from, to)}
			}
			stderr := cmd.ErrOrStderr()
			if !identifiable {
				fromConfig := keyFile == ""
				if fromConfig {
					keyFile = a.settings.Config.PseudonymKeyFile
				}
				if keyFile == "" {
					return a.noKeyError()
				}
				if opts.Key, err = report.LoadKey(keyFile); err != nil {
					return a.keyFileError(keyFile, fromConfig, err)
				}
				opts.TimePrecision = a.settings.Config.ExportTimePrecision
			}
			var st *store.Store
			// A store file cut short is read from a copy padded to its
			// full length: what it still holds is exported, marked.
			var torn *store.CutShort
			// The server's record versions its cache could not keep,
			// and what it lacks of those read from it before.
			var serverLeft []remote.Skipped
			var short *serverShort
			switch {
			case server != "":
				st, serverLeft, short, err = a.syncServerShort(cmd, server)
			default:
				var ok bool
				if st, torn, ok = openCutShort(a.storePath()); ok {
					defer torn.Close()
					defer func() { err = store.HideTemporaries(err, torn.Path, torn.Temp()) }()
				} else {
					st, err = a.existingStore()
				}
			}
			if err != nil {
				return err
			}
			shown := st.Path()
			if torn != nil {
				shown = torn.Path
				sayWrapped(questionnaire.NewPrintableWriter(stderr), "warning: "+torn.String()+". The export holds every record that can be read from what is left, and is marked as made from a damaged store; keep the file as it is, and restore the store from a backup")
			}
			// The store's own secret, which a pseudonymised export's
			// fingerprints are made with, is read before anything is
			// said: read only as the records were written, a damaged one
			// left every fingerprint empty, said nothing and marked
			// nothing (its damage note, left by that read, marked only
			// the next export).
			noPrints := false
			if !identifiable {
				_, serr := st.SourceSecret()
				noPrints = serr != nil
			}
			warnDamaged(cmd, st, "the export")
			if noPrints {
				pw := questionnaire.NewPrintableWriter(stderr)
				sayWrapped(pw, "warning: the records in this export have no fingerprints, because the store's own secret, which they are made with, is damaged. digicheck summary cannot tell them from the same records in an export made with another pseudonym key, so it refuses the two together rather than have each assessment counted twice. The file is marked as made from a damaged store: run digicheck check, keep the store file as it is, and restore it from a backup")
				_ = pw.Close()
			}
			if format != report.FormatNDJSON || from != "" || to != "" {
				// Made from the QI copy, or selected by it: an NDJSON
				// export of every record reads the records alone.
				noteUnsummed(cmd, st, "the export")
			}
			if err := metaGate(cmd, st, "the export"); err != nil {
				return err
			}
			if format != report.FormatNDJSON || from != "" || to != "" {
				// The QI copy damaged, the records sound: the export is
				// worked out from the records, and holds them all.
				if qerr := st.QICopyDamage(); errors.Is(qerr, store.ErrDamaged) {
					opts.FromRecords = true
					warnQICopy(stderr, qerr)
				} else if qerr != nil {
					return qerr
				}
			}
			// Pages of records that cannot be read are found before the
			// first byte is written, so that every line carries the mark
			// and each record they held gets its unreadable line: a
			// stream to standard output cannot be taken back.
			opts.Damaged = damagedMark(st)
			if torn != nil {
				opts.Damaged = "the store file is cut short: records may be left out"
			}
			if noPrints {
				opts.Damaged = strings.Join(slices.DeleteFunc([]string{opts.Damaged, secretMark}, func(s string) bool { return s == "" }), "; ")
			}
			lostPages := st.LostRecordPages
			if format == report.FormatCSV && !opts.FromRecords {
				// The CSV export checks every record before its first
				// row (SumFailures): the skim's findings and that check
				// are made from one read of the pages of records.
				lostPages = st.RecordPagesChecked
			}
			if opts.Lost, err = lostPages(); err != nil {
				if output != "" && output != "-" {
					return fmt.Errorf("nothing was written to %s: %w", output, err)
				}
				return err
			}
			if m := opts.Lost.Mark(); m != "" {
				opts.Damaged = strings.Join(slices.DeleteFunc([]string{m, opts.Damaged}, func(s string) bool { return s == "" }), "; ")
				pw := questionnaire.NewPrintableWriter(stderr)
				// In lines whole at 80 columns, as a terminal shows them.
				switch {
				case opts.Lost.Missing() > 0:
					// Records no readable page holds or names: not in
					// the export, and none has a line in its place. The
					// read ends short of the store's count, so the export
					// fails at its end with no end mark; a file (-o) is
					// then never put in place. It was told "each record
					// named lost is exported as an unreadable line" where
					// none was named, and -o "the export holds only the
					// records found" where nothing was written.
					gone, have := fmt.Sprintf("%d records no readable page holds or names", opts.Lost.Missing()), "have"
					if opts.Lost.Missing() == 1 {
						gone, have = "1 record no readable page holds or names", "has"
					}
					named := ""
					if len(opts.Lost.Spans()) > 0 {
						named = ", each record named lost below exported as an unreadable line or row in its place"
					}
					if output != "" && output != "-" {
						sayWrapped(pw, withGiven("warning: "+m+": nothing will be written to "+output+": the "+gone+" can have no line or row in the export, so it will fail once the records found are read, and an export is never put in place incomplete; run digicheck check (its --salvage NEWFILE saves the records still whole), keep the file as it is, and restore the store from a backup", storeGiven(st.Path())))
					} else {
						sayWrapped(pw, withGiven("warning: "+m+": the export holds only the records found"+named+"; the "+gone+" "+have+" no line or row in the export, and it will fail at the end, with no end mark, so that no summary counts it as whole; run digicheck check, keep the file as it is, and restore the store from a backup", storeGiven(st.Path())))
					}
				case opts.Lost.Lost():
					sayWrapped(pw, withGiven("warning: "+m+": each record lost is exported as an unreadable line or row in its place, and the export will fail at the end; run digicheck check", storeGiven(st.Path())))
				default:
					sayWrapped(pw, withGiven("warning: "+m+": the export holds every record, and is marked as made from a damaged store; run digicheck check, keep the file as it is, and restore the store from a backup", storeGiven(st.Path())))
				}
				for _, sp := range opts.Lost.Spans() {
					sayWrapped(pw, "  records lost: "+sp)
				}
				_ = pw.Close()
			}
			// Records that cannot be read are left out, named and make
			// the export fail at the end: never a silent partial export.
			opts.Unreadable = &report.Unreadables{}
			if (output == "" || output == "-") && opts.Damaged == "" && format == report.FormatCSV && !opts.FromRecords {
				// A stream cannot be written again with the mark, as a
				// file is when the export finds damage itself: the CSV
				// export checks the records' checksums before its header,
				// and marks every row when one fails (checked here as
				// well, it read a million records' bytes twice: 1.3 s).
				opts.DamagedIfFound = foundByExport
			} else if (output == "" || output == "-") && opts.Damaged == "" {
				// The NDJSON and FHIR exports check the records'
				// checksums first, for the same reason.
				bad, err := st.SumFailures(opts.Lost)
				if err != nil {
					return err
				}
				if len(bad) > 0 {
					opts.Damaged = foundByExport
				}
			}
			if m := serverLeftMark(serverLeft); m != "" {
				// Each version the cache could not keep has its
				// unreadable row or line, counted by the end mark, and
				// the export fails, as for a record the store cannot
				// read: the file is never taken for the server's whole.
				opts.Damaged = strings.Join(slices.DeleteFunc([]string{m, opts.Damaged}, func(s string) bool { return s == "" }), "; ")
				for _, s := range serverLeft {
					if !s.Record.IsZero() {
						opts.Absent = append(opts.Absent, store.Unreadable{ID: s.Record.String(), Why: fmt.Sprint(s.Err)})
					}
				}
			}
			if short != nil {
				// Said on standard error alone, the file was taken for
				// the server's whole: it carries the mark, as a
				// summary of the server carries its caveat.
				opts.Damaged = strings.Join(slices.DeleteFunc([]string{opts.Damaged, short.mark()}, func(s string) bool { return s == "" }), "; ")
			}
			switch format {
			case report.FormatCSV:
				write = func(w io.Writer, o report.ExportOptions) (int, error) { return report.ExportCSV(w, st, o) }
			case report.FormatNDJSON:
				write = func(w io.Writer, o report.ExportOptions) (int, error) { return report.ExportNDJSON(w, st, o) }
			case report.FormatFHIR:
				write = func(w io.Writer, o report.ExportOptions) (int, error) { return report.ExportFHIR(w, st, o) }
			}
			// Ctrl+C, a closed window or a shutdown stops the export and
			// removes its temporary file.
			ctx, stop := cancelOnSignal(cmd.Context())
			defer stop()
			opts.Context = ctx
			out := cmd.OutOrStdout()
			var file *os.File
			if output != "" && output != "-" {
				// Never write over an existing file: -o naming the store
				// itself, or an earlier export, would destroy it.
				if _, err := os.Lstat(output); err == nil {
					return fmt.Errorf("%s already exists; export to a new file name (an export never replaces a file)", output)
				}
				// Written under a temporary name and put in place only when
				// complete, so a failed export leaves no partial file. The
				// temporaries of exports and backups that were killed are
				// cleared first: each is a copy of patient data.
				dir := filepath.Dir(output)
				store.SweepTemporaries(dir)
				store.SweepTemporaries(filepath.Dir(st.Path()))
				if file, err = store.CreateTemp(dir, "export"); err != nil {
					return cannotWriteTo("export", output, err)
				}
				tmp := file.Name()
				// Removed on every way out (an error, Ctrl+C, a panic), and
				// never named in an error: the user asked for output.
				defer func() {
					file.Close()
					os.Remove(tmp)
				}()
				defer func() { err = store.HideTemporaries(err, output, tmp) }()
				// Exports hold patient data: readable by the owner only.
				if err := file.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
					return err
				}
				out = file
			}
			if identifiable {
				// Said once the store is open and the file made, never
				// before a refusal: it told the user identifiable data
				// had been written when nothing had.
				sayWrapped(stderr, "IDENTIFIABLE: this export holds NHS numbers and local hospital numbers. Store and send it as identifiable patient data.")
			}
			p := progress(stderr, "exported")
			opts.Progress = p
			// The end mark says when the export was made, with its span:
			// the same if it is written again below.
			opts.Made = time.Now()
			n, err := write(out, opts)
			p(-1)
			if file != nil && err == nil && opts.Damaged == "" && len(opts.Unreadable.List()) > 0 {
				// Damage this export found itself is marked in its
				// file, as a later export's is: written again, marked.
				opts.Damaged, opts.Unreadable, opts.Progress = foundByExport, &report.Unreadables{}, nil
				if _, err = file.Seek(0, io.SeekStart); err == nil {
					if err = file.Truncate(0); err == nil {
						n, err = write(file, opts)
					}
				}
			}
			if errors.Is(err, context.Canceled) {
				if file != nil {
					return fmt.Errorf("export cancelled: nothing was written to %s", output)
				}
				return errors.New("export cancelled: what was written to standard output is incomplete")
			}
			if file != nil {
				if serr := file.Sync(); err == nil {
					err = serr
				}
				if cerr := file.Close(); err == nil {
					err = cerr
				}
				if err == nil && ctx.Err() != nil {
					return fmt.Errorf("export cancelled: nothing was written to %s", output)
				}
				if err == nil {
					// Link, not rename: it fails if the name was taken
					// meanwhile, so nothing is ever replaced.
					if err = os.Link(file.Name(), output); err != nil {
						// Some drives (FAT USB sticks) have no hard links:
						// rename instead, the name having been free just now.
						if _, serr := os.Lstat(output); serr != nil {
							err = os.Rename(file.Name(), output)
						}
						if err != nil {
							err = fmt.Errorf("cannot put the export at %s: %w", output, err)
						}
					}
				} else if errors.Is(err, store.ErrDamaged) {
					// The store could not be read: the destination is
					// not at fault.
					err = fmt.Errorf("nothing was written to %s: %w", output, err)
				} else {
					err = fmt.Errorf("cannot write the export to %s: %w", output, err)
				}
			}
			if err != nil {
				return err
			}
			what := "records"
			if format == report.FormatFHIR {
				what = "assessments"
			}
			kind := "pseudonymised, times to the " + cmp.Or(opts.TimePrecision, report.PrecisionDate)
			if opts.TimePrecision == report.PrecisionExact {
				kind = "pseudonymised, exact times"
			}
			if identifiable {
				kind = "IDENTIFIABLE"
			}
			// The records that could not be read have each a row, line
			// or entry of their own in the file, counted by its end
			// mark: said with the records read, as the mark counts them.
			unit, placed, below, above := unreadableUnit(format), 0, 0, 0
			for _, u := range opts.Unreadable.List() {
				if opts.Unreadable.Written(u.ID) {
					below++
				}
			}
			for _, u := range opts.Absent {
				if opts.Unreadable.Written(u.ID) {
					above++
				}
			}
			placed = below + above
			// Where each is named: the store's below, as unreadable;
			// the server's versions its cache could not keep above, as
			// read ("named below" was said of those, and none followed).
			named := "named below as unreadable"
			switch {
			case below == 0:
				named = "the FHIR server's versions this machine could not keep, named above"
			case above > 0:
				named = "named below as unreadable, and above, the FHIR server's versions this machine could not keep"
			}
			switch {
			case placed == 0:
				sayWrapped(stderr, fmt.Sprintf("Exported %d %s (%s, %s) from %s.", n, what, format, kind, questionnaire.Printable(shown)))
			case format == report.FormatFHIR:
				sayWrapped(stderr, fmt.Sprintf("Exported %d %s (%s, %s) from %s. With them, %d %s in the place of %s that could not be read (%s).", n, what, format, kind, questionnaire.Printable(shown), placed, pluralUnit(placed, unit), pluralUnit(placed, "record"), named))
			default:
				sayWrapped(stderr, fmt.Sprintf("Exported %d records (%s, %s) from %s. Of these, %d %s written in the place of %s that could not be read (%s), which a summary of the file refuses.", n+placed, format, kind, questionnaire.Printable(shown), placed, pluralUnit(placed, "is an "+unit, "are "+unit+"s"), pluralUnit(placed, "record"), named))
			}
			a.sayVoidedOnServers(stderr, st, "this export", "")
			if opts.FromRecords && len(opts.Unreadable.List()) == 0 {
				// Every record is in it: a summary can count from it
				// while the store is refused.
				sayWrapped(stderr, "Until the store is restored, digicheck summary can count from this export: give it the export's file name (digicheck summary FILE).")
			}
			if err := exportLeftOut(stderr, opts.Unreadable); err != nil {
				return err
			}
			var under []remote.Skipped
			if short != nil {
				under = short.under
			}
			return serverLeftErr(serverLeft, under, "in this export as unreadable")
		},
	}
	f := c.Flags()
	f.StringVar(&format, "format", "", "csv, ndjson or fhir")
	f.StringVar(&from, "from", "", "first day, YYYY-MM-DD, of the assessments exported")
	f.StringVar(&tz, "tz", "", "time zone of the date column and of --from and --to, an IANA name such as UTC (default: the site config's timezone, else Europe/London)")
	f.StringVar(&to, "to", "", "last day, YYYY-MM-DD, of the assessments exported")
	f.BoolVar(&identifiable, "identifiable", false, "write NHS numbers, local numbers, record ids, exact times and clinicians instead of pseudonyms")
	f.StringVar(&keyFile, "key-file", "", "pseudonym key file (default: pseudonym_key_file in the site config)")
	f.StringVarP(&output, "output", "o", "", "write to this file (created readable by you only) instead of stdout")
	f.StringVar(&server, "server", "", "export every assessment on this FHIR server (read into a cache beside your store) instead of the store")
	addMaxWait(c)
	addReadDamagedFlag(c)
	return c
}

// serverLeftMark is the damaged_store mark of an export or summary of a
// FHIR server whose cache could not keep left, or "" for none.
func serverLeftMark(left []remote.Skipped) string {
	return report.ServerLeftMark(len(left))
}

// serverLeftErr is the error an export or summary of a FHIR server ends
// with when its cache could not keep the versions left (named above, on
// standard error): how, the output says ("in this export as unreadable").
// under are the follow-ups left out because the server lacks the version
// each follows up (lostUnder), which the output's SERVER SHORT caveat or
// mark says: the counts lack them, so the command fails for them too.
func serverLeftErr(left, under []remote.Skipped, how string) error {
	var parts []string
	if len(left) > 0 {
		parts = append(parts, keptLeftWords(left, how))
	}
	if len(under) > 0 {
		what := "1 follow-up on the FHIR server was left out (named above; said in the output as SERVER SHORT): it follows up a version of an earlier assessment that the server does not hold"
		if len(under) != 1 {
			what = fmt.Sprintf("%d follow-ups on the FHIR server were left out (named above; said in the output as SERVER SHORT): each follows up a version of an earlier assessment that the server does not hold", len(under))
		}
		parts = append(parts, what+" (it lost it, restored from an older backup or emptied, or was never sent it), so the counts lack it until the server holds that version again; the machines that made and changed those earlier assessments should run digicheck push --check-server (docs/fhir-server.md, \"A server that lost records\")")
	}
	if len(parts) == 0 {
		return nil
	}
	return errors.New(strings.Join(parts, "; and "))
}

// keptLeftWords says the versions left that the cache could not keep.
func keptLeftWords(left []remote.Skipped, how string) string {
	what := "1 record version on the FHIR server could not be kept here and was left out"
	if len(left) != 1 {
		what = fmt.Sprintf("%d record versions on the FHIR server could not be kept here and were left out", len(left))
	}
	unread, refused, why := 0, 0, ""
	for _, s := range left {
		if ue := (*remote.UnlinkedError)(nil); errors.As(s.Err, &ue) && ue.Unread != nil {
			if w := remote.HistoryRefused(ue.Unread); w != "" {
				refused, why = refused+1, w
				continue
			}
			unread++
		}
	}
	if refused == len(left) {
		// A history the server refuses outright (some FHIR servers
		// turn _history off) stays refused: "run this again when the
		// server answers" was said of it, which no retry makes true.
		it := map[bool]string{true: "it", false: "them"}[len(left) == 1]
		return fmt.Sprintf("%s (marked %s): the FHIR server refuses the history that would place %s (it answered %s), and %s left out until it gives that history, however often this is run; tell IT that digicheck reads a QuestionnaireResponse's _history from this server to place an amended or followed-up version, giving the versions named above", what, how, it, why, map[bool]string{true: "it stays", false: "they stay"}[len(left) == 1])
	}
	if unread == len(left) {
		return fmt.Sprintf("%s (marked %s): the FHIR server's history that would place it could not be read now, so it is not counted this time; run this again when the server answers", what, how)
	}
	if unread > 0 || refused > 0 {
		// Of more than one kind: each said as what it is.
		var of []string
		if unread > 0 {
			of = append(of, fmt.Sprintf("%d could not be placed because the FHIR server's history could not be read now (run this again when the server answers)", unread))
		}
		if refused > 0 {
			of = append(of, fmt.Sprintf("%d because the FHIR server refuses the history that would place it (it answered %s), however often this is run", refused, why))
		}
		if other := len(left) - unread - refused; other > 0 {
			of = append(of, fmt.Sprintf("%d because the server holds it in a form this machine cannot take in", other))
		}
		return fmt.Sprintf("%s (marked %s): of them, %s; tell IT, giving the versions named above", what, how, strings.Join(of, ", "))
	}
	return fmt.Sprintf("%s (marked %s): the server holds records this machine cannot take in; tell IT, giving the versions named above", what, how)
}

// keyFileError is err, the failure to read the pseudonym key file
// path (named by the site config's pseudonym_key_file when fromConfig,
// else by --key-file), said with what to do when the file is not there:
// "open nokey.key: no such file or directory" named neither the config
// line nor the folder a relative name is read from. A new key is not the
// remedy for a site that has one: every patient would get a new
// pseudonym, and earlier exports would no longer join.
func (a *app) keyFileError(path string, fromConfig bool, err error) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if abs, aerr := filepath.Abs(path); aerr == nil {
		path = abs
	}
	if !fromConfig {
		return fmt.Errorf("pseudonym key: %s does not exist (--key-file): give the path of the site's key file", path)
	}
	where := "pseudonym_key_file in the site config"
	if cfg := a.settings.ConfigFile; cfg != "" {
		if abs, aerr := filepath.Abs(cfg); aerr == nil {
			cfg = abs
		}
		if n := topLevelKeyLine(cfg, "pseudonym_key_file"); n > 0 {
			cfg = fmt.Sprintf("%s:%d", cfg, n)
		}
		where = "pseudonym_key_file, " + cfg + ", a name read from the config file's folder"
	}
	return fmt.Errorf("pseudonym key: %s does not exist (%s): copy the site's key file there, from a machine that exports, or correct pseudonym_key_file. "+
		"Make a new key (digicheck keygen FILE) only for a site that has none: a new key gives every patient a new pseudonym", path, where)
}

// topLevelKeyLine is the line of the TOML file path that sets key before
// any table, or 0 if none does (or the file cannot be read).
func topLevelKeyLine(path, key string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for i, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			return 0
		}
		if rest, ok := strings.CutPrefix(l, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 0
}

func (a *app) noKeyError() error {
	cfg := a.settings.ConfigFile
	if cfg == "" {
		cfg = "the site config file (--config, or config.toml in your user config folder)"
	}
	return fmt.Errorf("%w: a pseudonymised export names patients by a keyed pseudonym, and no key is set.\n"+
		"Make the site's key once with:  digicheck keygen /path/to/digicheck.key\n"+
		"copy that file to every machine of the site, and add to %s:\n"+
		"  pseudonym_key_file = \"/path/to/digicheck.key\"\n"+
		"or give it with --key-file. To export NHS numbers instead, use --identifiable", report.ErrNoKey, cfg)
}

// keygenCmd makes a site's pseudonym key.
func (a *app) keygenCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "keygen FILE",
		Short: "Make a new pseudonym key for pseudonymised exports",
		Long: `Make a new random pseudonym key (32 bytes, written as 64 hex digits) in FILE,
readable by you only. It never overwrites a file: a new key would give every
patient a new pseudonym, and exports made before would no longer link.

Make one key per site, copy the file to every machine that exports, and name
it in the site config:

  pseudonym_key_file = "/path/to/digicheck.key"

Anyone with the key and a list of NHS numbers can tell whose records a
pseudonymised export holds: the key is as sensitive as the data. Keep it
readable by its owner only (on Unix, exports refuse a key file the group or
others can read: chmod 600 FILE; Windows has no such mode, so restrict the
folder's access instead). A weak key (all zero, a repeated pattern) is
refused.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := report.NewKeyFile(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "Made a new pseudonym key in %s. Copy it to every machine of the site and set pseudonym_key_file in the site config.\n", args[0])
			return nil
		},
	}
}

// warnQICopy says, on standard error, that the QI copy of the records
// cannot be read (err, from store.QICopyDamage), what the export does
// instead, and what to do; the technical finding last, for IT.
func warnQICopy(w io.Writer, err error) {
	detail := err.Error()
	if se := (*store.Error)(nil); errors.As(err, &se) && se.Cause != nil {
		detail = se.Cause.Error()
	}
	pw := questionnaire.NewPrintableWriter(w)
	sayWrapped(pw, "warning: the QI copy of the records in this store (the summary rows that digicheck summary counts) is damaged. The records themselves are read instead, so this export holds every record that can be read, and takes longer. digicheck summary refuses this store until it is restored from a backup: run digicheck check, keep the file as it is, and restore the store from a backup. For IT: "+detail)
	_ = pw.Close()
}

// secretMark is the mark of an export whose records have no fingerprints
// because the store's own secret is damaged: a summary knows it by it.
const secretMark = report.SecretDamagedMark

// foundByExport is the mark of an export that found the store damaged
// itself, no check or earlier read having found it.
const foundByExport = "found damaged by this export: records are left out"

// damagedMark is what every row of an export of st carries in its
// damaged_store column or field (report.DamagedColumn), so that the file
// says it when passed on without the warnings said on standard error: ""
// for a store neither read past a damaged newest meta page (--read-damaged)
// nor found damaged before. The damage note that says the latter is left
// by check and by any read that met damage (a summary's, an export's own
// skim of the pages), so the mark does not say which.
func damagedMark(st *store.Store) string {
	var marks []string
	if msg, missing := st.MetaDamage(); msg != "" && missing {
		marks = append(marks, "read with --read-damaged: the newest saves may be missing")
	}
	if st.DamageFound() != "" {
		marks = append(marks, "found damaged before this export: records may be left out")
	}
	return strings.Join(marks, "; ")
}

// warnDamagedExport says, on standard error, when an export file summary
// reads carries the mark of a damaged store (damagedMark) on its first
// record, or is a file of records check --salvage read out of a damaged
// store: its counts may be incomplete or wrong. It returns what the
// summary's DAMAGED caveat says of the file ("exported from a damaged
// store", "salvaged from a damaged store"), or "", and whether the file
// is an export of a FHIR server found short (its mark says SERVER SHORT),
// which the summary says as that, with what to do (serverShortExport),
// not as a damaged store: "run digicheck check" found nothing on the
// machine summarising it. f is left where it was.
func warnDamagedExport(w io.Writer, f io.ReadSeeker, path, kind string) (how string, short bool) {
	defer f.Seek(0, io.SeekStart)
	br := bufio.NewReaderSize(f, 1<<16)
	mark := ""
	switch kind {
	case report.InputCSV:
		first, _ := br.ReadBytes('\n')
		cr := csv.NewReader(io.MultiReader(bytes.NewReader(first), br))
		cr.FieldsPerRecord = -1
		if bytes.Count(first, []byte{';'}) > bytes.Count(first, []byte{','}) {
			cr.Comma = ';' // as R's write.csv2 writes it
		}
		head, err := cr.Read()
		if err != nil || !slices.Contains(head, report.DamagedColumn) {
			return "", false
		}
		if row, err := cr.Read(); err == nil && len(row) == len(head) {
			mark = row[slices.Index(head, report.DamagedColumn)]
		}
	case report.InputNDJSON:
		line, _ := br.ReadBytes('\n')
		var v map[string]json.RawMessage
		if json.Unmarshal(line, &v) != nil || v[report.DamagedColumn] == nil {
			return "", false
		}
		_ = json.Unmarshal(v[report.DamagedColumn], &mark)
	default:
		return "", false
	}
	pw := questionnaire.NewPrintableWriter(w)
	defer pw.Close()
	if mark == store.SalvageMark {
		sayLine(pw, fmt.Sprintf("warning: %s holds the records salvaged from a damaged store (digicheck check --salvage): only those still whole in it, so the counts may lack assessments, amendments and voids, and show voided or replaced versions as current", path))
		return "salvaged from a damaged store", false
	}
	// An export of a FHIR server found short: its mark (serverShort.mark)
	// last, after any of the reading machine's own damage.
	if i := strings.Index(mark, serverShortMark); i >= 0 {
		sayLine(pw, fmt.Sprintf("warning: %s is an export of a FHIR server found short (%s): the counts lack them, or count in their place what they replaced; once they are sent again, export the server again, and summarise that export", path, mark[i:]))
		if mark = strings.TrimSuffix(strings.TrimSpace(mark[:i]), ";"); mark == "" {
			return "", true
		}
		short = true
	}
	if mark == "" && !short {
		// The column is there and its first record's mark empty: an
		// export writes the mark on every record, so it was emptied
		// since, and which mark it was (a damaged store's, or a FHIR
		// server found short's) cannot be told from what is left. A
		// SERVER SHORT export so edited was called an export of a
		// damaged store.
		sayLine(pw, fmt.Sprintf("warning: %s has a %s column, as an export of a damaged store or of a FHIR server found short has, but its first record's mark is empty, as no export writes it: the marks were emptied since it was exported, and the counts may lack records or show voided or replaced versions as current; summarise the file as it was exported, or export it again", path, report.DamagedColumn))
		return "exported from a damaged store or a FHIR server found short, its marks emptied", false
	}
	sayLine(pw, fmt.Sprintf("warning: %s was exported from a damaged store (%s: %s): the counts may lack records or show voided or replaced versions as current", path, report.DamagedColumn, mark))
	return "exported from a damaged store", short
}

// serverShortMark begins the damaged_store mark of an export of a FHIR
// server found short (serverShort.mark).
const serverShortMark = "SERVER SHORT: "

// serverShortExport is the caveat, in every output of a summary, of an
// export read (name, its path) that was made of a FHIR server found
// short: the SERVER SHORT a summary of the server itself says, with what
// to do. With disclosure control (exact false) the file is not named.
func serverShortExport(name string, exact bool) string {
	what := "an export read"
	if exact {
		what = "the export " + name
	}
	return fmt.Sprintf("SERVER SHORT: %s was made of a FHIR server found short: it lacked record versions (restored from an older backup, or removed there), and these counts lack them, or the follow-ups that rest on them; where a lost version is a void (entered in error) or an amendment, the version it replaced is counted in its place, so the counts may be too high as well as too low. Each machine that sent them should run digicheck push --check-server, which sends again what the server no longer holds; then export the server again, and summarise that export (docs/fhir-server.md)", what)
}

// exportColumns and exportAddedColumns are export's help's lists of the
// CSV columns and of the columns later instrument versions add, as
// cmd_export_test.go's columnList wraps them, written out here, not wrapped at every start,
// which the first question waited on (digicheck builds every command's help
// as it starts). TestExportHelpListsEveryCSVColumn holds them to the
// columns themselves.
const (
	exportColumns = `id, patient, patient_kind, time, date, team, status, amends, follows_up,
  synthetic, instrument_version, directory_version, band_access, band_skills,
  band_motivation, band_trust, primary_route, fallback_route, choice,
  choice_honoured, referrals_offered, referrals_agreed, referrals_declined,
  change_access, change_skills, change_motivation, change_trust,
  change_primary, change_fallback, outcomes_attended, outcomes_helped,
  outcomes_not_taken_up, access_devices, access_internet, access_afford,
  skills_tasks, skills_help, motivation_want, trust_worry, trust_experience,
  comms_needs, comms_language, reading_help, choice_route, equity_age,
  equity_disability, equity_benefits, equity_language, equity_ethnicity,
  equity_postcode, referrals_not_discussed, time_zone, fingerprint,
  record_key, end_mark, row_check`
	exportAddedColumns = `access_telecare, skills_nhs-app, skills_accessibility, comms_print-size,
  comms_language-code, comms_translated, contact_requires, contact_avoid,
  comms_respondent`
)

// sayVoidedOnServers says which assessments an export or a summary of st
// (from, "this export" or "these counts") left out because a FHIR server
// holds each entered in error while this machine's version of it, refused
// there, waits in a conflict not settled, and the commands that settle
// each. Counted, such an assessment was counted in the trust's figures
// from one machine's export while the shared record holds it as a void.
// db is the store's path when it is not the store in force (a FILE given
// to summary), for the commands, "" when it is.
func (a *app) sayVoidedOnServers(w io.Writer, st *store.Store, from, db string) {
	voided, err := st.VoidsOnServers()
	if err != nil || len(voided) == 0 {
		return
	}
	one := func(s1, many string) string {
		if len(voided) == 1 {
			return s1
		}
		return many
	}
	sayWrapped(w, fmt.Sprintf("warning: %d %s left out of %s, every version of %s: the FHIR server holds %s entered in error (voided on another machine), and this machine's version of %s, which the server refused, is in a conflict not yet settled. Until it is settled, %s not counted in summaries or exports of this machine. To see and settle %s:", len(voided), one("assessment is", "assessments are"), from, one("it", "each"), one("it", "each"), one("it", "each"), one("it is", "each is"), one("it", "each")))
	site := strings.TrimRight(a.siteServer(), "/")
	for _, v := range voided {
		again := ""
		if strings.TrimRight(v.Server, "/") != site {
			again = " --server " + v.Server
		}
		if db != "" && filepath.Clean(db) != filepath.Clean(a.storePath()) {
			// A store given to summary as a FILE: the commands
			// settle its conflicts, not the store in force's.
			again = " --db " + db + again
		}
		short := shortOf(st, v.Conflict.Record)
		sayWrapped(w, fmt.Sprintf("  record %s, this machine's %s (the server's void: %s):", short, orNone(v.Conflict.What), push.VoidedWords(v.Conflict)))
		// Each whole, or broken between its flags to paste whole.
		width := terminalWidth(terminalOf(w))
		fmt.Fprint(w, commandText(width, "    digicheck push"+again+" --conflicts"))
		fmt.Fprint(w, commandText(width, "    digicheck push"+again+" --resolve "+short+" --keep-server"))
		fmt.Fprint(w, commandText(width, "    digicheck push"+again+" --resolve "+short+" --keep-mine --undo-void"))
	}
	sayWrapped(w, "Keeping the server's void leaves the assessment uncounted everywhere; undoing it sends this machine's version, and the assessment counts again on every machine.")
}

// openCutShort is store.OpenCutShort, and while the padded copy it makes
// is there, a reader that stops reading the output early (digicheck
// export … | head -1) fails the next write, as any other write error,
// rather than killing digicheck with SIGPIPE before it removes the copy:
// a copy of patient data was left beside the store.
func openCutShort(path string) (*store.Store, *store.CutShort, bool) {
	st, torn, ok, _ := store.OpenCutShort(path)
	if ok {
		signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	}
	return st, torn, ok
}

// unreadableUnit is what an export of format writes in the place of a
// record that could not be read.
func unreadableUnit(format string) string {
	switch format {
	case report.FormatNDJSON:
		return "unreadable line"
	case report.FormatFHIR:
		return "unreadable entry (OperationOutcome)"
	}
	return "unreadable row"
}

// pluralUnit is unit ("unreadable row", "record", "unreadable entry
// (OperationOutcome)") for n of them, or many, if given, for more than
// one.
func pluralUnit(n int, unit string, many ...string) string {
	if n == 1 {
		return unit
	}
	if len(many) > 0 {
		return many[0]
	}
	if head, tail, ok := strings.Cut(unit, " ("); ok {
		return head + "s (" + tail
	}
	return unit + "s"
}

// exportLeftOut names on w the records an export could not read, and is
// the error it ends with; nil when there were none. A record written as
// an unreadable row (line, entry: unit) in its place is in the file,
// counted by its end mark, and is said so (the Exported line says what
// stands in its place); only one with none is left out.
func exportLeftOut(w io.Writer, u *report.Unreadables) error {
	list := u.List()
	placed := 0
	for _, x := range list[:min(len(list), maxLeftOutShown)] {
		if u.Written(x.ID) {
			sayLine(w, fmt.Sprintf("unreadable: record %s: %s", x.ID, x.Why))
			continue
		}
		sayLine(w, fmt.Sprintf("left out: record %s: %s", x.ID, x.Why))
	}
	if more := len(list) - maxLeftOutShown; more > 0 {
		fmt.Fprintf(w, "and %d more records that could not be read\n", more)
	}
	for _, x := range list {
		if u.Written(x.ID) {
			placed++
		}
	}
	switch left := len(list) - placed; {
	case placed == 0:
		return u.Err()
	case left == 0 && placed == 1:
		// Short, as it is printed whole on one line: the Exported line
		// above says what an unreadable row is.
		return errors.New("1 record could not be read, written as unreadable: run digicheck check")
	case left == 0:
		return fmt.Errorf("%d records could not be read, written as unreadable: run digicheck check", placed)
	}
	return fmt.Errorf("%d records could not be read: %d written as unreadable, %d left out: run digicheck check", len(list), placed, len(list)-placed)
}
