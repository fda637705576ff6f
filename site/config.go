package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"

	"digicheck/assess"
	"digicheck/fhir"
	"digicheck/questionnaire"
	"digicheck/record"
)

// Config is the site configuration file.
type Config struct {
	SiteName string `toml:"site_name"`
	Team     string `toml:"team"`
	// Clinician is who assesses on this machine when it is one person's
	// (a community nurse's laptop): offered on the patient screen and
	// used by void and amend when --clinician is not given. On a shared
	// workstation leave it out; the login name is used.
	Clinician string `toml:"clinician"`
	// TeamPhone is the number printed on the patient's handout for
	// questions: digits, spaces and a leading +, nothing else, so that
	// it can be dialled as printed.
	TeamPhone string `toml:"team_phone"`
	// TeamAddress is the team's postal address, on one line, without
	// the team's name (the handout says "write to TEAM at ADDRESS"), and
	// TeamText a number of the team's that takes text messages (digits,
	// spaces and a leading +, as team_phone). Both are optional: the
	// handout of a patient who must not be phoned gives them as ways to
	// reach the team now (the number only to a patient with a mobile who
	// may be texted); where neither is set, it says to ask in person.
	TeamAddress string `toml:"team_address"`
	TeamText    string `toml:"team_text"`
	DB          string `toml:"db"`
	// DraftExpiryDays: see DraftExpiry.
	DraftExpiryDays int `toml:"draft_expiry_days"`
	// ReviewMonths is how many months after an assessment its review is
	// due (the Accessible Information Standard's review stage): each new
	// assessment is saved with that review-by date, and digicheck due
	// lists the patients whose date has come. 1 to 60; default 12.
	ReviewMonths int `toml:"review_months"`

	// HandoutDir is where saved handouts are written; empty means the
	// user's Documents folder, or home. A relative path is taken from the
	// folder the config file is in.
	HandoutDir string `toml:"handout_dir"`
	// Programmes is the programmes file; a relative path is taken from the
	// folder the config file is in.
	Programmes string `toml:"programmes"`
	// PseudonymKeyFile holds the key for de-identified exports, shared by
	// the site's machines so a patient's pseudonym is the same on each.
	PseudonymKeyFile string     `toml:"pseudonym_key_file"`
	Disclosure       Disclosure `toml:"disclosure"`
	// ExportTimePrecision is how exactly a pseudonymised export gives
	// each record's time: "date" (the default), "minute" or "exact".
	ExportTimePrecision string `toml:"export_time_precision"`
	// BackupKeep is how many copies of the store `backup FOLDER` keeps in
	// that folder, the newest; older ones are removed after each backup.
	// Zero (not set) keeps every copy: removing backups is for the site
	// to decide, knowing where they go and what its retention policy is.
	BackupKeep int `toml:"backup_keep"`
	// TimeZone is the IANA time zone (such as Europe/London) of the days
	// and periods of summaries and exports, unless --tz gives one; empty
	// is Europe/London (report.DefaultTimeZone), never the machine's own.
	TimeZone string `toml:"timezone"`

	// FHIRBase is the canonical base of the FHIR resources digicheck
	// writes (exports, and pushes to the trust's server): an https URL
	// the trust controls, such as https://fhir.example-trust.nhs.uk/digicheck.
	// The Questionnaire's url and every code and identifier system
	// digicheck makes are under it. Empty: a placeholder under
	// digicheck.invalid (fhir.DefaultBase).
	FHIRBase string `toml:"fhir_base"`
	// LocalNumberSystem is the FHIR identifier system of the trust's local
	// hospital numbers, so a server tells them from another trust's.
	LocalNumberSystem string `toml:"local_number_system"`
	// PseudonymSystem is the identifier system of the pseudonyms made with
	// the site's key. Empty: one made from the key itself, the same on
	// every machine that shares the key and different for another key.
	PseudonymSystem string `toml:"pseudonym_system"`
	// ODSCode is the organisation's ODS code (a trust's is 3 characters,
	// such as RX1), written as the organisation of every FHIR resource.
	ODSCode string `toml:"ods_code"`
	// VideoConsultation says the service offers video consultations:
	// the result then says whether one suits the patient (instrument
	// version 2 on). Off (false, or not set) for a service that does not.
	VideoConsultation bool `toml:"video_consultation"`

	// The trust's FHIR R4 server that push sends records to, and how to
	// reach it: see FHIRServer in fhirserver.go.
	FHIRServer

	// Changes are the teams' tests of change (PDSA cycles), drawn on the
	// run and SPC charts of `summary --chart`.
	Changes []Change `toml:"changes"`
}

// Change is a test of change a team made: the day it started, what it was,
// and whether the charts' median, mean and limits are worked out afresh
// from it (when the team judges it changed the process).
type Change struct {
	Date        string `toml:"date"` // YYYY-MM-DD
	Label       string `toml:"label"`
	Recalculate bool   `toml:"recalculate"`
}

// Day is the change's date, at midnight in loc.
func (c Change) Day(loc *time.Location) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, c.Date, loc)
}

// FHIRSite is the site's FHIR settings, as package fhir takes them.
func (c Config) FHIRSite() fhir.Site {
	return fhir.Site{Base: c.FHIRBase, LocalSystem: c.LocalNumberSystem, PseudonymSystem: c.PseudonymSystem, ODSCode: c.ODSCode}
}

// Disclosure is small-number disclosure control for published summaries.
// A site may make it stricter than the default, never looser: `--exact`
// exists for local operational use.
type Disclosure struct {
	// Every count is rounded to a multiple of RoundTo (default 5), up or
	// down by its cell key; one that rounds to MaxSuppressed (default 7)
	// or less, zero included, is shown as "*". See docs/disclosure.md.
	MaxSuppressed int `toml:"max_suppressed"`
	RoundTo       int `toml:"round_to"`
	// Grid is the periods the site publishes by: "month" (the default:
	// months, quarters and financial years, which nest) or "week" (weeks
	// only). Weeks and months do not share edges, so a weekly and a
	// monthly summary could differ by one day (report.OnGrid).
	Grid string `toml:"grid"`
}

// DefaultDraftExpiryDays is how long a draft is kept when the site sets
// no draft_expiry_days.
const DefaultDraftExpiryDays = 7

// DraftExpiry is how long an unfinished assessment is kept as a draft after
// it was last worked on, before it is discarded and wiped from the store:
// a draft holds a patient's answers, and one nobody will finish should not
// stay on a shared machine. The site sets it with draft_expiry_days (1 to
// 90; default 7).
func (c Config) DraftExpiry() time.Duration {
	days := c.DraftExpiryDays
	if days <= 0 {
		days = DefaultDraftExpiryDays
	}
	return time.Duration(days) * 24 * time.Hour
}

// ReviewPeriod is the site's review_months, or the default when it sets
// none (a Config not read from a file).
func (c Config) ReviewPeriod() int {
	if c.ReviewMonths <= 0 {
		return record.DefaultReviewMonths
	}
	return c.ReviewMonths
}

// DefaultDisclosure is the control applied when the site sets none.
var DefaultDisclosure = Disclosure{MaxSuppressed: 7, RoundTo: 5}

// ParseConfig reads and checks a site configuration. Relative paths in it
// are resolved against dir.
func ParseConfig(name string, doc []byte, dir string) (Config, error) {
	var c Config
	ps, wrong, ok := decode(name, doc, &c)
	if !ok {
		return Config{}, ps
	}
	pos := keyLines(doc)
	// Zero set in the file is refused as any looser value is: read as
	// unset, it was replaced by the default with no word.
	if _, set := pos["disclosure.max_suppressed"]; (set || c.Disclosure.MaxSuppressed != 0) && c.Disclosure.MaxSuppressed < DefaultDisclosure.MaxSuppressed {
		ps = append(ps, Problem{name, pos["disclosure.max_suppressed"],
			fmt.Sprintf("max_suppressed %d is looser than the default %d; use --exact for local use instead",
				c.Disclosure.MaxSuppressed, DefaultDisclosure.MaxSuppressed)})
	}
	if _, set := pos["disclosure.round_to"]; (set || c.Disclosure.RoundTo != 0) && c.Disclosure.RoundTo < DefaultDisclosure.RoundTo {
		ps = append(ps, Problem{name, pos["disclosure.round_to"],
			fmt.Sprintf("round_to %d is looser than the default %d", c.Disclosure.RoundTo, DefaultDisclosure.RoundTo)})
	}
	// Stricter than any count a site could have is no rule but a typo:
	// taken, every output said "a shown count is within
	// 9223372036854775806 of the exact one".
	typo := false
	for _, d := range []struct {
		key string
		v   int
	}{{"max_suppressed", c.Disclosure.MaxSuppressed}, {"round_to", c.Disclosure.RoundTo}} {
		if d.v > MaxDisclosureSetting {
			typo = true
			ps = append(ps, Problem{name, pos["disclosure."+d.key],
				fmt.Sprintf("%s %d is more than any count of assessments (at most %d): a typo? give the figure meant", d.key, d.v, MaxDisclosureSetting)})
		}
	}
	if !typo {
		ps = append(ps, checkDisclosure(name, c.Disclosure, pos)...)
	}
	switch c.Disclosure.Grid {
	case "", "month", "week":
	default:
		ps = append(ps, Problem{name, pos["disclosure.grid"],
			fmt.Sprintf("grid %s: use \"month\" (the default: summaries by month, quarter or financial year) or \"week\" (summaries by week only)", quoted(c.Disclosure.Grid))})
	}
	switch c.ExportTimePrecision {
	case "", "date", "minute", "exact":
	default:
		ps = append(ps, Problem{name, pos["export_time_precision"],
			fmt.Sprintf("export_time_precision %s: use \"date\" (the default), \"minute\" or \"exact\"", quoted(c.ExportTimePrecision))})
	}
	if _, set := pos["timezone"]; set {
		if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" || c.TimeZone == "Local" {
			ps = append(ps, Problem{name, pos["timezone"],
				fmt.Sprintf("timezone %s: give an IANA time zone such as Europe/London or UTC", quoted(c.TimeZone))})
		}
	}
	if c.DraftExpiryDays < 0 || c.DraftExpiryDays > 90 {
		ps = append(ps, Problem{name, pos["draft_expiry_days"],
			fmt.Sprintf("draft_expiry_days %d: give a number of days from 1 to 90 (default %d)", c.DraftExpiryDays, DefaultDraftExpiryDays)})
	}
	if _, set := pos["draft_expiry_days"]; set && c.DraftExpiryDays == 0 {
		ps = append(ps, Problem{name, pos["draft_expiry_days"],
			fmt.Sprintf("draft_expiry_days 0: give a number of days from 1 to 90, or leave it out for %d", DefaultDraftExpiryDays)})
	}
	if c.ReviewMonths < 0 || c.ReviewMonths > record.MaxReviewMonths {
		ps = append(ps, Problem{name, pos["review_months"],
			fmt.Sprintf("review_months %d: give a number of months from 1 to %d (default %d)", c.ReviewMonths, record.MaxReviewMonths, record.DefaultReviewMonths)})
	}
	if _, set := pos["review_months"]; set && c.ReviewMonths == 0 {
		ps = append(ps, Problem{name, pos["review_months"],
			fmt.Sprintf("review_months 0: give a number of months from 1 to %d, or leave it out for %d", record.MaxReviewMonths, record.DefaultReviewMonths)})
	}
	if _, set := pos["backup_keep"]; set && c.BackupKeep < 1 {
		ps = append(ps, Problem{name, pos["backup_keep"],
			fmt.Sprintf("backup_keep %d: give how many copies to keep, 1 or more; leave it out to keep every copy", c.BackupKeep)})
	}
	for _, f := range []struct {
		key, value string
		check      func(string) error
	}{
		{"fhir_base", c.FHIRBase, fhir.CheckBase},
		{"local_number_system", c.LocalNumberSystem, fhir.CheckSystem},
		{"pseudonym_system", c.PseudonymSystem, fhir.CheckSystem},
		{"ods_code", c.ODSCode, fhir.CheckODSCode},
	} {
		if _, set := pos[f.key]; !set {
			continue
		}
		if err := f.check(f.value); err != nil {
			ps = append(ps, Problem{name, pos[f.key], fmt.Sprintf("%s %s: %v", f.key, quoted(f.value), err)})
		}
	}
	ps = append(ps, c.FHIRServer.check(name, pos)...)
	for i, ch := range c.Changes {
		k := fmt.Sprintf("changes[%d]", i)
		// At the key's own line where it is written, else at the
		// entry's [[changes]] line.
		at := func(key string) int {
			if line, set := pos[k+"."+key]; set {
				return line
			}
			return pos[k]
		}
		if _, err := ch.Day(time.UTC); err != nil && !wrong.has(k+".date") {
			ps = append(ps, Problem{name, at("date"), fmt.Sprintf("change date %s: give the day as YYYY-MM-DD", quoted(ch.Date))})
		}
		if strings.TrimSpace(ch.Label) == "" && !wrong.has(k+".label") {
			ps = append(ps, Problem{name, at("label"), "change: give a label, what the team changed"})
		}
	}
	if err := questionnaire.CheckPhone(c.TeamPhone); err != nil {
		ps = append(ps, Problem{name, pos["team_phone"], "team_" + err.Error()})
	}
	if err := questionnaire.CheckPhone(c.TeamText); err != nil {
		ps = append(ps, Problem{name, pos["team_text"], "team_text " + strings.TrimPrefix(err.Error(), "phone ")})
	}
	if _, set := pos["team_address"]; set {
		if err := checkAddress(c.TeamAddress); err != nil {
			ps = append(ps, Problem{name, pos["team_address"], fmt.Sprintf("team_address %s: %v", quoted(c.TeamAddress), err)})
		}
	}
	// The team a ward's machines record, checked as the Team prompt
	// checks a typed one: refused only at the start of a run, it was
	// said with no FILE:LINE.
	if _, set := pos["team"]; set {
		if err := assess.CheckTeam(c.Team); err != nil {
			ps = append(ps, Problem{name, pos["team"], fmt.Sprintf("team %s: %v", quoted(c.Team), err)})
		}
	}
	if n := utf8.RuneCountInString(c.SiteName); n > MaxSiteNameLen {
		ps = append(ps, Problem{name, pos["site_name"], fmt.Sprintf("site_name %s: give the organisation's name in at most %d characters", quoted(c.SiteName), MaxSiteNameLen)})
	}
	if ps = wrong.besides(ps); len(ps) > 0 {
		return Config{}, ps.sorted()
	}
	if c.Disclosure.MaxSuppressed == 0 {
		c.Disclosure.MaxSuppressed = DefaultDisclosure.MaxSuppressed
	}
	if c.Disclosure.RoundTo == 0 {
		c.Disclosure.RoundTo = DefaultDisclosure.RoundTo
	}
	if c.DraftExpiryDays == 0 {
		c.DraftExpiryDays = DefaultDraftExpiryDays
	}
	if c.ReviewMonths == 0 {
		c.ReviewMonths = record.DefaultReviewMonths
	}
	// The team is kept in every record and counted by its name: without
	// stray spaces, as a team typed at the Team prompt.
	c.Team = questionnaire.TidyName(c.Team)
	for _, p := range []*string{&c.DB, &c.Programmes, &c.PseudonymKeyFile, &c.HandoutDir, &c.FHIRTokenFile, &c.FHIRSecretFile, &c.FHIRCAFile} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return c, nil
}

// MaxDisclosureSetting is the largest max_suppressed or round_to taken:
// more than any count of assessments a site's summary could hold.
const MaxDisclosureSetting = 1_000_000

// MaxSiteNameLen is the longest site_name: the organisation named on
// summaries ("Leeds Teaching Hospitals NHS Trust" is 33 characters).
const MaxSiteNameLen = 120

// MaxConfigSize is the largest site configuration file read: its
// settings take a few KB, with a year's tests of change.
const MaxConfigSize = 1 << 20

// MaxAddressLen is the longest team_address: a full UK postal address
// with the team's name fits in well under it.
const MaxAddressLen = 200

// checkAddress refuses a team_address a patient could not write to as
// printed: empty or over MaxAddressLen. A line break or other control
// character is refused for every text setting as it is read.
func checkAddress(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("give the team's postal address, or leave team_address out")
	}
	if n := len([]rune(s)); n > MaxAddressLen {
		return fmt.Errorf("%d characters, give at most %d", n, MaxAddressLen)
	}
	return nil
}

// DefaultConfigPath is config.toml in the user's configuration folder.
func DefaultConfigPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "digicheck", "config.toml"), nil
}

// Inputs are what settings are resolved from. Flags holds only the flags
// the user gave.
type Inputs struct {
	Flags  map[string]string
	Getenv func(string) string
	// DefaultConfig is the config file used when neither --config nor
	// DIGICHECK_CONFIG names one; it may be missing.
	DefaultConfig string
}

// Settings are the resolved settings, with where each one came from.
type Settings struct {
	ConfigFile string // "" when no config file was read
	Config     Config
	DB         string
	Team       string
	// TeamPhone is the team's phone for the patient's handout. It comes
	// from the config file, and only while the team in force is the
	// config's team: a team named by flag or environment gets no number
	// that may be another team's.
	TeamPhone string
	// TeamAddress and TeamText are the config's, under the same rule as
	// TeamPhone.
	TeamAddress, TeamText string
	// HandoutDir is where handouts are saved ("" for the default).
	HandoutDir string
	// Clinician is the config's clinician, or "".
	Clinician  string
	Programmes string
	Accessible bool
	Exact      bool
	Source     map[string]string // setting -> "flag", "env", "config" or "default"
}

// The settings with a flag and an environment variable, in precedence order
// flag > environment > config file > default.
var envNames = map[string]string{
	"db":         "DIGICHECK_DB",
	"config":     "DIGICHECK_CONFIG",
	"team":       "DIGICHECK_TEAM",
	"programmes": "DIGICHECK_PROGRAMMES",
	"accessible": "DIGICHECK_ACCESSIBLE",
}

// Resolve works out every setting: flags win over the environment, which
// wins over the config file, which wins over the defaults. An explicitly
// named config file must exist; the default one may be missing.
func Resolve(in Inputs) (Settings, error) {
	getenv := in.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	s := Settings{Source: map[string]string{}}
	pick := func(name, fromFile, def string) string {
		if v, ok := in.Flags[name]; ok {
			s.Source[name] = "flag"
			return v
		}
		if v := getenv(envNames[name]); v != "" {
			s.Source[name] = "env"
			return v
		}
		if fromFile != "" {
			s.Source[name] = "config"
			return fromFile
		}
		s.Source[name] = "default"
		return def
	}

	var broken *BrokenConfig
	path := pick("config", "", "")
	explicit := path != ""
	if !explicit {
		path = in.DefaultConfig
	}
	if path != "" {
		doc, err := readLimited(path, "config file", MaxConfigSize)
		switch {
		case err == nil:
			c, err := ParseConfig(path, doc, filepath.Dir(path))
			if err != nil {
				// Resolved on without the file, for a command that
				// can do without it (BrokenConfig).
				broken = &BrokenConfig{Path: path, Err: err}
				break
			}
			s.Config, s.ConfigFile = c, path
		case errors.Is(err, fs.ErrNotExist) && !explicit:
			// No site configuration: the defaults apply.
		case !errors.Is(err, fs.ErrNotExist):
			// A folder, a file too large or one that cannot be read
			// is a site file with problems too: the commands that
			// go on without one go on (BrokenConfig).
			broken = &BrokenConfig{Path: path, Err: err}
		default:
			return Settings{}, fmt.Errorf("config file: %w", err)
		}
	}
	if s.Config.Disclosure == (Disclosure{}) {
		s.Config.Disclosure = DefaultDisclosure
	}
	s.DB = pick("db", s.Config.DB, "")
	// A team given as "ward  7 " is the config's "Ward 7", kept as the
	// config spells it so that its records are counted as one team's;
	// the config's phone, address and text number go with it (as the
	// handout takes a record's team in another case as the site's), and
	// with no other team.
	s.Team = questionnaire.TidyName(pick("team", s.Config.Team, ""))
	if strings.EqualFold(s.Team, s.Config.Team) {
		s.Team = s.Config.Team
		s.TeamPhone = s.Config.TeamPhone
		s.TeamAddress, s.TeamText = s.Config.TeamAddress, s.Config.TeamText
	}
	s.HandoutDir = s.Config.HandoutDir
	s.Clinician = s.Config.Clinician
	s.Programmes = pick("programmes", s.Config.Programmes, "")
	acc := pick("accessible", "", "")
	s.Accessible = acc != "" && acc != "0" && !strings.EqualFold(acc, "false")
	if broken != nil {
		return s, broken
	}
	return s, nil
}

// BrokenConfig is a site configuration file with problems (Err, its
// FILE:LINE Problems or its syntax error), said as Err is. Resolve returns
// it with the settings resolved as if there were no file: flags, the
// environment and the defaults, for the commands that read a saved record
// back and can go on without the site's settings; every other command
// stops.
type BrokenConfig struct {
	Path string
	Err  error
}

func (e *BrokenConfig) Error() string { return e.Err.Error() }
func (e *BrokenConfig) Unwrap() error { return e.Err }

// StoreDespiteProblems is the store (db) the broken site configuration
// e names, read alone: "" when it names none. ok is false when that cannot
// be told: the file cannot be read to its end (a db further on would be
// missed), or its db setting has a problem of its own.
func (e *BrokenConfig) StoreDespiteProblems() (db string, ok bool) {
	doc, err := readLimited(e.Path, "config file", MaxConfigSize)
	if err != nil {
		return "", false
	}
	doc = withoutBOM(doc)
	var only struct {
		DB *string `toml:"db"`
	}
	if err := toml.Unmarshal(doc, &only); err != nil {
		return "", false
	}
	if only.DB == nil {
		return "", true
	}
	line, ps := keyLines(doc)["db"], Problems(nil)
	if !errors.As(e.Err, &ps) {
		return "", false
	}
	for _, p := range ps {
		if p.Line == line || p.Line == 0 {
			return "", false
		}
	}
	if *only.DB != "" && !filepath.IsAbs(*only.DB) {
		return filepath.Join(filepath.Dir(e.Path), *only.DB), true
	}
	return *only.DB, true
}

// Directory is the referral directory in force: the national list with the
// programmes file applied, if there is one. A broken programmes file is an
// error: nothing runs with a half-read directory.
func (s Settings) Directory() (questionnaire.Directory, error) {
	if s.Programmes == "" {
		return questionnaire.National, nil
	}
	f, err := LoadProgrammes(s.Programmes, questionnaire.National)
	if err != nil {
		return questionnaire.Directory{}, err
	}
	return Merge(questionnaire.National, f, s.Programmes), nil
}
