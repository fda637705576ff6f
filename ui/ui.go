// Package ui is digicheck's terminal UI: one assessment, or several in a
// row, from the patient's identifier through the instrument's sections, a
// review of every answer and the result with the patient's referral choices,
// to a durable save and a note for the patient record. The same screens
// amend a saved assessment and follow one up, and an unfinished assessment
// is kept as a draft and offered again at the next start.
//
// The assessment itself (its steps, checks, draft and record) is an
// assess.Session, the one the plain prompts read out; this package draws it
// and routes keys. One root Bubble Tea model owns the screen state. Screens
// are plain structs and render functions, not nested models; questions are
// fields (fields.go) built fresh for each assessment from the instrument's
// data and updated synchronously, so a burst of keys lands on the questions
// in turn, and a form hands its answers to the session only once they are
// confirmed. Nothing in Update does I/O: saving and drafts run in commands
// and come back as messages, so the screen says "Saved" only after the
// store said so.
package ui

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Options is what the UI needs from the program that starts it.
type Options struct {
	Instrument *questionnaire.Instrument
	Directory  questionnaire.Directory
	// Services are what the service offers beyond the usual routes
	// (video consultations), weighed in the result.
	Services questionnaire.Services
	// Clinician and Team are shown pre-filled on the patient screen:
	// the clinician only as the user gave it (amend --clinician), never
	// the login name, which a shared ward workstation shares.
	Clinician, Team string
	// OfferClinician is a name the clinician box offers, never fills: Tab
	// on the empty box puts it there (the site config's clinician). After
	// an assessment, the one who made it is offered instead.
	OfferClinician string
	// Save stores a record durably. It is always called inside a tea.Cmd,
	// never in Update, and the record is shown as saved only when it
	// returns nil.
	Save func(*record.Record) error
	// Draft, if set, keeps the assessment in progress so that nothing is
	// lost when the window closes. It is called in a tea.Cmd after every
	// completed section and when a save fails, and by Run when the program
	// is stopped (a signal, a closed terminal, or the clinician choosing to
	// finish later) with the answers given so far. The draft's ID is the id
	// the record will be saved under, so a save removes it.
	Draft func(*store.Draft) error
	// DraftNow, if set, is given each draft Draft is, first, in Update,
	// before the screen shows the answers it holds: for what must hold
	// them at every moment, the file a refused save kept them in (a
	// window killed as an answer changed, that file the only copy, held
	// one the patient did not give while Draft waited on a held store).
	// It must not wait on the store. Its error is said as Draft's is.
	DraftNow func(*store.Draft) error
	// Finishing, if set, is called by Run once the program has ended,
	// before the draft of the answers so far is kept: from then on a
	// store held by another program may be refused at once, the screen
	// gone and the terminal waiting, where a draft kept while the screen
	// is up waits for it.
	Finishing func()
	// DiscardDraft, if set, removes a draft: one discarded from the list
	// of unfinished assessments, or the draft of an assessment the
	// clinician discards.
	DiscardDraft func(id record.ID) error
	// Drafts are the unfinished assessments offered at the start.
	Drafts []Resumable
	// Elsewhere are the drafts kept in the store and not offered here
	// (open in another window, or not of the kind this command resumes),
	// each with how to resume it. A new assessment or a follow-up of a
	// patient with a draft, here or elsewhere, says so before its first
	// question, so that no one assesses the patient twice and leaves the
	// draft to be discarded.
	Elsewhere []Elsewhere
	// LookDrafts, if set, reads the drafts kept in the store afresh, in a
	// command: as each patient is given (or changed at the review), and
	// at n after a save for the list, so that a draft another window kept
	// since the drafts were last read is said there too (drafts.go,
	// heldDrafts). What it reads is then on offer. Read only as the run
	// began, a draft kept since went unsaid and a second assessment was
	// saved beside it. Drafts and Elsewhere are empty when the list could
	// not be read as the run began (the store held by another program).
	// An error (store.ErrLocked, still held) is said at the patient, and
	// the save reads the drafts again.
	LookDrafts func() ([]Resumable, []Elsewhere, error)
	// ClaimDraft, if set, takes a draft for this window before it is
	// resumed, and fails when another window has it open (or it was
	// finished or discarded there meanwhile). RenewDraft, if set, keeps
	// this window's hold on its draft while the assessment is on screen.
	ClaimDraft func(id record.ID) error
	RenewDraft func(id record.ID) error
	// ClaimNotice, if set, is what to say as draft id opens, once
	// ClaimDraft took it ("" for nothing): that the FHIR server could not
	// be asked whether what it amends is still the latest, say.
	ClaimNotice func(id record.ID) string
	// Reopened, if set, is draft id as it is resumed once ClaimDraft took
	// it, when taking it changed it (a follow-up's base amended since).
	Reopened func(id record.ID) (Resumable, bool)
	// Assessed, if set, reads the patient's assessments that count from
	// the store (assess.Assessed), in a command: a new assessment of a
	// patient assessed before says so before its first question, and a
	// save says on its read-back one made after it began (assessed.go).
	Assessed func(record.PatientID) ([]assess.Assessed, error)
	// Given is this run's --db and --config (" --db FILE"), carried by
	// every command the screen gives, as the end words carry them.
	Given string
	// CheckPatient, if set, reads the store's entries for the patient
	// once the patient's details are given, off the key path; an error
	// is damage there, said at once, and the answers go to a file.
	CheckPatient func(record.PatientID) error
	// Amend, if set, is the current version of a saved assessment: the
	// UI starts an amendment of it, with the patient fixed and every
	// answer as recorded, and saves a new version that supersedes it.
	Amend *record.Record
	// FollowUp, if set, is the patient's latest assessment that counts:
	// the UI starts a follow-up of it, asks what became of each referral
	// agreed then, and shows the change since.
	FollowUp *record.Record
	// FollowUpOffered says the command can start a follow-up once this
	// run ends: a new assessment of a patient assessed before then
	// offers f, which ends the run asking for a follow-up of the patient
	// (Outcome.FollowUp).
	FollowUpOffered bool
	// FollowUpBy, with FollowUp, is the clinician and team given in this
	// session before f asked for the follow-up (Outcome.FollowUpBy): the
	// follow-up is theirs and begins past the patient screen, which would
	// ask them again. Zero when none was given.
	FollowUpBy Given
	// Earlier, with Amend, is the record the amended follow-up follows up,
	// so that what became of its referrals can be corrected
	// (assess.Options.Earlier); nil when there is none or it cannot be
	// read.
	Earlier *record.Record
	// AmendReason is why an amendment is made; it is kept in the record.
	AmendReason string
	// TeamPhone is the team's phone number from the site config, for the
	// patient's handout.
	TeamPhone string
	// TeamAddress and TeamText are the team's postal address and a number
	// of the team's that takes text messages, from the site config, for
	// the patient's handout (either may be empty).
	TeamAddress, TeamText string
	// SaveHandout, if set, writes a handout as a text file and returns its
	// path; PrintHandout, if set, sends that file to the system's printer.
	SaveHandout  func(name, text string) (string, error)
	PrintHandout func(path string) error
	// Clipboard, if set, puts text on the operating system's clipboard.
	// The UI falls back to the terminal's clipboard (OSC 52) when it fails.
	Clipboard func(text string) error
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Push, if set, sends what the store has not yet sent to the trust's
	// FHIR server and says whether the record saved is there. It runs
	// after each save off the UI goroutine (never while the clinician
	// waits) and the saved screen says "Sent" or "Not sent yet (will
	// retry)"; one that has not finished when the program ends is
	// abandoned, and the next push or save sends what it did not.
	Push func(saved record.Record) PushResult
	// Notice is what was found before the UI started that the clinician
	// must read before relying on what it shows: a FHIR server that could
	// not be reached (the earlier assessment may not be the latest), or
	// newer versions read from it. Printed before the UI, it would be
	// hidden by it, so it is shown in a box on the first screen, above the
	// question, and beside the change on a follow-up's result.
	Notice string
	// Reminder is one line, in the notice's colours, that stays under
	// the title of every screen after those that show the Notice box:
	// what the clinician must not forget while answering (that the
	// answers cannot be saved in a damaged store, say).
	Reminder string
	// ReminderTillSaved says Reminder is true only until a save
	// succeeds (a store in use by another program as the run began,
	// saved in once let go): it is not shown from then on. Left on the
	// saved screen, it said the store was in use of a record saved in it.
	ReminderTillSaved bool
}

// PushResult is what a push after a save says of the record saved.
type PushResult struct {
	Sent bool
	// Why is a short reason when the record was not sent ("the server
	// did not answer").
	Why string
	// Conflict is a refusal that will not pass by itself (another machine
	// changed the assessment on the server, or the site's FHIR settings
	// need fixing): not sent, and not retried.
	Conflict bool
	// EnteredInError is a conflict in which the server holds the
	// assessment entered in error, voided on another machine: the note
	// of the version saved here is held back (HeldNote), since pasted
	// it would tell the patient record what the shared record
	// contradicts.
	EnteredInError bool
	// Changed is a conflict in which the server holds a newer version of
	// the assessment, made on another machine: the note is held back too.
	Changed bool
	// AnswerLost is a push whose write the server may have applied: the
	// connection dropped before its answer. Not "not sent": the next
	// save or push checks, and sends it only if the server lacks it.
	AnswerLost bool
}

// Elsewhere is a draft not offered in this run, and how to resume it, in
// a sentence ("It is open in another window: finish it there.").
type Elsewhere struct {
	Draft store.Draft
	How   string
}

// Resumable is a draft with the saved record it amends or follows up, if
// any (nil when that record could not be read).
type Resumable struct {
	Draft store.Draft
	Base  *record.Record
	// Expiry warns that the draft will soon be discarded ("expires in 5
	// hours"), or is "".
	Expiry string
	// Earlier, for an amendment's draft of a follow-up, is the record
	// that follow-up follows up (Options.Earlier).
	Earlier *record.Record
	// Second, when set, says why saving the draft makes a second
	// assessment of its patient (its answers were kept apart from a window
	// that took it over; the patient was assessed after it was started):
	// it is said on the list, and asked again before the save.
	Second string
	// Opening, when set, is said while the draft opens, in place of
	// "Opening the draft…": the FHIR server being asked, say.
	Opening string
	// KeptFile, if set, is a file that keeps the answers of the draft's
	// assessment as last given, referral decisions included, which the
	// store did not keep (a window closed at the save while another
	// program held it): named on the list, as the draft is resumed, and
	// as its patient is given (keptFileText).
	KeptFile string
	// SameFile, if set, is a file a refused save kept every answer of
	// the draft in, with a note, which told the clinician to paste that
	// note and to enter the answers again: once the draft is saved, the
	// saved screen says the file is not to be entered again, and that
	// its note, if pasted, is replaced by this one (keptGone.same).
	SameFile string
	// Amends, for an amendment's draft, says which version it amends
	// ("record 01a24a93-52d4"), and that it was amended since, so cannot
	// be finished, where it was: said on the list, where several
	// amendment drafts of one patient read alike. AmendedSince says it
	// was (or the assessment was marked entered in error).
	Amends       string
	AmendedSince bool
}

// Outcome is what a run of the UI produced.
type Outcome struct {
	// Saved is every record saved this run, in order.
	Saved []record.Record
	// Draft is the assessment kept as a draft when the run ended before
	// it was saved, and DraftErr why it could not be kept.
	Draft    *store.Draft
	DraftErr error
	// Unkept is the draft that could not be kept (DraftErr says why), so
	// that its answers can be kept elsewhere rather than lost.
	Unkept *store.Draft
	// Discarded is set when the clinician discarded the assessment in
	// progress at the quit question; DiscardedPatient is whose it was
	// (zero before a patient was given), DiscardedID its record's id
	// (zero before it had one).
	Discarded        bool
	DiscardedPatient record.PatientID
	DiscardedID      record.ID
	// DiscardedAmends and DiscardedFollowsUp say the assessment discarded
	// was an amendment or a follow-up of a saved one, which is as it was:
	// said "the assessment of patient …", a discarded amendment read as
	// the saved assessment thrown away.
	DiscardedAmends, DiscardedFollowsUp bool
	// Stopped is the signal that ended the run, if one did.
	Stopped os.Signal
	// Interrupted is set when ctrl+c ended the run with an assessment
	// unsaved (its question answered: keep as a draft, or discard): the
	// command then exits as the plain prompts stopped with Ctrl+C do,
	// not as a run that finished. With nothing unsaved, ctrl+c quits as
	// q does.
	Interrupted bool
	// NoteHeld names the records saved whose push found the server
	// holding their assessment entered in error, or a newer version of
	// it made on another machine, with that push's result: print
	// HeldNote for them, not their note.
	NoteHeld map[record.ID]PushResult
	// FollowUp is the patient a follow-up was asked for, by f on the
	// notice that a new assessment's patient was assessed before
	// (Options.FollowUpOffered): the new assessment's draft was removed,
	// and the command starts the follow-up. Zero for none.
	FollowUp record.PatientID
	// FollowUpBy is who gave the patient's details before f, for the
	// follow-up (Options.FollowUpBy): not asked again.
	FollowUpBy Given
}

// Given is who is assessing, as given on the patient screen.
type Given struct{ Clinician, Team string }

type screen int

const (
	patientScreen screen = iota
	outcomeScreen
	sectionScreen
	reviewScreen
	resultScreen
	savedScreen
	draftsScreen
)

// exit is how a run ended, which decides what happens to its draft.
type exit int

const (
	exitUnknown  exit = iota // an error, or the terminal went away: keep a draft
	exitDone                 // nothing left unsaved
	exitDiscard              // the clinician discarded the assessment
	exitKeep                 // stopped, or the clinician will finish later: keep a draft
	exitFollowUp             // a follow-up of the patient instead: remove the draft (Outcome.FollowUp)
)

// Layout. Every screen has the same frame: a header line, two intro lines
// and a blank line above the body; two status lines and two help lines
// below it. Fixed sizes keep the help line where the eye expects it.
const (
	minWidth    = 60
	minHeight   = 20
	maxWidth    = 100 // wider lines are hard to read
	headerLines = 4
	footerLines = 4
)

// Model is the root model. Create it with New.
type Model struct {
	// startCmd is what Init runs first: the patient's details of a
	// follow-up given before f, taken (fresh).
	startCmd tea.Cmd
	// opts.Instrument is what a new assessment or a follow-up asks; an
	// amendment or a draft is asked, laid out and reviewed with its own
	// instrument version (m.s.Instrument()), never with this one.
	opts   Options
	now    func() time.Time
	styles *Styles
	keys   keyMap

	// lastClinician is who made the last assessment of this run, offered
	// (never filled) in the next one's clinician box.
	lastClinician string

	width, height int
	screen        screen

	// startNotice is Options.Notice while the assessment it concerns is
	// on screen; a new assessment started after a save clears it.
	startNotice string
	// noticeTop is the first line of the notice shown in its box, when
	// it is too long for the box (scrollNotice).
	noticeTop int

	// s is the assessment on screen: its steps, answers, draft and
	// record. The forms below hold what is being typed; a form's values
	// reach the session only once it is done (or, for a draft, each
	// question confirmed), never before.
	s *assess.Session

	patient     *patientForm
	editPatient bool // the patient screen was opened from the review

	outcomeForm *outcomeForm
	sections    []*sectionForm
	current     int

	reviewView viewport.Model
	// reviewAt is when the review was shown, or an enter on it refused:
	// an enter is taken there only once it has been on view for the
	// word hold (reviewKey).
	reviewAt time.Time
	// reviewSeenAll says every line of the review has been on screen
	// for the word hold: its end has been in view that long, scrolled to
	// or shown whole. Enter passes the review only then (reviewKey);
	// fitReview notes it after every message. reviewEndAt is when the
	// review's end came into view, zero while it is out of view.
	reviewSeenAll bool
	reviewEndAt   time.Time
	// reviewDrawn holds the review's lines that have been on screen, by
	// their text and its count before them (reviewKeys, noteReviewDrawn): End or PgDn may jump past lines never
	// drawn, and the review is not read until they have been. By text, a
	// line added to the review or taken from it (a notice in it) leaves
	// the others as read; lines wrapped anew (another width) are new.
	reviewDrawn map[string]bool
	// reviewWin is the window of the review's lines in view (their
	// texts) since reviewWinAt: its lines count as drawn only once it
	// has stayed in view for reviewDwell (noteReviewDrawn). A burst of
	// keys (PgDn PgDn PgDn) moves the view through windows in a few
	// microseconds, each made by View, and the terminal is sent only
	// the last: the lines of the others never reached the screen.
	reviewWin   []string
	reviewWinAt time.Time

	referral int // the referral the consent keys answer
	// fullReasons shows every reason in full, scrolling if need be;
	// resultCompact says the result was cut to one line a reason to fit.
	fullReasons, resultCompact bool
	refSpans                   []span // where each referral is in the result text
	resultView                 viewport.Model
	// confirmSave is set while the result asks before its save, reading
	// back each referral's answer (a result with referrals only), from
	// confirmAt; confirmSeenAll once the end of it has been on screen
	// for the word hold (noteConfirmSeen), confirmEndAt being when the
	// end came into view, zero while it is out of view.
	// saveAsked is set once the clinician confirmed, until a key other
	// than a save or a retry comes on the result.
	confirmSave, confirmSeenAll, saveAsked bool
	confirmAt, confirmEndAt                time.Time
	confirmView                            viewport.Model

	saving  bool
	saveErr error
	// keptFile is the file a refused save's answers and note were kept
	// in, once the screen has named it: from then on no discard is
	// offered (quit.go), for it may be the only copy.
	keptFile string
	// keptRec is the record as keptFile holds it: a retry that saves it
	// unchanged saves the note already pasted from the file. keptStale
	// is set once an answer differs from it: each draft kept then writes
	// the file again with the answers as last given, with no note
	// (keptHolds).
	keptRec   record.Record
	keptStale bool
	// keptNotes are the notes the file a refused save kept the answers in
	// has held this run, each as a save refused wrote it (and, for a
	// draft resumed with that file, as an earlier run left it): the
	// screen said to paste each into the patient record. Once saved,
	// one that is not the saved record's is said to be out of date,
	// the last written or not.
	keptNotes []string
	// keptPart is the draft (keptPrint) last given to DraftNow while
	// keptFile names the file the answers are kept in: an answer
	// confirmed in a section is given to it as soon as it differs
	// (keepPartNow), not at the section's end.
	keptPart []byte
	// redraft is the draft of answers taken back (takeBack) while
	// keptFile names the file they are kept in, given to DraftNow
	// already, for Update to run with the message's own command.
	redraft tea.Cmd
	// keptFound is set when the store, read after the save that kept
	// keptFile was refused (a retry), found the patient assessed already
	// (second): it refuses nothing now, and the answers are not saved
	// because another assessment of the patient was not confirmed.
	keptFound bool
	// retrying is set from a save asked for again after one refused (r,
	// or enter, on "Not saved") until it saves, is refused, or asks
	// first: the status says it is trying. heldAgain says the last try
	// found the store still held by another program. keptGone is what
	// the saved screen says of keptFile once a retry saved its answers.
	retrying, heldAgain bool
	keptGone            keptGone
	// resumedKept is the file named as the draft resumed was (its
	// Resumable's KeptFile), which keeps its answers as last given, a
	// note with them where its save was refused: the save of this
	// assessment removes it, and the saved screen says so (keptGone),
	// as after a retry. Saved from the draft in a later run, the file
	// stayed and nothing was said of it, nor of a note pasted from it.
	resumedKept string
	// resumedSame is the SameFile of the draft resumed: a file that kept
	// every answer it holds, with a note the clinician was told to paste.
	resumedSame string

	saved record.Record
	// savedReplaces is the version the saved record amends, nil for any
	// other: its note and handout say what of it stops.
	savedReplaces *record.Record
	savedView     viewport.Model
	// pushing is true while a push after a save runs; pushAgain asks for
	// another when it ends (a record was saved meanwhile); pushLine is
	// what the saved screen says of the saved record's push.
	pushing, pushAgain bool
	pushLine           string
	pushSent           bool
	// noteHeld names the records saved whose note is held back, with
	// the push that found why (PushResult.EnteredInError, Changed).
	noteHeld map[record.ID]PushResult
	// showHandout switches the saved screen from the note to the handout.
	showHandout bool

	problem     string // a refusal for the status line, until the next key
	notice      string // neutral news for the status line, until the next key
	confirmQuit bool
	// quitSure is set once y was pressed at the quit question: it asks
	// again before the answers are discarded.
	quitSure bool

	// drafts is the unfinished assessments still on offer.
	drafts         []Resumable
	draftCursor    int
	confirmDiscard bool
	// discardSure is set once y was pressed at "Discard …?": it asks
	// again before another clinician's answers are lost.
	discardSure bool
	// claiming is true while a draft chosen on the drafts screen is being
	// taken for this window: keys then are dropped, and for a moment after
	// it opens (refusedAt), since they were typed for another screen.
	claiming bool
	// droppedBusy is set when keys came while a draft was opening or
	// being discarded, and were dropped, so that the screen after says so.
	droppedBusy bool
	discarding  bool
	// drafter orders draft writes; draftSeq numbers them.
	drafter  *drafter
	draftSeq uint64
	renewing bool // a renewal of the hold on the draft is scheduled
	// takenOver is set once another window took this assessment's draft
	// (and may have saved it); saving here then makes a second assessment
	// of the patient, so it is said on every screen and asked again.
	takenOver, secondConfirmed bool
	// second is why the draft resumed makes a second assessment of the
	// patient (Resumable.Second), said on every screen and asked again
	// before the save, as takenOver is.
	second string
	// earlier is what a new assessment's patient screen says of the
	// patient's assessments that count, until n goes on (assessed.go);
	// earlierAt is when it came on screen, and followUp the patient f
	// there asked a follow-up of.
	earlier   string
	earlierAt time.Time
	// patientNoticeTop is the first line on screen of the notice of a
	// patient assessed before or of a draft of them, scrolled when the
	// window is too small for it (patientnotice.go).
	patientNoticeTop int
	// earlierUnread says earlier is not what the store holds but that it
	// could not be read for the patient (held by another program): no
	// follow-up is offered, and the save reads it again (assessed.go).
	earlierUnread bool
	// changedFrom is the patient's details a change at the review
	// replaced, while what was found of the new patient is on screen: esc
	// there puts them back, so that the change is not taken by leaving
	// the details unfinished (patientAsRecorded) after it.
	changedFrom *patientDetails
	followUp    record.PatientID
	// looking is what the store is being read for, and queued the keys
	// that came meanwhile, taken once it was read (assessed.go).
	looking lookFor
	queued  []tea.KeyPressMsg
	// meanwhileLooked is set while the save goes on from the read of the
	// patient's assessments it asked for; secondMeanwhile says second
	// came from that read (an assessment saved after this one began).
	meanwhileLooked, secondMeanwhile bool
	// secondCount is how many of the patient's assessments count
	// besides this one, as that read found them, where more than one
	// does (0 otherwise): the words found name only the latest.
	secondCount int
	// heldDrafts is what a run that could not read the drafts as it
	// began (Options.LookDrafts) has read of them since (drafts.go).
	heldDrafts heldDrafts
	// readFree says the patient's assessments were read (Options.Assessed)
	// with no refusal: a store held as the run began (ReminderTillSaved)
	// was let go, and is this window's since, till the save.
	readFree bool
	// kept is the draft of the patient just entered, found as a new
	// assessment or a follow-up of them starts: the patient screen says
	// so, and offers to resume it, before the first question.
	kept *keptDraft
	// sameConfirmed is set once the clinician was told that an amendment
	// changes nothing and pressed save again.
	sameConfirmed bool
	draftErr      error // the last draft write failed

	// refusedAt is when keys were last held: an answer refused, esc gone
	// back, a consent that moved the highlight on, a draft opened. Keys
	// are dropped for refusalHold after it (the constant, unless a test
	// sets it), and heldFor says why, for the status line.
	refusedAt time.Time
	// draftsDrawn is set once the list of unfinished assessments was
	// first drawn, which began a hold.
	draftsDrawn bool
	refusalHold time.Duration
	// heldLen is refusalHold as the hold began: a hold lasts that long,
	// or less if refusalHold is made shorter meanwhile.
	heldLen time.Duration
	heldFor string
	// holdGoesOn makes the hold last while keys keep coming: each key held
	// begins it again. Set for typed text refused on a list or on the
	// list of drafts, where the keys after it are the rest of a word.
	holdGoesOn bool
	// heldText is the text question whose answer was refused, when that
	// began the hold: keys that edit it are applied (see editKey).
	heldText *field
	// alone is a key of the review, the result or the saved screen typed
	// as text (a letter or a digit), waiting to be seen typed on its own
	// (take); aloneSeq names its wait, so that a wait another key ended
	// takes nothing when its timer comes.
	alone    *tea.KeyPressMsg
	aloneSeq int
	// aloneAt is when the key waiting (alone) was typed; typedAt is it
	// while that key is taken, zero otherwise: a hold the key begins
	// counts from when it was typed, not from when its wait ended.
	aloneAt, typedAt time.Time
	// referralCameAt is when the referral the consent keys answer was
	// last highlighted, or came wholly into view, by a key: a consent
	// key typed within the word hold after it was typed before the
	// referral could be read out (see resultKey).
	referralCameAt time.Time
	// seen is how much of the referral the consent keys answer has been
	// on screen, for one taller than the result's lines (referralRead).
	seen referralSeen
	// smallKeys counts the keys pressed while the window was too small
	// to draw the screen, which did nothing; smallKey names the first
	// (see noteSmallKey).
	smallKeys int
	smallKey  string
	// smallOpened is a first digit waiting on a long list that a key
	// pressed while the window was too small cancelled, to be said with it.
	smallOpened string
	// backAt is when the window last came back big enough to draw the
	// screen after it was too small, or was first measured, the first
	// frame drawn: a question held until it has been read
	// (outcomeUnread) is held again from then.
	backAt time.Time
	// command is a command key of the result (m) just taken at once,
	// while a letter or digit typed with it would make it a word's
	// (see takeCommand).
	command *typedCommand
	// dropped says a key held straight after "keep going", while the
	// question it was typed at (droppedAt) is in focus: the keys typed
	// after it must not take the word away (see keepDroppedSaid).
	dropped   string
	droppedAt *field
	// ignoring is set by a key refused as no key of the screen: every
	// key is then ignored, however slowly it comes, until esc (see
	// ignoring.go).
	ignoring bool
	// ignoredSay is the refusal that began it, and what to do, said
	// for every key ignored.
	ignoredSay string
	// consentLocked is set when the ignoring began with a consent key
	// refused on the result (refuseConsent): the arrows are ignored too.
	consentLocked bool
	// enterRefused is the question an enter was refused on for coming
	// before it could be read, while the keys after it are ignored
	// (refuseEnter): the esc that ends the ignoring says it was read.
	enterRefused *field
	// highlightHeld is the single choice, come up holding an answer and
	// not yet read, on which a key was refused, while the keys after it
	// are ignored: its highlight, which the enter after esc chooses,
	// stays on the answer given, the arrows ignored (movesOnly).
	highlightHeld *field
	// ignoredAt is when the last key ignored came, while keys are
	// ignored: an esc in the same burst was typed with it (escUnread).
	ignoredAt time.Time
	// chosenAt is when a number last chose a single answer and moved on
	// by itself; zero once another key came. An enter straight after it
	// is the number's confirmation, typed out of habit (see chosenEnter).
	chosenAt time.Time
	// textEnter is the enter that last answered a text question, for
	// a line feed straight after it (lineEnd).
	textEnter *textEntered
	// digitChose is the long list a digit last chose on, for the key
	// straight after it (twoDigits).
	digitChose *digitChoice
	// acts are the answers the letters and digits of the run typed last
	// gave, to take back if a key of it is refused; did is what a key of
	// it did that cannot be taken back, and didAt when (takeback.go).
	acts  []act
	did   string
	didAt time.Time
	// typed is the letter or digit routed last ("" for another key).
	typed string
	// ignoredN counts the keys ignored since the refusal, said so that
	// each key typed shows it arrived.
	ignoredN int
	// suspended is the ignoring put aside while ctrl+c's question is
	// on screen, taken up again if the clinician keeps going.
	suspended *ignoredState
	// ignoreEndedAt is when the esc that ended the ignoring came, until
	// another key comes: an esc straight after it goes back nowhere, and
	// keys are ignored again (escSoonAfterIgnoring). escRefusedAt is when
	// the last esc so refused came, while its keys are ignored: an esc
	// straight after it is refused too (refuseEsc).
	ignoreEndedAt time.Time
	escRefusedAt  time.Time

	bgKnown   bool // the terminal said what its background is
	lowColour bool // 16 colours or fewer: draw in the terminal's own
	exit      exit
	stopping  bool // stop when the save in progress ends
	// stopAsked is set by ctrl+c while the save is under way: taken once
	// the save has been tried (onSaved). Dropped without a word, the
	// clinician who wanted to stop could not tell whether it was taken.
	stopAsked bool
	stopSig   os.Signal
	// interrupted is set when ctrl+c's question ends the run
	// (Outcome.Interrupted).
	interrupted bool

	outcome Outcome
}

// span is a range of lines [start, end) in rendered text.
type span struct{ start, end int }

// savedMsg reports the end of a save.
type savedMsg struct {
	rec record.Record
	err error
}

// savingNotice is said to a ctrl+c while the save is under way.
const savingNotice = "Saving… ctrl+c is taken once the save has been tried: what became of it is said then."

// stopAfterSaved is said on the saved screen when ctrl+c was pressed while
// the save was under way: nothing is left to lose, and nothing stopped.
const stopAfterSaved = "Saved, so nothing is lost: ctrl+c was pressed while it saved. Press ctrl+c again to quit."

// aloneMsg ends the wait of the key typed as text on the review, the
// result or the saved screen (Model.alone) whose wait was seq.
type aloneMsg struct{ seq int }

// pushedMsg reports the end of a push after a save.
type pushedMsg struct {
	id  record.ID
	res PushResult
}

// New builds the root model with a fresh assessment.
func New(o Options) *Model {
	if o.Instrument == nil {
		o.Instrument = questionnaire.Current
	}
	m := &Model{
		opts:    o,
		now:     o.Now,
		styles:  newStyles(themeUnknown),
		keys:    newKeyMap(),
		drafts:  slices.Clone(o.Drafts),
		drafter: &drafter{save: o.Draft},

		refusalHold: refusalHold,
	}
	if m.now == nil {
		m.now = time.Now
	}
	m.reviewView = viewport.New()
	m.resultView = viewport.New()
	m.confirmView = viewport.New()
	m.savedView = viewport.New()
	m.fresh(o.Amend, o.FollowUp)
	m.startNotice = strings.TrimSpace(o.Notice)
	// The list shows when each draft was last kept, and is in that
	// order, the latest first (its title says so): the one just left
	// is at the top.
	slices.SortStableFunc(m.drafts, func(a, b Resumable) int { return b.Draft.Saved.Compare(a.Draft.Saved) })
	if len(m.drafts) > 0 {
		m.screen = draftsScreen
	}
	return m
}

// fresh starts an assessment: a new one, or the amendment or follow-up
// asked for. The clinician stays as last entered, since the same person is
// at the keyboard; the team is the configured one (see sessionOptions).
func (m *Model) fresh(amend, followUp *record.Record) {
	o := m.sessionOptions()
	o.Amend, o.AmendReason, o.FollowUp = amend, m.opts.AmendReason, followUp
	if amend != nil {
		o.Earlier = m.opts.Earlier
	}
	by := m.opts.FollowUpBy
	given := amend == nil && followUp != nil && strings.TrimSpace(by.Clinician) != "" && len(m.drafts) == 0
	if given {
		// Given in this session, before f asked for the follow-up.
		o.Clinician, o.Team = by.Clinician, by.Team
	}
	m.begin(assess.Start(o))
	if amend != nil || followUp == nil {
		return
	}
	// The clinician's team is most often that of the assessment
	// followed up: the box holds it when no team was given.
	m.patient.fillTeam(followUp.Team)
	if given {
		// Who is assessing was given a moment ago: not asked again.
		// Where no team was, the box of the team is, holding the
		// earlier record's.
		if strings.TrimSpace(by.Team) == "" {
			m.patient.form.moveTo(firstClinicianField + 1)
			return
		}
		m.patient.form.done = true
		m.startCmd = m.patientDone()
		m.noteDid("Following up, done by " + questionnaire.PrintableTyped(by.Clinician) + ", team " + questionnaire.PrintableTyped(by.Team) + ", as given before f; to change either, press p at the review.")
	}
}

// sessionOptions are what every assessment of this run is made with: the
// instrument, the directory, the clock, the clinician last entered and
// the configured team. The team last entered is not carried: it may be
// that of a record just amended (an amendment keeps its record's team),
// and a new assessment after it belongs to this site's team.
func (m *Model) sessionOptions() assess.Options {
	o := assess.Options{Instrument: m.opts.Instrument, Directory: m.opts.Directory, Services: m.opts.Services, Now: m.now,
		Clinician: m.opts.Clinician, Team: m.opts.Team, Given: m.opts.Given}
	if m.s != nil {
		// The box starts empty: whoever is at the keyboard now types
		// their name. The last clinician's is offered (Tab), not kept
		// by one Enter.
		o.Clinician = ""
		if c := m.s.Clinician(); c != "" {
			m.lastClinician = c
		}
	}
	return o
}

// begin shows assessment s from its patient screen, with fresh forms.
func (m *Model) begin(s *assess.Session) {
	m.s = s
	// The sections, and the keys that open them from the review, are
	// those of the assessment's own instrument: an amendment or a draft
	// of another version than the one new assessments ask has its own.
	n := len(s.Instrument().Sections)
	m.sections = make([]*sectionForm, n)
	m.keys.EditSection = sectionKeys(n)
	m.current = 0
	m.outcomeForm = nil
	kind, number := s.Patient().Kind, s.Patient().Value
	m.patient = newPatientForm(kind, number, s.Clinician(), s.Team(), s.PatientFixed())
	m.patient.offerClinician(m.clinicianOffered())
	m.patient.offerTeam(s.TeamOffered())
	m.editPatient = false
	m.referral = 0
	m.fullReasons = false
	m.takenOver, m.secondConfirmed, m.sameConfirmed, m.second = false, false, false, ""
	m.earlier, m.earlierUnread, m.meanwhileLooked, m.secondMeanwhile = "", false, false, false
	m.secondCount = 0
	m.confirmSave, m.saveAsked = false, false
	m.kept = nil
	m.heldDrafts.atSave, m.heldDrafts.unread = "", false
	m.saveErr, m.draftErr, m.keptFile, m.keptStale, m.keptFound = nil, nil, "", false, false
	m.keptPart, m.keptNotes = nil, nil
	m.retrying, m.heldAgain, m.keptGone = false, false, keptGone{}
	m.resumedKept, m.resumedSame = "", ""
	m.screen = patientScreen
	m.layout()
}

// Init asks the terminal for its background, so colours suit a light or a
// dark theme. Until it answers, the screen is drawn in the terminal's own
// colours, which are readable on either.
func (m *Model) Init() tea.Cmd {
	cmd := m.startCmd
	m.startCmd = nil
	return tea.Batch(tea.RequestBackgroundColor, cmd)
}

// Update routes a message to the screen it belongs to.
func (m *Model) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	defer func() {
		// Answers taken back by a key refused (takeBack) are kept as a
		// draft as an answer given is: the file a refused save kept
		// them in was written again as they were taken back.
		if m.redraft != nil {
			cmd = tea.Batch(cmd, m.redraft)
			m.redraft = nil
		}
	}()
	defer m.noteFocus()
	defer m.noteReferralSeen()
	defer m.keepPartNow()
	defer m.fitReview()
	defer m.fitConfirm()
	defer m.fitUnderHeading()
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// A window of no size is one not yet measured, at the start:
		// nothing was hidden.
		wasSmall := m.width > 0 && m.tooSmall()
		// Nothing is drawn until the window is measured: the first
		// screen comes up now, not when it was built.
		first := m.width == 0
		wasShown := !m.tooSmall() && m.referralRead()
		m.width, m.height = msg.Width, msg.Height
		if (wasSmall || first) && !m.tooSmall() {
			if wasSmall {
				m.smallKeysSaid()
			}
			if wasSmall && m.ignoring && m.notice != "" {
				// Said under the refusal, which stays in view: an
				// esc pressed while the window was too small did
				// not end it.
				m.problem = strings.TrimSpace(m.problem + " " + m.notice)
				m.notice = ""
			}
			// What the window hid is shown anew: the holds of the
			// screens that must be read before an enter counts (the
			// review, the read-back before the save, the follow-up's
			// outcome question) begin again, as a referral's does
			// (noteReferralCame). Counted on, an enter 0.15 s after
			// the window came back saved a read-back hidden all along.
			m.backAt = time.Now()
			// So does a question's: one that came up holding an answer
			// while the window was too small counted its hold unseen,
			// and a 1 typed 0.3 s after it was shown changed the answer.
			// A box offering a name is read only once shown too
			// (offerUnread). The first screen's holds count from
			// its first frame: counted from when it was built, the
			// clinician box of an amendment started with --clinician
			// was held up to 0.4 s short on a busy machine, and a
			// backspace 0.8 s after it was on screen cut the name.
			if f := m.focusedField(); f != nil && (f.shownHeld || m.offerOf(f) != "") {
				f.keepFrom, f.keepLen = m.backAt, -1
			}
			switch {
			case m.screen == reviewScreen:
				m.reviewAt = m.backAt
			case m.screen == resultScreen && m.confirmSave:
				m.confirmAt = m.backAt
			}
		}
		m.layout()
		// A window too small to show the referral (or one that hid it)
		// made big again shows it anew: its hold begins again.
		m.noteReferralCame(m.referral, wasShown)
		if m.screen == draftsScreen && !m.draftsDrawn && !m.tooSmall() {
			// The list is drawn now: keys already on their way were
			// typed before it could be read (for the patient screen,
			// most likely), and must not open another patient's draft.
			m.draftsDrawn = true
			m.hold(heldBeforeDrafts)
		}
		return m, nil
	case tea.BackgroundColorMsg:
		m.bgKnown = true
		m.setTheme(themeFor(msg.IsDark()))
		return m, nil
	case tea.EnvMsg:
		// Until (or unless) the terminal answers the background query,
		// COLORFGBG, which many terminals set, is the best guess.
		if dark, ok := colorFgBgDark(msg.Getenv("COLORFGBG")); ok && !m.bgKnown {
			m.setTheme(themeFor(dark))
		}
		return m, nil
	case tea.ColorProfileMsg:
		// With 16 colours or fewer the terminal's own palette decides
		// what a colour looks like, so no contrast can be promised:
		// draw in the terminal's own colours, with bold and reverse.
		m.lowColour = msg.Profile < colorprofile.ANSI256
		m.setTheme(m.styles.theme)
		return m, nil
	case tea.PasteMsg:
		return m, m.onPaste(msg)
	case uv.UnknownCsiEvent:
		m.onSequence(string(msg))
	case uv.UnknownOscEvent:
		m.onSequence(string(msg))
	case uv.UnknownDcsEvent:
		m.onSequence(string(msg))
	case uv.UnknownApcEvent:
		m.onSequence(string(msg))
	case uv.UnknownSs3Event:
		m.onSequence(string(msg))
	case uv.UnknownPmEvent:
		m.onSequence(string(msg))
	case uv.UnknownSosEvent:
		m.onSequence(string(msg))
	case uv.UnknownEvent:
		m.onSequence(string(msg))
	case tea.ClipboardMsg:
		// digicheck never asks to read the clipboard: this is an OSC 52
		// sequence that came in with typed or pasted text.
		m.onSequence("\x1b]52;" + string(rune(msg.Selection)) + ";…")
	case savedMsg:
		return m, m.onSaved(msg)
	case pushedMsg:
		return m, m.onPushed(msg)
	case copiedMsg:
		return m, m.onCopied(msg)
	case handoutFileMsg:
		m.onHandoutFile(msg)
		return m, nil
	case patientCheckedMsg:
		return m, m.onPatientChecked(msg)
	case draftsMsg:
		return m, m.onDrafts(msg)
	case assessedMsg:
		return m, m.onAssessed(msg)
	case draftMsg:
		return m, m.onDraft(msg)
	case claimedMsg:
		return m, m.onClaimed(msg)
	case renewTick:
		return m, m.renew()
	case renewedMsg:
		m.onRenewed(msg)
		return m, nil
	case discardedMsg:
		return m, m.onDiscarded(msg)
	case stopMsg:
		m.takeWaitingConsent()
		return m, m.stop(msg.sig)
	case aloneMsg:
		return m, m.onAlone(msg)
	case tea.KeyPressMsg:
		if m.looking != lookNone {
			// Taken once the store was read (onAssessed), in order.
			m.queued = append(m.queued, msg)
			return m, nil
		}
		var waiting *field
		if fm := m.activeForm(); fm != nil {
			if f := fm.focused(); f != nil && f.opened != "" {
				waiting = f
			}
		}
		cmd := m.onKey(msg)
		if waiting != nil && waiting.opened != "" {
			// The key went elsewhere (esc back, ctrl+c's question, a
			// key held): the first digit waiting for its second is
			// dropped. Left waiting, the next single digit typed on
			// coming back finished it: 5 saved as 15.
			if m.tooSmall() && m.smallKeys > 0 && m.smallOpened == "" {
				// Said with the key, once the window is back.
				m.smallOpened = waiting.opened
			}
			waiting.opened = ""
		}
		m.keepDroppedSaid()
		return m, cmd
	}
	return m, nil
}

// setTheme rebuilds the styles for a dark, light or unknown background.
func (m *Model) setTheme(t theme) {
	if m.lowColour {
		t = themeUnknown
	}
	if t != m.styles.theme {
		m.styles = newStyles(t)
		m.layout()
	}
}

// onSequence refuses an escape sequence that came in as typed text (a
// paste where the terminal does not mark pastes, text sent by a remote
// desktop). The terminal library reads it as one event of its own, which
// the text input would drop, keeping the letters around it and saving
// other text than was given ("Dr \e[31mRed\e[0m Nurse" as "Dr Red
// Nurse"): it is refused, as a control character pasted or typed is, and
// the keys that come straight after it are held and dropped, saying so.
// Elsewhere nothing is typed, and it is ignored.
func (m *Model) onSequence(seq string) {
	if m.tooSmall() || m.confirmQuit || !m.holds() {
		return
	}
	fm := m.activeForm()
	if fm == nil || fm.focused() == nil || fm.focused().kind != freeText {
		return
	}
	m.problem, m.notice = "", ""
	f := fm.focused()
	if f.err != nil && !m.refusedAt.IsZero() && time.Since(m.refusedAt) < m.refusalHold {
		// Another sequence of the same burst (the colour's reset after
		// the colour): the first refusal stays in view, and the keys
		// still coming are held.
		m.hold(heldAfterRefusal)
		m.problem = strings.TrimSuffix(f.refusal(), ".") + ". Keys typed after this were ignored: answer this question again."
		return
	}
	f.err = fmt.Errorf("Not typed: an escape sequence (%s) came in with the text, and an answer holds no control characters: type it again without it", questionnaire.Printable(seq))
	m.hold(heldAfterRefusal)
	m.heldText = f
}

// onPaste types pasted text into the text question on screen; elsewhere
// it is ignored, so a paste can never choose an answer.
func (m *Model) onPaste(msg tea.PasteMsg) tea.Cmd {
	if m.tooSmall() || m.confirmQuit {
		return nil
	}
	if m.ignoring {
		// Keys are ignored until esc after a refusal: a paste is
		// ignored with them, counted, as a key is (ignoredKey).
		m.problem, m.notice = "", ""
		m.ignoredN++
		m.ignoredAt = time.Now()
		m.problem = m.ignoredSay + m.ignoredCount()
		return nil
	}
	var f *field
	switch fm := m.activeForm(); {
	case fm != nil:
		f = fm.focused()
	}
	if f == nil {
		return nil
	}
	if f.kind != freeText {
		// Text pasted on a list (a language where a text box was
		// expected) is no answer: refused, with the keys after it.
		if f.kind == oneOf {
			f.cursor = f.chosen
		}
		f.notKey = true
		f.err = fmt.Errorf("Not an answer: text pasted on a list is not taken. %s", f.advice())
		m.hold(heldAfterRefusal)
		m.typed = ""
		m.ignoreKeys("Not an answer: text pasted on a list is not taken.")
		return nil
	}
	if m.pasteUnread() {
		// It would replace an answer the patient gave, unread.
		return nil
	}
	// An escape sequence in a paste (marked by pasteGuard, or whole when
	// the paste came by another way) is refused whole, as one typed is,
	// before any other character is counted.
	if seq := pastedSequence(msg.Content); seq != "" || strings.Contains(msg.Content, "\x1b") {
		if seq == "" {
			i := strings.Index(msg.Content, "\x1b")
			seq = pastedSequence(escMark + msg.Content[i+1:])
		}
		f.err = fmt.Errorf("not pasted: an escape sequence (%s) came in with the text, and an answer holds no control characters: paste it again without it", questionnaire.Printable(seq))
		return nil
	}
	// The text input would quietly drop control characters from a paste
	// and keep the rest, saving something other than what was copied:
	// refuse the paste instead, as typed text is refused.
	if err := questionnaire.CheckText(strings.TrimRight(msg.Content, "\r\n")); err != nil {
		f.err = fmt.Errorf("not pasted: %w", err)
		return nil
	}
	// Nor may it cut a paste short to what fits. A paste that makes the
	// answer too long is kept in view, counted and refused at enter, as
	// typing is; only one past what the field holds is refused here.
	text := strings.TrimRight(msg.Content, "\r\n")
	if room, n := f.room(), utf8.RuneCountInString(text); room >= 0 && n > room {
		f.err = fmt.Errorf("not pasted: it has %d characters, more than this field holds (an answer here has at most %d)", n, f.most)
		return nil
	}
	f.err = nil
	f.typeText(tea.PasteMsg{Content: text})
	return nil
}

func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	said := m.notice
	m.problem, m.notice = "", ""
	m.endRun(msg)
	if m.ignoring {
		return m.ignoredKey(msg)
	}
	if m.escSoonAfterIgnoring(msg) {
		return nil
	}
	if c := m.command; c != nil {
		m.command = nil
		if typedText(msg) && time.Since(c.at) < m.refusalHold {
			// Typed with the command key, before what it showed was
			// drawn: the two were a word's letters ("ma", "mandarin").
			// What the command showed is put back, and both are
			// refused, with the keys still coming.
			c.undo()
			m.refuseTyped(c.text+msg.Text, true)
			return nil
		}
	}
	if m.alone != nil {
		// A key came while the key before it waited to be seen typed
		// on its own.
		k := *m.alone
		m.alone = nil
		switch {
		case key.Matches(msg, m.keys.Quit):
			// ctrl+c: the key waiting is dropped, and ctrl+c asks.
			m.aloneDropped()
		case typedText(msg):
			// Another letter or digit: the two were typed together, as
			// a word's letters are. Neither is taken, nor the keys
			// still coming.
			if m.confirmQuit {
				m.refuseQuitTyped(k.Text+msg.Text, true)
				return nil
			}
			m.refuseTyped(k.Text+msg.Text, true)
			return nil
		default:
			// An arrow, enter or esc: the key waiting was typed on its
			// own, and is taken, then this one. Its answer, shown waiting
			// on the referral, is drawn away first, as when its wait
			// ends: a consent refused for a referral not wholly on
			// screen records nothing, and was left showing "[agreed?]"
			// beside "Not recorded".
			m.aloneDropped()
			m.typedAt = m.aloneAt
			cmd := m.route(k)
			m.typedAt = time.Time{}
			if m.looking != lookNone {
				// The key waiting began a read of the store (r after a
				// refused save reads the patient's assessments first):
				// this one waits for it, as any key typed during a read
				// does (Update), and is taken at what the read brings
				// up. Taken at once, the enter of "r enter" saved before
				// the read could say an assessment saved meanwhile.
				m.queued = append(m.queued, msg)
				return cmd
			}
			return tea.Batch(cmd, m.onKey(msg))
		}
	}
	if m.confirmQuit {
		return m.quitKey(msg)
	}
	if key.Matches(msg, m.keys.Quit) {
		switch {
		case m.saving:
			// Quitting now could leave the clinician unsure whether the
			// record was kept; the save takes a moment.
			m.notice, m.stopAsked = savingNotice, true
			return nil
		case m.discarding:
			m.notice = "Discarding the draft: wait a moment, then quit."
			return nil
		case !m.hasUnsaved():
			m.exit = exitDone
			return tea.Quit
		}
		m.askQuit()
		return nil
	}
	if m.tooSmall() {
		// Nothing on screen to act on: keys would change answers blind.
		// Dropped, and said to be (noteSmallKey).
		m.noteSmallKey(msg)
		return nil
	}
	if m.scrollNotice(msg) {
		return nil
	}
	if !m.holds() {
		from := m.screen
		if (from == draftsScreen || from == savedScreen) && m.heldAfterRefusal(msg) {
			m.notice = m.heldFor
			if m.holdGoesOn && !(m.confirmDiscard && m.heldFor == heldBeforeQuestion) {
				// Typed text refused on the list: the refusal stays in view.
				m.notice, m.problem = "", m.heldFor
			}
			return nil
		}
		asked := m.confirmDiscard
		cmd := m.take(msg)
		if from == draftsScreen && m.confirmDiscard && !asked {
			// d asked "Discard …?": a y typed with it, or in the moment
			// after, was typed before the question could be read, and
			// must not lose another clinician's answers. Keys are held
			// as after a word refused, until none has come for the word
			// hold, so a word typed on from the d (a name beginning with
			// d) is held whole; the y that discards is then taken only
			// when typed on its own (take).
			m.hold(heldBeforeQuestion)
			m.holdGoesOn, m.heldLen = true, m.wordHoldLen()
		}
		if from == draftsScreen && m.screen != draftsScreen {
			// n or enter on the list opened an assessment: the keys
			// typed with it were typed at the list, and must not
			// answer questions not yet on screen.
			m.hold(heldAfterDrafts)
		}
		return cmd
	}
	if m.lineEnd(msg) {
		return nil
	}
	if m.twoDigits(msg) {
		return nil
	}
	if m.chosenEnter(msg) {
		return nil
	}
	if msg.Mod&tea.ModAlt != 0 && msg.Code != tea.KeyEscape && msg.Text == "" {
		// Esc and the key after it, read together, come as one key
		// with alt held (esc 3 reads as alt+3). No alt key is bound, so
		// it is esc, then a key typed before the question esc goes back
		// to was on screen: go back, and hold the key as after any esc.
		m.escBefore()
		m.route(tea.KeyPressMsg{Code: tea.KeyEscape})
		m.hold(heldAfterBack)
		m.notice = heldAfterBack
		return nil
	}
	if m.heldAfterRefusal(msg) && !m.editsRefusedText(msg) {
		if f := m.resumedKept; f != "" && strings.HasPrefix(said, keptFileNote(f)) {
			// The file the resumed draft's later answers are in stays
			// named, first, the keys typed ahead said after it: the
			// note of them took its place, and it was never seen.
			m.notice = keptFileNote(f) + "\n" + m.heldFor
		} else {
			m.notice = m.heldFor
		}
		if m.heldFor == heldAfterQuit {
			m.sayDropped(msg)
		}
		if m.screen == resultScreen || m.holdGoesOn {
			// A refusal (of a save, or of a key typed on the review or
			// the result) stays in view.
			m.notice, m.problem = "", m.heldFor
		}
		if fm := m.activeForm(); fm != nil && fm.err() != nil {
			// The refusal stays in view, saying what became of the
			// keys typed after it, so none is lost without a word.
			m.problem = strings.TrimSuffix(fm.focused().refusal(), ".") + ". Keys typed after this were ignored: answer this question again."
		}
		return nil
	}
	if m.outcomeUnread(msg) {
		return nil
	}
	if m.answerUnread(msg) {
		return nil
	}
	if m.offerUnread(msg) {
		return nil
	}
	if key.Matches(msg, m.keys.Back) && m.cancelOpened() {
		return nil
	}
	if key.Matches(msg, m.keys.Back) {
		m.escBefore()
	}
	was := m.focusedField()
	dropped := ""
	if was != nil && was.opened != "" && key.Matches(msg, fieldUp, fieldDown, fieldTop, fieldBottom) {
		dropped = was.opened
	}
	cmd := m.take(msg)
	if dropped != "" && m.focusedField() == was && was.opened == "" {
		// The arrow moved the highlight and cancelled the first digit
		// waiting: said, as esc says it, never dropped without a word.
		m.notice = dropped + " cancelled by the arrow: nothing is chosen by it. Choose with the highlight and enter, or type the number again."
	}
	if key.Matches(msg, m.keys.Back) && m.screen != draftsScreen {
		// Esc shows another question (or screen): keys typed with it
		// were typed before that was on screen, so they must not
		// answer it. (The list of drafts began its own hold.)
		m.hold(heldAfterBack)
	}
	return cmd
}

// cancelOpened cancels a first digit waiting for its second on the list
// in focus (field.opensNumber), and says so: esc pressed to take back a
// stray 1 went back a whole question. The list stays on screen with
// nothing chosen by the digit; the next esc goes back. Keys typed with the
// esc are held a moment, as after the esc that ends ignoring.
func (m *Model) cancelOpened() bool {
	fm := m.activeForm()
	if fm == nil {
		return false
	}
	f := fm.focused()
	if f == nil || f.opened == "" {
		return false
	}
	digit := f.opened
	f.opened, f.cursor = "", f.chosen
	m.hold(heldAfterCancel)
	m.heldLen = m.refusalHold / 4
	m.notice = digit + " cancelled: nothing is chosen. Choose an answer, or press esc again to go back."
	return true
}

// escBefore undoes what keys did to the choice in focus when esc comes
// so soon after it was shown that it could not have been read: those keys
// and the esc were typed together, before it was on screen, and were
// meant for the question before (a "1" meant for the last referral ticked
// the first device, the devices question having come up by itself, and
// the devices question later opened with it ticked). Like the keys held
// after esc, they answer nothing. A choice made with the question in view
// is kept when esc goes back, as every answer is.
func (m *Model) escBefore() {
	fm := m.activeForm()
	if fm == nil {
		return
	}
	if f := fm.focused(); f != nil && time.Since(f.shownAt) < m.refusalHold {
		f.revert()
	}
}

// holds reports whether the screen on show holds keys typed ahead of a
// change the clinician has not yet seen: the question screens, the review
// and the result with its consents.
func (m *Model) holds() bool {
	switch m.screen {
	case patientScreen, outcomeScreen, sectionScreen, reviewScreen, resultScreen:
		return true
	}
	return false
}

// Why keys were held, as the status line says it.
const (
	heldAfterRefusal = "Keys typed straight after a refused answer, or while a draft opened, were ignored: read the question, then answer it."
	heldAfterBack    = "Keys typed straight after esc were ignored: read the question esc went back to, then answer it."
	heldAfterCancel  = "Keys typed straight after esc were ignored: nothing is chosen; answer the question."
	heldBeforeDrafts = "Keys typed before the list of unfinished assessments could be read were ignored: read the list, then choose."
	heldAfterDrafts  = "Keys typed straight after leaving the list of unfinished assessments were ignored: read the question, then answer it."
	// heldBeforeShown is said as the plain prompts say it (prompt's
	// ignoredNote("before this question was shown")).
	heldBeforeShown = "Keys typed before this question was shown were ignored: read the question, then answer it."
	// The review and the result hold the keys typed before they were shown.
	heldBeforeReview     = "Keys typed before the review was shown were ignored: check every answer with the patient, then press enter."
	heldBeforeResult     = "Keys typed before the result was shown were ignored: read it with the patient, then answer each referral."
	heldBeforeResultSave = "Keys typed before the result was shown were ignored: read it with the patient, then press enter to save."
	// heldBeforeQuestion is said when a key is held as a question whose
	// answer is a single key (discard?) is shown.
	heldBeforeQuestion = "Keys typed before this question was shown were ignored: read it, then answer."
	// heldBeforeStart is said on the first screen, as the plain prompts
	// say it (ignoredNote("before the first question")).
	heldBeforeStart       = "Keys typed before the first question were ignored: read the question, then answer it."
	heldBeforeStartDrafts = "Keys typed before the list of unfinished assessments was shown were ignored: read the list, then choose."
)

// hold drops the keys that arrive in the next moment, typed before the
// change just made could be seen.
func (m *Model) hold(why string) {
	m.refusedAt, m.heldFor, m.heldText, m.holdGoesOn = time.Now(), why, nil, false
	m.heldLen = m.refusalHold
}

// editKey is the keys that only edit the text on screen: after a text
// answer is refused they are applied, since they cannot answer or move
// on, and the first correction (a backspace typed as the refusal showed)
// must not be lost.
var editKey = key.NewBinding(key.WithKeys("backspace", "delete", "left", "right",
	"home", "end", "ctrl+left", "ctrl+right", "ctrl+h",
	"ctrl+w", "ctrl+backspace", "ctrl+u", "ctrl+k", "ctrl+a", "ctrl+e", "ctrl+b", "ctrl+f", "ctrl+d"))

// editsRefusedText reports whether msg edits the text question whose
// answer was just refused, still on screen.
func (m *Model) editsRefusedText(msg tea.KeyPressMsg) bool {
	fm := m.activeForm()
	return m.heldText != nil && fm != nil && fm.focused() == m.heldText && key.Matches(msg, editKey)
}

// take gives a key to the screen on show, unless it is text typed on the
// review, the result or the saved screen. There a letter or a digit that
// is not a key of the screen was typed as a word, meant for a text box: it
// is refused, with the keys typed after it, as on the lists. One that is a
// key there (a consent, print, a new assessment, quit) acts only when it
// was typed on its own: it waits until no key has come for the word hold,
// and another letter or digit in that time refuses both ("Spanish" printed
// the handout by its p and started a new assessment by its n; "Tigrinya"
// agreed to two referrals by its y and a). An arrow, enter or esc after it
// ends the wait at once: it was typed on its own. So does x, the tick of
// a list of many answers: "xhosa" typed slowly ticked the answer
// highlighted by its x (a letter after a refused one is held, but not the
// first).
func (m *Model) take(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case !typedText(msg):
		return m.route(msg)
	case m.aloneScreen():
		if !m.screenKey(msg) {
			m.refuseTyped(msg.Text, false)
			return nil
		}
		if m.commandKey(msg) {
			return m.takeCommand(msg)
		}
		if m.consentUnread(msg) {
			// A consent key for a referral not yet read out is
			// refused whatever follows it: refused now, never shown
			// waiting ("[agreed?]", "taken in a moment") and then
			// refused a second later.
			return m.route(msg)
		}
	case !m.tickKey(msg):
		return m.route(msg)
	case m.tickUnread():
		m.refuseTick(msg)
		return nil
	case m.tickedJustNow() != "":
		m.refuseTickTogether(m.tickedJustNow(), msg)
		return nil
	}
	return m.waitAlone(msg)
}

// tickedJustNow is the digit that ticked (or unticked) an answer of the
// list in focus within the word hold, the last key read, or "". An x
// straight after it unticked (or ticked) that same answer, now
// highlighted: "2x", or "3" and x 0.3 s later, changed nothing and said
// nothing, where "xx" is refused as keys typed together.
func (m *Model) tickedJustNow() string {
	f := m.focusedField()
	if f == nil || f.kind != manyOf || len(m.acts) == 0 {
		return ""
	}
	a := m.acts[len(m.acts)-1]
	if a.kind != actTick || a.q != f || !isDigitText(a.text) || m.typed != a.text || time.Since(a.at) >= m.wordHoldLen() {
		return ""
	}
	return a.text
}

// refuseTickTogether refuses x typed together with the number before it
// on the same list (tickedJustNow), as "xx" is: the number's tick is
// taken back, so the list is as it was before both, and keys are ignored
// until esc.
func (m *Model) refuseTickTogether(number string, msg tea.KeyPressMsg) {
	m.aloneDropped()
	m.hold(heldAfterRefusal)
	m.typed = number + msg.Text
	m.takeBack() // the number's tick: said below
	m.ignoreKeysThen(fmt.Sprintf("Not taken: %s came as keys typed together; nothing is changed.", questionnaire.Quote(number+msg.Text)),
		"Keys are ignored until Esc; then tick what applies.")
}

// tickUnread reports whether x, typed on the list of many answers in
// focus, came before it could know what it ticks: x ticks the answer
// highlighted, and a list comes up with its highlight on answer 1, which
// nobody pointed at. An x typed with the key that brought the list up
// ("1 enter x", "2x") or straight after it ticked answer 1 of a list not
// yet read. It counts once the list has been in view for the word hold.
// An arrow typed before then moved the highlight as blindly ("enter down
// x" ticked answer 2 of a list never read), so it makes no x count.
func (m *Model) tickUnread() bool {
	f := m.focusedField()
	if f == nil || f.kind != manyOf {
		return false
	}
	// Back in view after the window was too small to show it, it is
	// shown anew, as for outcomeUnread.
	since := f.shownAt
	if m.backAt.After(since) {
		since = m.backAt
	}
	wait := m.wordHoldLen()
	return wait > 0 && time.Since(since) < wait
}

// refuseTick refuses x typed on a list before it could be read
// (tickUnread) as a key of no list is refused: nothing is ticked, and keys
// are ignored until esc, since the keys typed with it were meant for a
// question before this one.
func (m *Model) refuseTick(msg tea.KeyPressMsg) {
	f := m.focusedField()
	m.aloneDropped()
	m.hold(heldAfterRefusal)
	f.notKey = true
	f.err = fmt.Errorf("Not ticked: %s came before this list could be read.", questionnaire.Quote(msg.Text))
	m.typed = msg.Text
	// Two rows at 80 columns, keys ignored said plainly: in four, what
	// mattered most came last.
	m.ignoreKeysThen(f.err.Error(), tickRefusedThen)
}

// tickRefusedThen is said after an x refused on a list not yet read
// (refuseTick): keys are ignored until esc, and how to tick then.
const tickRefusedThen = "Keys are ignored until Esc; then press an answer's number, or move to it with ↑/↓ and press x."

// waitAlone takes msg, a letter or digit, once no key has followed it for
// the word hold: typed with another letter or digit, as in a word, it is
// refused (onKey); followed by an arrow, enter or esc, it is taken at once.
func (m *Model) waitAlone(msg tea.KeyPressMsg) tea.Cmd {
	wait := m.wordHoldLen()
	if wait <= 0 {
		return m.route(msg)
	}
	m.aloneSeq++
	k, seq := msg, m.aloneSeq
	m.alone, m.aloneAt = &k, time.Now()
	m.notice = fmt.Sprintf("%s is taken in a moment, if no other key follows it: a key typed as part of a word is not taken.", questionnaire.Quote(msg.Text))
	if p := m.pendingConsent(); p != "" {
		// The answer shows at once on the referral, waiting; ↓ takes
		// it at once, as an arrow after it shows it was typed alone.
		m.notice = fmt.Sprintf("%s: %s, taken in a moment if no other key follows it (a word's letters are not taken); ↓ takes it at once and goes on.", questionnaire.Quote(msg.Text), p)
		m.renderResult()
	}
	return tea.Tick(wait, func(time.Time) tea.Msg { return aloneMsg{seq} })
}

// onAlone takes the key that waited to be seen typed on its own, if no
// key came meanwhile.
func (m *Model) onAlone(msg aloneMsg) tea.Cmd {
	if m.alone == nil || msg.seq != m.aloneSeq {
		return nil
	}
	k := *m.alone
	m.alone = nil
	m.problem, m.notice = "", ""
	m.aloneDropped()
	if m.confirmQuit {
		m.typedAt = m.aloneAt
		defer func() { m.typedAt = time.Time{} }()
		return m.quitAnswer(k)
	}
	if m.tooSmall() {
		// The window was made too small while the key waited: it is
		// not taken, and said not to be.
		m.noteSmallKey(k)
		return nil
	}
	if !(m.aloneScreen() || m.tickKey(k)) {
		return nil
	}
	m.typedAt = m.aloneAt
	defer func() { m.typedAt = time.Time{} }()
	return m.route(k)
}

// tickKey reports whether msg is x typed on a list of many answers, where
// it ticks the answer highlighted.
func (m *Model) tickKey(msg tea.KeyPressMsg) bool {
	fm := m.activeForm()
	if fm == nil || msg.Text != "x" {
		return false
	}
	f := fm.focused()
	return f != nil && f.kind == manyOf && f.cursor >= 0
}

// aloneScreen reports whether the screen on show takes its letter and
// digit keys only when typed on its own (take): the review, the result,
// the saved screen, and the questions about a kept draft ("resume it, or
// a new assessment anyway?" and "Discard …?"), whose r, n and y were
// letters of the name or the number typed there.
func (m *Model) aloneScreen() bool {
	switch m.screen {
	case reviewScreen, resultScreen, savedScreen:
		return true
	case patientScreen:
		return m.kept != nil || m.earlier != ""
	case draftsScreen:
		return m.confirmDiscard
	}
	return false
}

// screenKey reports whether msg, text typed, is a key of the screen on
// show as it is now (one of aloneScreen's).
func (m *Model) screenKey(msg tea.KeyPressMsg) bool {
	k := m.keys
	var ks []key.Binding
	switch m.screen {
	case reviewScreen:
		ks = append(ks, k.EditSection, k.EditPatient)
		if m.s.AsksOutcomes() {
			ks = append(ks, k.EditOutcomes)
		}
	case resultScreen:
		if m.confirmSave {
			// The save's question takes enter and esc only: a letter
			// there was a word typed, or a consent meant for the
			// result, and is refused with the keys after it.
			break
		}
		if n := len(m.referrals()); n > 0 {
			ks = append(ks, k.Agree, k.Decline, k.NotDiscussed)
			if n > firstReferrals {
				ks = append(ks, k.More)
			}
		}
		if m.resultCompact || m.fullReasons {
			ks = append(ks, k.Reasons)
		}
		if m.retryable() {
			ks = append(ks, k.Retry)
		}
		if m.refusedForGood() {
			ks = append(ks, quitFinish)
		}
	case patientScreen:
		ks = append(ks, keptNew)
		if m.earlier != "" && m.followUpOffered() {
			ks = append(ks, earlierFollowUp)
		}
		if m.keptResumable() {
			ks = append(ks, keptResume)
		}
	case draftsScreen:
		ks = append(ks, k.Yes, k.No)
	case savedScreen:
		ks = append(ks, k.Copy, k.Handout, k.New, k.Exit)
		if m.opts.SaveHandout != nil {
			ks = append(ks, k.SaveFile)
			if m.opts.PrintHandout != nil {
				ks = append(ks, k.Print)
			}
		}
	}
	for _, b := range ks {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// refuseTyped refuses text typed on the review, the result or the saved
// screen (a key that is none of the screen's, or keys typed together) and
// holds the keys typed with it for as long as they keep coming.
func (m *Model) refuseTyped(text string, together bool) {
	why := fmt.Sprintf("Not taken: %s is not a key of this screen.", questionnaire.Quote(text))
	if together {
		why = fmt.Sprintf("Not taken: %s came as keys typed together, as in a word.", questionnaire.Quote(text))
	} else {
		why = strings.TrimSuffix(why, ".") + "." + capsHint(text, func(l string) bool { return m.screenKey(lowerKey(l)) })
	}
	if m.screen == resultScreen && together && !m.confirmSave {
		// Consents typed one after another at an ordinary pace come as
		// a word's letters do: say what works.
		why += " To answer one referral after another, press ↓ after each answer: only ↓ moves on to the next."
	}
	m.aloneDropped()
	m.cancelDiscardSure()
	m.hold(why)
	m.typed = text
	m.ignoreKeys(why)
	if m.confirmSave {
		// Esc then leaves the question as it is: what is left to do
		// there is to save, or go back.
		m.ignoredSay = strings.TrimSuffix(m.ignoredSay, m.ignoredTail()) + "Keys are being ignored until you press Esc (it does not go back); then press Enter to save, or Esc to change an answer."
		m.problem = m.ignoredSay
	}
}

// route gives a key to the screen on show.
func (m *Model) route(msg tea.KeyPressMsg) tea.Cmd {
	m.typed = ""
	if typedText(msg) {
		m.typed = msg.Text
	}
	if m.confirmQuit {
		return m.quitAnswer(msg)
	}
	switch m.screen {
	case draftsScreen:
		return m.draftsKey(msg)
	case patientScreen:
		return m.patientKey(msg)
	case outcomeScreen:
		return m.outcomeKey(msg)
	case sectionScreen:
		return m.sectionKey(msg)
	case reviewScreen:
		return m.reviewKey(msg)
	case resultScreen:
		return m.resultKey(msg)
	case savedScreen:
		return m.savedKey(msg)
	}
	return nil
}

// hasUnsaved reports whether quitting would lose anything typed.
func (m *Model) hasUnsaved() bool {
	switch m.screen {
	case savedScreen, draftsScreen:
		return false
	case patientScreen:
		return m.patient.touched() || m.s.Progressed()
	}
	return true
}

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// noteSmallKey notes a key dropped because the window was too small to
// draw the screen: dropped without a word, a consent key pressed then
// left the referral as it was, and once the window was big again nothing
// said the key had done nothing. The too-small screen says so at once,
// and the screen, once back, says so again (smallKeysSaid).
func (m *Model) noteSmallKey(msg tea.KeyPressMsg) {
	if m.smallKeys == 0 {
		m.smallKey = keyName(msg)
	}
	m.smallKeys++
}

// smallKeysSaid says, as the window comes back big enough, what became
// of the keys pressed while it was too small: nothing was recorded.
func (m *Model) smallKeysSaid() {
	switch n := m.smallKeys; {
	case n == 1:
		m.notice = "Not taken: " + m.smallKey + ", pressed while the window was too small: nothing was recorded by it. Press it again if you meant it."
	case n > 1:
		m.notice = fmt.Sprintf("Not taken: %d keys (%s first), pressed while the window was too small: nothing was recorded by them. Press again what you meant.", n, m.smallKey)
	}
	if d := m.smallOpened; d != "" {
		them := "them"
		if m.smallKeys == 1 {
			them = "it"
		}
		m.notice += " The " + d + " typed before " + them + " is cancelled: nothing is chosen by it."
	}
	m.smallKeys, m.smallKey, m.smallOpened = 0, "", ""
}

// smallKeysNow is what the too-small screen says of the keys pressed on
// it, or "".
func (m *Model) smallKeysNow() string {
	switch n := m.smallKeys; {
	case n == 1:
		return "Not taken: " + m.smallKey + ". Keys do nothing until the window is big enough."
	case n > 1:
		return fmt.Sprintf("Not taken: %d keys (%s first). Keys do nothing until the window is big enough.", n, m.smallKey)
	}
	return ""
}

// keyName is a key as the screen names it: a letter or digit quoted ("a"),
// Enter, or the key's own name (down, esc).
func keyName(msg tea.KeyPressMsg) string {
	switch {
	case typedText(msg):
		return questionnaire.Quote(msg.Text)
	case key.Matches(msg, fieldEnter):
		return "Enter"
	}
	return msg.String()
}

// refusalHold is how long keys are dropped after an answer is refused.
// Keys typed ahead of a refusal were meant for the next question, which
// never came: applied to the question still on screen, they would answer
// it with what was meant for another.
const refusalHold = 400 * time.Millisecond

// wordHold is how long no key must come, after a key refused on a list
// (a word typed where a text box was expected), before keys are taken
// again: every key until then is held and begins it again. A clinician
// typing two-fingered leaves about half a second between letters, and the
// next burst, meant for the next question, comes about a second after the
// word: neither may answer the list still on screen. It is a multiple of
// refusalHold so that a test that sets that sets this too (wordHoldLen).
// It is also how long the review, the read-back and a referral the
// consent keys answer must have been on screen before a key counts, as
// the plain prompts hold such a question (prompt's readingHold).
const wordHold = 3 * refusalHold

// wordHoldLen is wordHold as the model's refusalHold makes it.
func (m *Model) wordHoldLen() time.Duration { return m.refusalHold * (wordHold / refusalHold) }

// formKey gives a key to a form, noting when an answer is refused, and
// when a number chose a single answer and moved on by itself.
func (m *Model) formKey(fm *form, msg tea.KeyPressMsg) {
	f := fm.focused()
	// A digit that may begin a number of two digits chooses nothing yet;
	// the digit after it chooses by the number.
	closes := f != nil && f.closesNumber(msg)
	chose := f != nil && f.kind == oneOf && (f.digit(msg) >= 0 && !f.opensNumber(msg) || closes)
	if chose && !closes && len(f.options) >= 10 {
		m.digitChose = &digitChoice{fm: fm, at: time.Now(), index: fm.cur, cursor: f.cursor, chosen: f.chosen, first: msg.Text}
	}
	fm.noteShown()
	before := fm.before
	at := fm.cur
	var cursor, chosen int
	var ticked []bool
	if f != nil {
		cursor, chosen, ticked = f.cursor, f.chosen, slices.Clone(f.ticked)
	}
	fm.update(msg)
	m.noteTextEnter(fm, at, f, msg)
	if fm.err() != nil {
		m.hold(heldAfterRefusal)
		if g := fm.focused(); g == f && f.kind == freeText {
			m.heldText = f
		}
		// A key that is no key of the list was a word typed at it: the
		// rest of the word and the enter after it, however slowly they
		// come, are ignored until esc.
		if f != nil && f.notKey {
			m.ignoreKeys(f.err.Error())
		}
		return
	}
	if chose && (fm.done || fm.focused() != f) {
		m.chosenAt = time.Now()
	}
	if f != nil && typedText(msg) && (chose || f.kind == manyOf && !slices.Equal(ticked, f.ticked)) {
		m.noteFormAct(fm, at, cursor, chosen, ticked)
	}
	if g := fm.focused(); g != nil && g != f && g.revealed && fm.newlyShown(fm.cur, before) {
		// The answer brought up a question that was not to come: the
		// keys typed with it were meant for the one that was. One that
		// was there before the answer (an answer kept, as when amending)
		// was to come, and the keys typed on are meant for it.
		m.hold(heldBeforeShown)
	}
}

// chosenEnter reports whether msg is an enter typed straight after a
// number chose a single answer, before what came next could be seen.
// A number chooses and moves on at once, and clinicians type number and
// enter out of habit: that enter confirms the answer just chosen and is
// absorbed, so it neither answers nor is refused on the next question,
// and the keys after it land question by question as if typed slowly.
// Only the one key straight after the number is looked at.
func (m *Model) chosenEnter(msg tea.KeyPressMsg) bool {
	at := m.chosenAt
	m.chosenAt = time.Time{}
	return !at.IsZero() && time.Since(at) < m.refusalHold && key.Matches(msg, fieldEnter)
}

// enterUnread refuses, and reports, an enter on a question that came into
// focus holding an answer (given before: an amendment, a follow-up, a
// section opened again from the review, a question gone back to) when it
// comes within the word hold of the question being shown. A clinician
// types a number then enter about 0.6 s later: the number that opened a
// section from the review, or answered the question before, brought this
// one up, and the enter, meant for the number, kept this question's old
// answer unread; every number after it then answered the question after
// the one it was meant for, and was saved so. Refused, and said, the
// enter keeps nothing, and every key after it is ignored until esc
// (refuseEnter), as after any refusal: no wait tells a number typed for
// this question from one typed ahead for the next, and one typed ahead
// ("enter 4 enter": keep the needs, reading help "Often") unticked a need
// the patient had given, which the enter after it confirmed. The
// patient's details are held so when their box came up holding a value
// given before (detailGiven).
//
// An enter that kept or gave the answer before, and brought this question
// up, is no exception: taken, "enter enter 2 3 enter" typed to keep one
// answer kept the next unread too, and "2 3" unticked and ticked the
// patient's answer on the question after it ("must not be phoned" became
// "must not be texted", saved so). Enters one after another keep answers
// one after another only as each question is read.
//
// The clinician box is held the same way while it holds the name it was
// offered with (the site's clinician, or the login name, on a shared ward
// workstation; the clinician of the draft or record), with no exception for
// enters one after another: an enter typed ahead with the patient's number
// saved the assessment under another person's name, unseen.
func (m *Model) enterUnread(msg tea.KeyPressMsg) bool {
	if !key.Matches(msg, fieldEnter) {
		return false
	}
	f := m.focusedField()
	// A box of the patient's details holding a value given before is
	// held as every answer is (detailGiven), the clinician's name too.
	given := m.detailGiven(f)
	offered := !given && (m.offeredClinician(f) || m.filledTeam(f))
	if !offered && !given && m.screen != sectionScreen && m.screen != outcomeScreen {
		return false
	}
	// An arrow typed before the question could be read is as blind as
	// the enter: "enter ↑ enter" changed reading help from "Always" to
	// "Often" a few milliseconds after it came up, saved so. A single
	// choice still holding the answer it came up with is held whatever
	// the highlight.
	// So is one that moved the cursor in a text box: it kept the text
	// unread as surely.
	if f == nil || f.err != nil || !(f.keepsShown() || f.kind == oneOf && f.chosen >= 0 && f.chosen == f.shownChosen || f.shownHeld && f.asShown()) {
		return false
	}
	if m.keepRead(f) {
		return false
	}
	f.keepFrom, f.keepLen = time.Now(), m.wordHoldLen()
	if offered {
		// The keys typed with it were meant for the questions after
		// it: typed in the box they would replace the name ("27111"
		// for a burst of answers). They are held for as long as they
		// keep coming, as a word typed on a list is.
		m.problem = clinicianTooSoon
		if f == m.patient.team {
			m.problem = teamTooSoon
		}
		m.hold(m.problem)
		m.holdGoesOn = true
		return true
	}
	m.refuseEnter(f)
	return true
}

// outcomeUnread refuses a key, other than esc, for a follow-up's question
// on what became of an earlier referral ("Did you go to ...?") that came
// before the question had been on screen for the word hold, as a consent
// key is refused for a referral not yet read (resultKey): the answer
// records what the patient did, and "enter 1 enter" typed at the team,
// the habit of a new assessment, recorded "Yes, I went" for a question
// never asked. Nothing is recorded, it says so, and the keys typed with
// it are held. A key that would answer (a digit, a letter, enter) is
// refused as a consent key is (refuseOutcome): every key after it is
// ignored until esc, since the answer typed ahead for the question after,
// 1.8 s later, answered this one, and each answer after it landed one
// question early. An arrow, which answers nothing, is only held.
func (m *Model) outcomeUnread(msg tea.KeyPressMsg) bool {
	if m.screen != outcomeScreen || m.outcomeForm == nil || key.Matches(msg, m.keys.Back) {
		return false
	}
	f := m.focusedField()
	if f == nil || !slices.Contains(m.outcomeForm.codes, f) {
		return false
	}
	// Back in view after the window was too small to show it, it is
	// shown anew: the time it was hidden is not counted.
	since := f.shownAt
	if m.backAt.After(since) {
		since = m.backAt
	}
	if wait := m.wordHoldLen(); wait <= 0 || time.Since(since) >= wait {
		return false
	}
	if f.shownHeld && (typedText(msg) || key.Matches(msg, fieldEnter) || f.moves(msg)) {
		// Come up holding the patient's answer, it is held as every
		// single choice holding one is (refuseUnread): the arrows after
		// the key are ignored too, and the highlight stays on the
		// answer, which the enter after esc keeps. Refused as an
		// unanswered one is, "↓" after the refused key moved the
		// highlight, and that enter saved "No, I did not take it up"
		// for "Yes, and it helped".
		m.refuseUnread(f, refusedKeyName(msg))
		return true
	}
	if typedText(msg) || key.Matches(msg, fieldEnter) {
		m.refuseOutcome(msg)
		return true
	}
	m.notice = outcomeTooSoon
	m.hold(outcomeTooSoon)
	return true
}

// outcomeTooSoon is said when a key came for a question on what became of
// an earlier referral before it could be asked (outcomeUnread).
const outcomeTooSoon = "Not recorded: ask this question of the patient, then press the key again."

// outcomeRefused is said when a key that would answer (named: "1",
// Enter) came for a question on what became of an earlier referral before
// it could be asked: keys are then ignored until esc (refuseOutcome). It
// says why first, as the refusal of an x on a list not yet read does:
// "ask this question of the patient" alone, said to a clinician who had
// just asked it and typed the answer, read as an accusation.
func outcomeRefused(name string) string {
	return "Not recorded: " + name + " came before this question could be read. Keys are ignored until Esc; then ask it of the patient."
}

// filledTeam reports whether f is the team box of the patient screen on
// show holding, unchanged, the team it was filled with from the
// assessment followed up (patientForm.fillTeam): held as the clinician box
// offered with a name is (see enterUnread).
func (m *Model) filledTeam(f *field) bool {
	return f != nil && m.screen == patientScreen && m.kept == nil && m.earlier == "" && m.patient != nil && f == m.patient.team && m.patient.filledTeam()
}

// offeredClinician reports whether f is the clinician box of the patient
// screen on show (see enterUnread).
func (m *Model) offeredClinician(f *field) bool {
	return f != nil && m.screen == patientScreen && m.kept == nil && m.earlier == "" && m.patient != nil && f == m.patient.clinician
}

// focusedField is the question in focus on the screen on show, or nil.
func (m *Model) focusedField() *field {
	if fm := m.activeForm(); fm != nil {
		return fm.focused()
	}
	return nil
}

// noteFocus notes, for the question in focus, the word hold as it came
// into focus: an enter that comes sooner after it is refused
// (enterUnread).
func (m *Model) noteFocus() {
	if f := m.focusedField(); f != nil && f.keepLen < 0 {
		f.keepLen = m.wordHoldLen()
	}
}

// heldAfterRefusal reports whether a key arrived so soon after a refused
// answer that it was typed before the refusal could be seen.
func (m *Model) heldAfterRefusal(msg tea.KeyPressMsg) bool {
	if m.refusedAt.IsZero() || key.Matches(msg, m.keys.Back) {
		return false
	}
	most := m.refusalHold
	if m.holdGoesOn {
		most = m.wordHoldLen()
	}
	if time.Since(m.refusedAt) >= min(m.heldLen, most) {
		m.refusedAt = time.Time{}
		return false
	}
	if m.holdGoesOn {
		m.refusedAt = time.Now()
	}
	return true
}

func (m *Model) patientKey(msg tea.KeyPressMsg) tea.Cmd {
	if (m.kept != nil || m.earlier != "") && m.scrollPatientNotice(msg) {
		return nil
	}
	if m.kept != nil {
		return m.keptKey(msg)
	}
	if m.earlier != "" {
		return m.earlierKey(msg)
	}
	p := m.patient
	if p.takeOffer(msg) {
		return nil
	}
	if !key.Matches(msg, m.keys.Back) {
		m.formKey(p.form, msg)
		p.offerHint()
		p.noteNumberGiven()
		if p.form.done {
			return m.patientDone()
		}
		return nil
	}
	if p.form.back() {
		return nil
	}
	switch {
	case m.editPatient:
		// Left without finishing: the change is not taken, and the
		// details come up again as the review shows them.
		m.patientAsRecorded()
		m.goReview()
	case len(m.drafts) > 0 && !m.hasUnsaved():
		// Nothing typed yet: back to the unfinished assessments.
		m.openDrafts()
	}
	return nil
}

func (m *Model) patientDone() tea.Cmd {
	id, clinician, team, err := m.patient.result()
	if err != nil {
		// The kind was changed after the number was accepted; ask again
		// with everything as typed.
		m.openPatient(m.editPatient)
		m.problem = err.Error()
		return nil
	}
	was := patientDetails{m.s.Patient(), m.s.Clinician(), m.s.Team()}
	if err := m.s.SetPatient(id, clinician, team); err != nil {
		m.openPatient(m.editPatient)
		m.problem = err.Error()
		return nil
	}
	check := m.checkPatient(id)
	if m.editPatient && id == was.id {
		var draft tea.Cmd
		if m.keptFile != "" {
			// The file the refused save kept the answers in follows
			// the details changed (the clinician, the team), as it
			// follows each answer: kept in no draft, the file never
			// had them, while the screen said it held the answers
			// changed since.
			draft = m.draftCmd()
		}
		m.goReview()
		return tea.Batch(check, draft)
	}
	m.changedFrom = nil
	if m.editPatient {
		m.changedFrom = &was
	}
	// A patient given first, or changed at the review (p) to another:
	// told alike of a draft of theirs, then of their assessments that
	// count, before going on. Changed at the review, nothing was said,
	// and the save made a second current assessment of a patient whose
	// record said not to phone them, its referrals no longer followed up.
	if m.looksDrafts() {
		// The drafts read as they are now, another window's kept since
		// they were last read among them, and told of as below once read
		// (onDrafts).
		return tea.Batch(check, m.lookDraftsFor(lookDrafts))
	}
	return tea.Batch(check, m.afterDetails())
}

// patientDetails are a session's patient, clinician and team.
type patientDetails struct {
	id              record.PatientID
	clinician, team string
}

// changeNotTaken puts back the patient's details a change at the review
// replaced (changedFrom), when esc answers what was found of the new
// patient: the details come up as typed, and left unfinished, the review
// shows the patient as before.
func (m *Model) changeNotTaken() {
	if w := m.changedFrom; w != nil {
		m.changedFrom = nil
		_ = m.s.SetPatient(w.id, w.clinician, w.team) // as set before: accepted then
	}
}

// afterPatient goes on from the patient's details once what was found of
// the patient was answered: to the review they were changed from, or to
// the first step.
func (m *Model) afterPatient() tea.Cmd {
	m.changedFrom = nil
	if m.editPatient {
		m.goReview()
		return nil
	}
	return m.firstStep()
}

// storeCannotSave is the reminder under the title once the store is
// known to refuse every save.
const storeCannotSave = "Store cannot save: these answers will be kept in a file, not in the store"

// storeFoundDamagedWords say, in words that fit at 80x24, a store found
// damaged after the start (at a draft, or as the patient's entries were
// read).
const storeFoundDamagedWords = "The store is damaged, so this assessment cannot be saved in it: its answers will be kept in a file beside the store, with its note for the patient record. The reason is printed when digicheck ends."

// patientCheckedMsg is what reading the store's entries for the patient
// found.
type patientCheckedMsg struct{ err error }

// checkPatient reads the store's entries for patient p in a command, so
// the first question is not held up by it: damage there was found only at
// the first draft, after the first section's answers, and the clinician
// had gone on as if the patient's history were sound.
func (m *Model) checkPatient(p record.PatientID) tea.Cmd {
	check := m.opts.CheckPatient
	if check == nil {
		return nil
	}
	return func() tea.Msg { return patientCheckedMsg{check(p)} }
}

// onPatientChecked says damage found in the patient's entries: in words
// that fit at 80x24, the reason printed when digicheck ends, and the
// reminder from then on, as for damage found at a draft.
func (m *Model) onPatientChecked(msg patientCheckedMsg) tea.Cmd {
	if !errors.Is(msg.err, store.ErrDamaged) {
		return nil
	}
	if found := (assess.StoreFoundDamaged{}); errors.As(msg.err, &found) {
		// The store found damaged as the patient's entries were read
		// (read whole): said once, as at the start, the box at the
		// start or a draft refused since having said it already.
		if m.opts.Reminder == storeCannotSave {
			return nil
		}
		m.opts.Reminder = storeCannotSave
		m.problem = storeFoundDamagedWords
		return nil
	}
	m.opts.Reminder = storeCannotSave
	m.problem = "The store's entries for this patient are damaged, so their earlier assessments cannot be trusted, and this assessment cannot be saved in the store: its answers will be kept in a file beside it. The reason is printed when digicheck ends."
	return nil
}

// firstStep opens the first step after the patient's details.
func (m *Model) firstStep() tea.Cmd {
	// An amendment goes to the review (every answer is as recorded, and a
	// section's number opens it with its answers chosen); a follow-up asks
	// about the earlier referrals first.
	return m.open(m.s.Next(m.s.First()), false)
}

// patientAsRecorded puts back the patient details as the session holds
// them (identifier, number, clinician, team), completed, for when they are
// left with esc to the review: opened again, they held what had been typed
// and left, the number box saying "enter keeps this" of a number the review
// showed as not taken, and enter, enter, enter saved the assessment under
// that other patient.
func (m *Model) patientAsRecorded() {
	p, id := m.patient, m.s.Patient()
	m.patient = newPatientForm(id.Kind, id.Value, m.s.Clinician(), m.s.Team(), p.fixed)
	m.patient.offerClinician(p.offer)
	m.patient.offerTeam(p.teamOffer)
	m.patient.form.done = true
}

// openPatient shows the patient screen, with a fresh form holding the values
// given before when the old one was already completed.
func (m *Model) openPatient(fromReview bool) tea.Cmd {
	if p := m.patient; p.form.done {
		m.patient = newPatientForm(p.kindCode(), p.id.input.Value(), p.clinician.input.Value(), p.team.input.Value(), p.fixed)
		m.patient.offerClinician(p.offer)
		m.patient.offerTeam(p.teamOffer)
		// Every box holds what was given before: held (detailGiven),
		// a team left empty too (field.givenAnswer).
		m.patient.reopened = true
		m.patient.team.givenEmpty = true
		// The number in the box was given there: the header names it
		// (patientShown). Come back by esc from what was found of a
		// patient changed at the review, the header named the review's
		// patient over a box holding the other with "enter keeps this".
		if id, err := record.NewPatientID(p.kindCode(), p.id.input.Value()); err == nil {
			m.patient.numberGiven = id
		}
		if fromReview {
			// Every field is filled: the clinician comes to change one.
			m.patient.form.moveTo(m.patient.firstField())
		} else {
			m.patient.form.toLast()
		}
	} else {
		// Shown again, not finished (p, esc back to the review, p): its
		// box is new on screen, and held as the first time. Counted
		// from its first showing, an enter typed with the second p,
		// 1.5 s after the first, kept the identifier unread.
		p.form.showAgain()
	}
	m.editPatient = fromReview
	m.screen = patientScreen
	m.layout()
	return nil
}

// openSection shows section k. A form left part-answered (by going back a
// section) is picked up where it was; otherwise a fresh form is built with
// the committed answers filled in. Coming back from the section after it
// (atEnd) lands on its last question, the one asked just before.
func (m *Model) openSection(k int, fromReview bool) tea.Cmd {
	return m.openSectionAt(k, fromReview, false)
}

func (m *Model) openSectionAt(k int, fromReview, atEnd bool) tea.Cmd {
	sf := m.sections[k]
	if fromReview || sf == nil || sf.editing || sf.form.done {
		sf = newSectionForm(m.s, k, k < m.s.Reached())
		sf.editing = fromReview
		m.sections[k] = sf
	} else if !atEnd {
		// Shown again: its question is new on screen (tickUnread).
		sf.form.showAgain()
	}
	if atEnd {
		sf.form.toLast()
	}
	m.current = k
	if !fromReview {
		m.s.Reach(k)
	}
	m.screen = sectionScreen
	m.layout()
	return nil
}

func (m *Model) sectionKey(msg tea.KeyPressMsg) tea.Cmd {
	sf := m.sections[m.current]
	if !key.Matches(msg, m.keys.Back) {
		f := sf.form.focused()
		m.formKey(sf.form, msg)
		if f != nil && f.err == nil && (sf.form.done || sf.form.focused() != f) {
			sf.giveWay(f)
		}
		if sf.form.done {
			return m.sectionDone(sf)
		}
		return nil
	}
	if sf.form.back() {
		return nil
	}
	if sf.editing {
		m.goReview()
		return nil
	}
	prev, _ := m.s.Prev(assess.At{Step: assess.StepSection, Section: m.current})
	return m.open(prev, true)
}

// open shows the screen of step at, going forward or (atEnd) coming back
// to it, on the question asked last.
func (m *Model) open(at assess.At, atEnd bool) tea.Cmd {
	switch at.Step {
	case assess.StepPatient:
		return m.openPatient(false)
	case assess.StepOutcomes:
		cmd := m.openOutcomes(false)
		if atEnd {
			m.outcomeForm.form.toLast()
		}
		return cmd
	case assess.StepSection:
		return m.openSectionAt(at.Section, false, atEnd)
	}
	m.goReview()
	return nil
}

func (m *Model) sectionDone(sf *sectionForm) tea.Cmd {
	if err := m.s.SetSection(m.current, sf.given()); err != nil {
		// Each answer was checked as it was given; say what is wrong
		// rather than keep a section the session refuses.
		m.problem = err.Error()
		sf.form.done = false
		return nil
	}
	draft := m.draftCmd()
	if sf.editing {
		m.goReview()
		return draft
	}
	return tea.Batch(draft, m.open(m.s.Next(assess.At{Step: assess.StepSection, Section: m.current}), false))
}

func (m *Model) goReview() {
	m.screen = reviewScreen
	m.saveErr, m.retrying = nil, false
	m.layout()
	m.reviewView.GotoTop()
	// Noted by fitReview once the end has been on screen for the word hold.
	m.reviewSeenAll, m.reviewEndAt, m.reviewDrawn = false, time.Time{}, nil
	m.reviewWin, m.reviewWinAt = nil, time.Time{}
	// The review is where every answer is checked with the patient: keys
	// typed before it was on screen (the enters of a burst) must not pass
	// it by unread.
	m.hold(heldBeforeReview)
	m.reviewAt = time.Now()
}

// reviewTooSoon is said when an enter comes on the review before it can
// have been read.
const reviewTooSoon = "Read the review, then press Enter: an enter that came straight after the review was shown was not taken."

// reviewUnread is said when an enter comes on the review before all of
// it has been on screen.
const reviewUnread = "Scroll down to read the rest (↓ or PgDn), then press Enter: the end of the review has not been on screen."

// reviewEndAgain is said when an enter comes on the review once every
// line of it has been on screen, but its end is out of view: lines above
// it were read since, and the end is read again before the enter.
const reviewEndAgain = "Scroll back to the end of the review (End), then press Enter: it is not on screen now."

// reviewLines are the review's lines as the viewport counts them.
func (m *Model) reviewLines() []string { return strings.Split(m.reviewView.GetContent(), "\n") }

// reviewKeys are the review's lines as reviewDrawn keeps them: each by its
// text and how many lines of the same text come before it, so that a
// line equal to one drawn elsewhere (a wrapped answer's last word, a
// blank) is not taken as drawn with it, and a line added or taken (a
// notice) leaves the others as they were.
func (m *Model) reviewKeys() []string {
	lines := m.reviewLines()
	seen := make(map[string]int, len(lines))
	for i, l := range lines {
		n := seen[l]
		seen[l] = n + 1
		lines[i] = l + "\x00" + strconv.Itoa(n)
	}
	return lines
}

// reviewDwell is how long a window of the review's lines must stay in
// view for its lines to count as drawn: far longer than the renderer
// takes to send a frame (a sixtieth of a second, later on a loaded
// machine), far shorter than a clinician takes to read a line. It scales
// with the model's refusalHold, as the word hold does.
func (m *Model) reviewDwell() time.Duration { return m.refusalHold / 2 }

// noteReviewDrawn notes the review's lines as drawn once the window of
// them in view has stayed there for reviewDwell (windows passed through
// in a burst of keys never reached the terminal), and reports whether any
// was drawn for the first time.
func (m *Model) noteReviewDrawn() (fresh bool) {
	if m.reviewDrawn == nil {
		m.reviewDrawn = map[string]bool{}
	}
	lines := m.reviewKeys()
	lo := max(m.reviewView.YOffset(), 0)
	win := lines[min(lo, len(lines)):min(len(lines), lo+m.reviewView.VisibleLineCount())]
	mark := func(ls []string) {
		for _, l := range ls {
			fresh = fresh || !m.reviewDrawn[l]
			m.reviewDrawn[l] = true
		}
	}
	held := !m.reviewWinAt.IsZero() && time.Since(m.reviewWinAt) >= m.reviewDwell()
	if !slices.Equal(win, m.reviewWin) {
		if held {
			mark(m.reviewWin) // the window before stayed long enough
		}
		m.reviewWin, m.reviewWinAt = slices.Clone(win), time.Now()
		held = m.reviewDwell() <= 0
	}
	if held {
		mark(win)
	}
	return fresh
}

// reviewUndrawn is the first run of the review's lines never on screen,
// counted from 0 (lo to hi, hi not included), and n the review's lines;
// ok is false once every line has been.
func (m *Model) reviewUndrawn() (lo, hi, n int, ok bool) {
	lines := m.reviewKeys()
	n = len(lines)
	lo = slices.IndexFunc(lines, func(l string) bool { return !m.reviewDrawn[l] })
	if lo < 0 {
		return 0, 0, n, false
	}
	hi = lo + 1
	for hi < n && !m.reviewDrawn[lines[hi]] {
		hi++
	}
	return lo, hi, n, true
}

// reviewUndrawnWords says which lines of the review, lo to hi (hi not
// included), have never been on screen, and how to bring them into view:
// End from the top of a review more than two windows long jumps past them.
func (m *Model) reviewUndrawnWords(lo, hi int) string {
	which, have := fmt.Sprintf("line %d", lo+1), "it has"
	if hi-lo > 1 {
		which, have = fmt.Sprintf("lines %d-%d", lo+1, hi), "they have"
	}
	how := "Scroll down to read " + which + " (↓ or PgDn)"
	if lo < m.reviewView.YOffset() {
		how = "Scroll up to read " + which + " (↑ or PgUp)"
	}
	return fmt.Sprintf("%s, then press Enter: %s not been on screen.", how, have)
}

// noteReviewEndRead notes when the review's end comes into view and goes
// out of it: once every line has been drawn (noteReviewDrawn) and the end
// has been in view for the word hold, all of the review has been on
// screen long enough to be read (reviewSeenAll). A line counts as drawn
// only once the window it is in has stayed in view for reviewDwell: a
// burst of PgDn passes windows the terminal is never sent. Lines drawn
// for the first time are not read yet: one drawn by scrolling back from
// the end takes the end out of view, so the end is read again after it
// ("PgUp Enter" typed together passes nothing), and one drawn with the
// end in view (End, a taller window) begins the end's wait again, from
// when it came into view.
func (m *Model) noteReviewEndRead() {
	if m.screen != reviewScreen || m.reviewSeenAll {
		return
	}
	fresh := m.noteReviewDrawn()
	read := func() bool {
		if m.reviewEndAt.IsZero() || time.Since(m.reviewEndAt) < m.wordHoldLen() {
			return false
		}
		_, _, _, undrawn := m.reviewUndrawn()
		m.reviewSeenAll = !undrawn
		return m.reviewSeenAll
	}
	// The end in view until this message, for the word hold (End, read,
	// then Home): read, once every line is drawn.
	if read() {
		return
	}
	switch {
	case !m.reviewView.AtBottom():
		m.reviewEndAt = time.Time{}
	case fresh || m.reviewEndAt.IsZero():
		// The end's wait begins when the window in view now came into
		// view: lines of it counted as drawn only after the dwell were
		// on screen from then.
		m.reviewEndAt = m.reviewWinAt
	}
	read()
}

// reviewEndJustShown is said when an enter comes on the review with its
// end on screen, but not for long enough to be read: End and Enter typed
// together.
const reviewEndJustShown = "Read the end of the review, then press Enter: an enter that came straight after it was shown was not taken."

// clinicianTooSoon is said when an enter comes on the clinician box
// holding the name it was offered before it can have been read.
// teamTooSoon is said as an enter came on the team box holding the team of
// the assessment followed up before it could be read.
const teamTooSoon = "Enter not taken: it came before the team could be read. Check that it is yours, then press enter to keep it, or type your own team."

const clinicianTooSoon = "Enter not taken: it came before the clinician's name could be read. Check that it is you, then press enter to keep it, or type your own name."

// enterTooSoon is said when an enter comes on a question that holds an
// answer before the question can have been read (enterUnread), with what
// follows it: keys are ignored until esc (refuseEnter, enterRefusedThen).
const enterTooSoon = "Enter not taken: it came before this question could be read."

func (m *Model) reviewKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Confirm):
		// A clinician types a number then enter, the enter coming half a
		// second to a second after it: a number that answered the last
		// question brought up the review, and the enter was meant for
		// that question. The review is where every answer is checked,
		// so an enter passes it only when typed on its own, once the
		// review has been on view for the word hold; one sooner is
		// refused and said, and the wait begins again.
		//
		// On a terminal too short for the whole review, the answers
		// below the screen have not been checked: an enter before the
		// review's end has been on screen is refused too, saying to
		// scroll, which is then what is left to do. The end must have
		// been on view for the word hold as well: End and Enter typed
		// together pass nothing, and the wait for the end begins again.
		soon := time.Since(m.reviewAt) < m.wordHoldLen()
		m.noteReviewEndRead()
		if soon || !m.reviewSeenAll {
			lo, hi, n, undrawn := m.reviewUndrawn()
			if undrawn && lo >= m.reviewView.YOffset() && hi <= m.reviewView.YOffset()+m.reviewView.VisibleLineCount() {
				// On screen now, for less than the dwell (brought up
				// with this enter): read them, then the end.
				undrawn = false
			}
			switch {
			case undrawn && hi == n:
				m.problem = reviewUnread
			case undrawn:
				m.problem = m.reviewUndrawnWords(lo, hi)
			case !m.reviewSeenAll && m.reviewEndAt.IsZero():
				m.problem = reviewEndAgain
			case soon:
				m.problem = reviewTooSoon
			default:
				m.problem = reviewEndJustShown
			}
			if soon {
				m.reviewAt = time.Now()
			}
			if !m.reviewSeenAll && !m.reviewEndAt.IsZero() {
				m.reviewEndAt = time.Now()
			}
			return nil
		}
		m.assess()
	case key.Matches(msg, m.keys.EditSection):
		k := int(msg.String()[0] - '1')
		if k >= 0 && k < len(m.sections) {
			return m.openSection(k, true)
		}
	case key.Matches(msg, m.keys.EditPatient):
		return m.openPatient(true)
	case m.s.AsksOutcomes() && key.Matches(msg, m.keys.EditOutcomes):
		return m.openOutcomes(true)
	case key.Matches(msg, m.keys.Back):
		prev, _ := m.s.Prev(assess.At{Step: assess.StepReview})
		return m.open(prev, true)
	default:
		scroll(&m.reviewView, m.keys, msg)
	}
	return nil
}

// assess works out the result. Consent already given for a programme is
// kept when the clinician goes back to change an answer and the same
// referral comes out again.
func (m *Model) assess() {
	if err := m.s.Assess(); err != nil {
		m.problem = "Cannot work out the result: " + err.Error()
		return
	}
	m.referral = m.s.NextUnanswered(0)
	m.screen = resultScreen
	m.confirmSave, m.saveAsked = false, false
	m.saveErr, m.retrying = nil, false
	m.layout()
	m.resultView.GotoTop()
	// The referral highlighted comes into view with the result: the
	// time it was on screen before another screen was shown is not
	// counted again (a consent key needs the word hold from now).
	m.referralCameAt = time.Time{}
	m.noteReferralCame(-1, false)
	// The enter that asked for the result was typed before it was on
	// screen, and so were the keys typed with it: none of them answers
	// a referral or saves.
	if m.s.ToAnswer() > 0 {
		m.hold(heldBeforeResult)
	} else {
		m.hold(heldBeforeResultSave)
	}
}

// unseenReferralSay is said when a consent key came for a referral not
// wholly on screen, or not in view for the word hold: nothing was
// recorded, and every key is ignored until esc (refuseConsent).
// It names whoever answers (the patient or their carer), as the result does.
func (m *Model) unseenReferralSay() string {
	if m.referralTall() {
		// Never wholly on screen, however far it was read: to be read
		// from its first line to its last (referralRead).
		return "Not recorded: this referral is taller than the window. Read it with " + m.answerer() + " from its top to its end (↓), or make the window taller. Keys are ignored until Esc."
	}
	return "Not recorded: read this referral with " + m.answerer() + ". Keys are ignored until Esc."
}

// noteReferralCame notes when a key brought the referral the consent keys
// answer up: highlighted it, or brought it wholly into view. was and
// wasShown are the referral highlighted, and whether it was wholly on
// screen, before the key.
func (m *Model) noteReferralCame(was int, wasShown bool) {
	if m.screen != resultScreen || m.confirmSave || m.tooSmall() || m.referral >= len(m.referrals()) || !m.referralRead() {
		return
	}
	if m.referral != was || !wasShown {
		m.referralCameAt = time.Now()
	}
}

// isConsentKey reports whether msg is a consent key of the result on show
// (a, d, n), with a referral to answer.
func (m *Model) isConsentKey(msg tea.KeyPressMsg) bool {
	return len(m.referrals()) > 0 && (key.Matches(msg, m.keys.Agree) || key.Matches(msg, m.keys.Decline) || key.Matches(msg, m.keys.NotDiscussed))
}

// referralJustCame reports whether the referral highlighted came up (was
// highlighted, or came wholly into view) less than the word hold before
// typed: a consent key typed then is refused (resultKey).
func (m *Model) referralJustCame(typed time.Time) bool {
	return !m.referralCameAt.IsZero() && typed.Sub(m.referralCameAt) < m.wordHoldLen()
}

// consentUnread reports whether msg, typed now, is a consent key that
// resultKey will refuse for its referral not yet read out: not wholly on
// screen, or come up within the word hold.
func (m *Model) consentUnread(msg tea.KeyPressMsg) bool {
	if m.screen != resultScreen || m.confirmSave || m.confirmQuit || m.saving || !m.isConsentKey(msg) {
		return false
	}
	return !m.referralRead() || m.referralJustCame(time.Now())
}

// referrals is the result's referrals, with the patient's answers so far.
func (m *Model) referrals() []questionnaire.Referral { return m.s.Referrals() }

func (m *Model) resultKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.saving {
		return nil
	}
	if m.confirmSave {
		return m.confirmKey(msg)
	}
	if !key.Matches(msg, m.keys.Save) {
		m.sameConfirmed = false // asked again after any other key
	}
	if !key.Matches(msg, m.keys.Save) && !key.Matches(msg, m.keys.Retry) {
		m.saveAsked = false // the answers are read back again
	}
	refs := m.referrals()
	typed := m.typedAt
	if typed.IsZero() {
		typed = time.Now()
	}
	defer m.noteReferralCame(m.referral, m.referralRead())
	consentKey := m.isConsentKey(msg)
	switch {
	case key.Matches(msg, m.keys.Back):
		m.goReview()
	case len(refs) > 0 && key.Matches(msg, m.keys.Up):
		// The arrows read the text line by line until the referral
		// being answered is in view, then step between referrals: the
		// adjustments above the referrals are never jumped over. One
		// taller than the view is read through line by line too: the
		// arrows step on from it once its first line (↑) or its last
		// (↓) is in view.
		if m.referralEdgeShown(true) && m.referral > 0 {
			m.referral--
			m.renderResult()
			m.showReferral()
		} else {
			m.resultView.ScrollUp(1)
		}
	case len(refs) > 0 && key.Matches(msg, m.keys.Down):
		if m.referralEdgeShown(false) && m.referral < m.s.Shown()-1 {
			m.referral++
			m.renderResult()
			m.showReferral()
		} else {
			m.resultView.ScrollDown(1)
		}
	case key.Matches(msg, m.keys.Reasons) && (m.resultCompact || m.fullReasons):
		m.fullReasons = !m.fullReasons
		m.renderResult()
		m.showReferral()
	case len(refs) > firstReferrals && key.Matches(msg, m.keys.More):
		// m shows the rest, and hides them again.
		m.s.ShowAll(!m.s.AllShown())
		switch {
		case m.referral >= m.s.Shown():
			m.referral = m.s.NextUnanswered(0)
		case m.s.AllShown():
			// The consent keys move on to the first referral still to
			// answer, as after an answer: left on one already answered,
			// an answer meant for a referral just shown would replace it.
			m.referral = m.s.NextUnanswered(m.referral)
		}
		m.renderResult()
		m.showReferral()
	case consentKey && !m.referralRead():
		// The referral the key would answer is not wholly on screen (nor,
		// taller than the view, read through to its end): its wording
		// was never read out, so the patient cannot have agreed or
		// declined it. Nothing is recorded; it is shown, and every
		// key is ignored until esc (refuseConsent), so only a key pressed
		// once the refusal was read answers it.
		m.showReferral()
		m.refuseConsent()
	case consentKey && m.referralJustCame(typed):
		// The referral was highlighted, or came into view, by a key
		// typed less than the word hold before this one, the time the
		// review and the read-back are on screen before a key counts:
		// its wording was on screen for no time ("a ↓ a ↓ a ↓" agreed to
		// every referral in one instant), or for less than it takes to
		// read its "say:" line to the patient ("d ↓ d ↓ d" at a steady
		// half second declined referrals never discussed), so it cannot
		// have been read out. As for one below the fold, nothing is
		// recorded and every key is ignored until esc.
		m.refuseConsent()
	case consentKey:
		consent := questionnaire.Agreed
		switch {
		case key.Matches(msg, m.keys.Decline):
			consent = questionnaire.Declined
		case key.Matches(msg, m.keys.NotDiscussed):
			consent = questionnaire.NotDiscussed
		}
		i, was := m.referral, refs[m.referral].Consent
		if err := m.s.SetConsent(i, consent); err != nil {
			m.problem = err.Error()
			return nil
		}
		m.noteConsent(i, was)
		if was != "" && was != consent {
			// An answer replaced is said, so that a word's letters
			// typed over an answered referral never change it unseen.
			m.notice = fmt.Sprintf("%s: %s (it was %s).", questionnaire.Printable(refs[i].Name), record.ConsentText(consent), record.ConsentText(was))
		} else if i < len(m.refSpans) && m.refSpans[i].start < m.resultView.YOffset() {
			// Read down to the end of a referral taller than the
			// view, its answer, drawn by its name, is above it.
			m.notice = fmt.Sprintf("%s: %s.", questionnaire.Printable(refs[i].Name), record.ConsentText(consent))
		}
		// The highlight stays on the referral answered: it never moves
		// by itself, so ↓ moves one referral on whether it was typed
		// with the answer or after a pause (a consent key typed on its
		// own acts only after the word hold, and a highlight that moved
		// then made a ↓ typed after listening to the patient skip a
		// referral, the next answer landing on the wrong programme).
		m.renderResult()
		m.showReferral()
		if m.keptFile != "" {
			// The file the refused save kept the answers in is the
			// only copy while the store is held: kept as a draft, it
			// is written again with this answer.
			m.keptStale = !m.keptUnchanged()
			return m.draftCmd()
		}
	case m.refusedForGood() && key.Matches(msg, quitFinish):
		return m.finishKept()
	case m.refusedForGood() && (key.Matches(msg, m.keys.Save) || key.Matches(msg, m.keys.Retry)):
		// Refused alike until check finds the store sound: the answers
		// are in the file, and esc goes back to change any.
		return nil
	case key.Matches(msg, m.keys.Save) || (m.retryable() && key.Matches(msg, m.keys.Retry)):
		// A save asked for again after one refused says it is trying
		// until it ends: the screen stood unchanged while the store
		// was read and written.
		m.retrying = m.saveErr != nil
		return m.save()
	default:
		scroll(&m.resultView, m.keys, msg)
	}
	return nil
}

// save starts a save. Every referral on screen must be answered first: an
// unrecorded answer would look like a referral made without asking. Those
// the clinician never opened are recorded as not discussed, which is what
// happened.
func (m *Model) save() tea.Cmd {
	if left := m.s.ToAnswer(); left > 0 {
		m.problem = fmt.Sprintf("Answer each of the first referrals (%d to go): a agrees, d declines, n not discussed.", left)
		// Keys typed after the save was refused were typed before this
		// could be read, and the highlight may move: they are held, and
		// the refusal stays in view saying so.
		m.hold(m.problem + " Keys typed after this were ignored: answer the referral highlighted.")
		m.referral = m.s.NextUnanswered(m.referral)
		m.renderResult()
		m.showReferral()
		return nil
	}
	if m.opts.Save == nil {
		m.saveErr = errors.New("no store is set up, so nothing can be saved")
		return nil
	}
	if m.opts.LookDrafts != nil && m.heldDrafts.unread && m.s.Kind() == assess.New && !m.heldDrafts.saveLooked {
		// The drafts a held store hid as the patient was given: one of
		// the patient's is said on the read-back (onDrafts), with
		// what the patient's assessments read next say.
		m.heldDrafts.saveLooked = true
		return m.lookDraftsFor(lookDraftsAtSave)
	}
	if m.opts.Assessed != nil && m.s.Kind() != assess.Amendment && !m.meanwhileLooked {
		// The patient's assessments read again first: one saved since
		// this began (another window) is said before the save, on the
		// read-back, and asked again (onAssessed).
		m.meanwhileLooked = true
		return m.lookUp(lookMeanwhile)
	}
	m.meanwhileLooked = false
	m.heldDrafts.saveLooked = false
	if len(m.referrals()) > 0 && !m.saveAsked {
		// Consent keys typed slowly as a name ("ann", a key every 1.5
		// s) answered the referrals one by one, and the enter after
		// them saved a consent the patient never gave: no wait can tell
		// them from a clinician answering. The answers are read back,
		// with the patient, and saved only on an enter once that has
		// been read. A second assessment, or an amendment that changes
		// nothing, is said in the same question, not asked after it.
		m.askSave()
		return nil
	}
	if m.second != "" && !m.takenOver && !m.secondConfirmed {
		m.secondConfirmed = true
		as := " as another assessment of this patient"
		if m.secondIsDraftOnly() {
			as = ", that draft kept"
		}
		m.problem = m.second + " Press enter again to save these answers" + as + ", or ctrl+c to discard them."
		if m.keptFile != "" {
			// Asked by a retry after a refused save: r asked for it,
			// and ctrl+c discards nothing kept in the file named.
			m.problem = "Not saved yet. " + m.second + " Press enter to save these answers" + as + ", or esc to go back; until then they stay in the file named."
		}
		// An enter typed with the one that asked must not answer.
		m.hold(m.problem)
		return nil
	}
	if m.takenOver && !m.secondConfirmed {
		m.secondConfirmed = true
		m.problem = "Another window took over this assessment's draft and may have saved it. Press enter again to save these answers as another assessment of this patient, or ctrl+c to discard them."
		// An enter typed with the one that asked must not answer.
		m.hold(m.problem)
		return nil
	}
	if m.s.Unchanged() && !m.sameConfirmed {
		m.sameConfirmed = true
		m.problem = "Nothing has changed from the version amended: press enter again to save it anyway as a new version, or esc to go back and correct it."
		// An enter typed with the one that asked must not answer.
		m.hold(m.problem)
		return nil
	}
	// The session gives the same record (id and time) until something
	// changes, so a retry after a failed save cannot store it twice.
	rec, err := m.recordToSave()
	if err != nil {
		m.saveErr = err
		return nil
	}
	m.saving, m.saveErr = true, nil
	return saveCmd(m.opts.Save, rec)
}

// askSave shows the question before the save of a result with referrals
// (confirmView): each referral with its answer, the patient, and what
// else saving makes (a second assessment, an unchanged version).
func (m *Model) askSave() {
	m.confirmSave, m.confirmSeenAll = true, false
	m.confirmAt, m.confirmEndAt = time.Now(), time.Time{}
	m.alone = nil
	m.renderConfirm()
	m.confirmView.GotoTop()
	m.noteConfirmSeen()
}

// confirmTooSoon is said when an enter comes before the question asked
// before the save can have been read.
const confirmTooSoon = "Enter not taken: it came before this could be read. Read each answer back, then press Enter to save."

// confirmUnread is said when an enter comes before the end of the
// question asked before the save has been on screen.
const confirmUnread = "Scroll down to read the rest (↓ or PgDn), then press Enter: the end of this has not been on screen."

// confirmEndJustShown is said when an enter comes on the question asked
// before the save with its end on screen, but not for long enough to be
// read: End (or PgDn) and Enter typed together.
const confirmEndJustShown = "Read the end of this, then press Enter: an enter that came straight after it was shown was not taken."

// confirmKey is a key at the question asked before the save. Enter
// saves only once the question has been on view for the word hold, as
// the review's enter does: one sooner was typed with the keys before it
// (the enter after a name) and is refused, and the wait begins again.
// Where the question is longer than the window, its end must have been on
// view for the word hold too: End (or PgDn) and Enter typed together
// saved the last referrals' answers unread. Esc goes back to the result,
// every answer kept.
func (m *Model) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.confirmSave = false
		m.renderResult()
		m.showReferral()
		m.noteReferralCame(m.referral, false)
	case key.Matches(msg, m.keys.Save):
		soon := time.Since(m.confirmAt) < m.wordHoldLen()
		m.noteConfirmSeen()
		if soon || !m.confirmSeenAll {
			switch {
			case !m.confirmSeenAll && m.confirmEndAt.IsZero():
				m.problem = confirmUnread
			case soon:
				m.problem = confirmTooSoon
			default:
				m.problem = confirmEndJustShown
			}
			if soon {
				m.confirmAt = time.Now()
			}
			if !m.confirmSeenAll && !m.confirmEndAt.IsZero() {
				m.confirmEndAt = time.Now()
			}
			return nil
		}
		m.confirmSave, m.saveAsked = false, true
		// The question said it all: a second assessment, an unchanged
		// version. It is not asked again.
		if m.second != "" || m.takenOver {
			m.secondConfirmed = true
		}
		if m.s.Unchanged() {
			m.sameConfirmed = true
		}
		m.renderResult()
		return m.save()
	default:
		scroll(&m.confirmView, m.keys, msg)
		m.noteConfirmSeen()
	}
	return nil
}

// noteConfirmSeen notes when the end of the question asked before the
// save comes into view and goes out of it: once it has been in view for
// the word hold, all of the question has been on screen long enough to be
// read (confirmSeenAll).
func (m *Model) noteConfirmSeen() {
	if !m.confirmSave || m.confirmSeenAll {
		return
	}
	if !m.confirmEndAt.IsZero() && time.Since(m.confirmEndAt) >= m.wordHoldLen() {
		m.confirmSeenAll = true
		return
	}
	inView := m.confirmView.AtBottom() || m.confirmView.TotalLineCount() <= m.confirmView.Height()
	switch {
	case inView && m.confirmEndAt.IsZero():
		m.confirmEndAt = time.Now()
	case !inView:
		m.confirmEndAt = time.Time{}
	}
}

// saveCmd runs the save off the UI goroutine, on a record nobody else holds.
func saveCmd(save func(*record.Record) error, rec record.Record) tea.Cmd {
	return func() tea.Msg {
		err := save(&rec)
		return savedMsg{rec: rec, err: err}
	}
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	stopAsked := m.stopAsked
	m.stopAsked = false
	if m.notice == savingNotice {
		// The save it said to wait for has ended.
		m.notice = ""
	}
	if errors.Is(msg.err, store.ErrDraftTaken) {
		m.takenOver, m.secondConfirmed = true, true // the error asks to save again
		// Another window finished this assessment's draft; the store
		// kept these answers as a draft of their own, under a new id,
		// and saving again saves them as a separate assessment.
		m.drafter.follow(m.s.ID(), msg.rec.ID)
		m.s.MoveTo(msg.rec.ID)
	}
	retried := m.retrying
	m.retrying = false
	if msg.err != nil {
		m.saveErr = msg.err
		m.heldAgain = retried && errors.Is(msg.err, store.ErrLocked)
		if k := keptIn(msg.err); k != "" {
			m.keptFile, m.keptRec, m.keptStale, m.keptFound = k, msg.rec, false, false
			m.keptNotes = append(m.keptNotes, assess.Note(msg.rec))
		}
		if m.stopping {
			return tea.Quit
		}
		if stopAsked && m.hasUnsaved() {
			// ctrl+c pressed while the save was tried: asked now, under
			// what became of it.
			m.askQuit()
		}
		// Nothing was written: keep the consents given with the answers,
		// so a closed window loses nothing either.
		return m.draftCmd()
	}
	m.s.Saved(msg.rec)
	if m.opts.ReminderTillSaved {
		m.opts.Reminder, m.opts.ReminderTillSaved = "", false
	}
	m.saved, m.savedReplaces = msg.rec, m.s.Amends()
	m.outcome.Saved = append(m.outcome.Saved, msg.rec)
	// A save that succeeds removes the file (keptGone says so).
	m.keptGone = keptGoneOf(m.keptFile, m.keptRec, msg.rec)
	if m.keptFile != "" && m.keptGone.other == "" && notesOutOfDate(m.keptNotes, msg.rec) {
		// The file's last note is the record's, but an earlier one it
		// held (before an answer was changed and the save refused
		// again) is not: pasted as the screen told, it says what the
		// patient took back.
		m.keptGone.changed = true
	}
	if m.keptFile == "" && m.resumedKept != "" {
		m.keptGone = resumedKeptGone(m.resumedKept, msg.rec)
	}
	if m.keptFile == "" && m.resumedKept == "" && m.resumedSame != "" {
		m.keptGone = sameKeptGone(m.resumedSame)
	}
	m.saveErr, m.keptFile, m.heldAgain, m.resumedKept, m.resumedSame = nil, "", false, "", ""
	// The amendment or follow-up asked for is made; another assessment
	// from the saved screen is a new one.
	m.opts.Amend, m.opts.FollowUp, m.opts.Earlier = nil, nil, nil
	m.screen = savedScreen
	m.showHandout = false
	m.pushLine, m.pushSent = "", false
	push := m.startPush()
	m.layout()
	m.savedView.GotoTop()
	if m.stopping {
		m.exit = exitDone
		return tea.Quit
	}
	if stopAsked {
		m.notice = stopAfterSaved
	}
	return push
}

// startPush starts a push of what the store has not sent, for the record
// just saved, unless one is running: that one is then followed by another,
// so the record saved meanwhile is sent and said.
func (m *Model) startPush() tea.Cmd {
	if m.opts.Push == nil {
		return nil
	}
	m.pushLine = "Sending to the trust's FHIR server…"
	if m.pushing {
		m.pushAgain = true
		return nil
	}
	m.pushing = true
	push, rec := m.opts.Push, m.saved
	return func() tea.Msg { return pushedMsg{id: rec.ID, res: push(rec)} }
}

func (m *Model) onPushed(msg pushedMsg) tea.Cmd {
	m.pushing = false
	if !msg.res.Sent && (msg.res.EnteredInError || msg.res.Changed) {
		if m.noteHeld == nil {
			m.noteHeld = map[record.ID]PushResult{}
		}
		m.noteHeld[msg.id] = msg.res
	}
	if msg.id == m.saved.ID {
		m.pushSent = msg.res.Sent
		if msg.res.Sent {
			m.pushLine = "Sent to the trust's FHIR server."
		} else if msg.res.Conflict {
			m.pushLine = "Not sent: " + msg.res.Why + "."
		} else if msg.res.AnswerLost {
			// "Not sent yet (will retry)" of a record the server may
			// hold: said as the command line says it.
			m.pushLine = "Answer lost: it may have reached the FHIR server (the connection dropped before its answer); the next save or push checks, and sends it only if the server does not hold it. Nothing is lost: it is kept here."
		} else {
			m.pushLine = "Not sent yet (will retry)"
			if msg.res.Why != "" {
				m.pushLine += ": " + msg.res.Why
			}
			m.pushLine += ". Nothing is lost: it is kept here and sent with the next save or push."
		}
		m.layout()
	}
	if m.pushAgain {
		m.pushAgain = false
		return m.startPush()
	}
	return nil
}

func (m *Model) savedKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Copy):
		what := "Note"
		if m.showHandout {
			what = "Handout"
		} else if _, held := m.noteHeld[m.saved.ID]; held {
			m.notice = "Nothing copied: the note is held back (see why on the screen)."
			return nil
		}
		m.notice = "Copying…"
		return copyCmd(m.opts.Clipboard, what, m.savedDocument())
	case m.opts.SaveHandout != nil && key.Matches(msg, m.keys.SaveFile):
		m.notice = "Saving the handout…"
		return handoutFileCmd(m.opts.SaveHandout, nil, shortID(m.saved.ID), m.handout())
	case m.opts.SaveHandout != nil && m.opts.PrintHandout != nil && key.Matches(msg, m.keys.Print):
		m.notice = "Sending the handout to the printer…"
		return handoutFileCmd(m.opts.SaveHandout, m.opts.PrintHandout, shortID(m.saved.ID), m.handout())
	case key.Matches(msg, m.keys.Handout):
		m.showHandout = !m.showHandout
		m.layout()
		m.savedView.GotoTop()
	case key.Matches(msg, m.keys.New):
		m.fresh(nil, nil)
		m.startNotice = ""
		if m.opts.LookDrafts != nil {
			// The list as the store holds it now: a draft another
			// window kept since the drafts were last read was left off
			// it, the patient just saved's among them (onDrafts).
			return m.lookDraftsFor(lookDraftsList)
		}
		if len(m.drafts) > 0 {
			m.openDrafts()
		}
		return nil
	case key.Matches(msg, m.keys.Exit):
		m.exit = exitDone
		return tea.Quit
	default:
		scroll(&m.savedView, m.keys, msg)
	}
	return nil
}

// copiedMsg reports a copy: to the system clipboard, or (when that failed
// or there is none) to the terminal's clipboard by OSC 52.
type copiedMsg struct {
	what   string
	system bool
	err    error // why the system clipboard could not be used
}

// copyCmd puts text on the system clipboard off the UI goroutine. OSC 52
// cannot be confirmed (the terminal never answers it, and the old Windows
// console ignores it), so it is only the fallback, and said to be.
func copyCmd(system func(string) error, what, text string) tea.Cmd {
	return func() tea.Msg {
		if system == nil {
			return copiedMsg{what: what, err: errors.New("no system clipboard here")}
		}
		err := system(text)
		return copiedMsg{what: what, system: err == nil, err: err}
	}
}

func (m *Model) onCopied(msg copiedMsg) tea.Cmd {
	if msg.system {
		m.noteDid(msg.what + " copied to the clipboard.")
		return nil
	}
	m.notice = msg.what + " sent to the terminal's clipboard (OSC 52): this terminal cannot confirm it. If it does not paste, select it on screen."
	if msg.what == "Handout" && m.opts.SaveHandout != nil {
		m.notice += " Or press w to save it as a file."
	}
	return tea.SetClipboard(m.savedDocument())
}

// handoutFileMsg reports a handout saved as a file, and printed if asked.
type handoutFileMsg struct {
	path    string
	printed bool
	err     error
}

// handoutFileCmd saves the handout as a text file and, with print, sends
// that file to the printer, off the UI goroutine.
func handoutFileCmd(save func(name, text string) (string, error), print func(string) error, name, text string) tea.Cmd {
	return func() tea.Msg {
		path, err := save(name, text)
		if err != nil || print == nil {
			return handoutFileMsg{path: path, err: err}
		}
		if err := print(path); err != nil {
			return handoutFileMsg{path: path, err: fmt.Errorf("saved as %s, but not printed: %w", path, err)}
		}
		return handoutFileMsg{path: path, printed: true}
	}
}

func (m *Model) onHandoutFile(msg handoutFileMsg) {
	m.notice = ""
	switch {
	case msg.err != nil && msg.path != "":
		m.noteDidWrong("Handout: "+msg.err.Error(), "Handout saved as "+msg.path+", but not printed.")
	case msg.err != nil:
		m.noteDidWrong("Handout: "+msg.err.Error(), "Handout: "+msg.err.Error())
	case msg.printed:
		m.noteDid("Handout sent to the printer, and saved as " + msg.path + ".")
	default:
		m.noteDid("Handout saved as " + msg.path + ".")
	}
}

// shortID is the start of a record id, enough to name a file.
func shortID(id record.ID) string { return id.String()[:record.ShownIDLen] }

// scroll moves a viewport by the scrolling keys.
func scroll(v *viewport.Model, k keyMap, msg tea.KeyPressMsg) {
	switch {
	case key.Matches(msg, k.Up):
		v.ScrollUp(1)
	case key.Matches(msg, k.Down):
		v.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		v.PageUp()
	case key.Matches(msg, k.PageDown):
		v.PageDown()
	case key.Matches(msg, k.Top):
		v.GotoTop()
	case key.Matches(msg, k.Bottom):
		v.GotoBottom()
	}
}

// pendingConsent is the answer a consent key waiting to be seen typed on
// its own gives the referral highlighted ("agreed"), or "".
func (m *Model) pendingConsent() string {
	if m.alone == nil || m.screen != resultScreen || m.confirmQuit {
		return ""
	}
	switch k := *m.alone; {
	case key.Matches(k, m.keys.Agree):
		return "agreed"
	case key.Matches(k, m.keys.Decline):
		return "declined"
	case key.Matches(k, m.keys.NotDiscussed):
		return "not discussed"
	}
	return ""
}

// aloneDropped draws the result again once no consent waits: its
// referral showed the answer waiting.
func (m *Model) aloneDropped() {
	if m.screen == resultScreen {
		m.renderResult()
	}
}

// A command key of the result (m, which shows the rest of the referrals,
// and hides them again) records nothing: it is taken at once, not held
// until no key has followed it as a consent is. Held, m then a consent
// typed 0.8 s later, once the referrals it shows could be read, was
// refused as the word "ma", and every key was ignored until esc. A letter
// or digit typed with it, before what it showed could be read, still
// makes both a word's letters: what m showed is put back, and both are
// refused with the keys after them.

// typedCommand is a command key just taken, and how to put back what it
// did.
type typedCommand struct {
	text string
	at   time.Time
	undo func()
}

// commandKey reports whether msg, a key of the screen typed as text, is a
// command key of the result.
func (m *Model) commandKey(msg tea.KeyPressMsg) bool {
	return m.screen == resultScreen && !m.confirmSave && len(m.referrals()) > firstReferrals && key.Matches(msg, m.keys.More)
}

// takeCommand takes a command key at once, noting how to put back what it
// did if a letter or digit follows it within the hold (onKey).
func (m *Model) takeCommand(msg tea.KeyPressMsg) tea.Cmd {
	all, referral, y := m.s.AllShown(), m.referral, m.resultView.YOffset()
	cmd := m.route(msg)
	m.command = &typedCommand{text: msg.Text, at: time.Now(), undo: func() {
		if m.screen != resultScreen {
			return
		}
		if all {
			m.s.ShowAll(true)
		} else {
			m.s.TakeBackShowAll() // on screen for no time: none of them was shown
		}
		m.referral = referral
		m.renderResult()
		m.resultView.SetYOffset(y)
	}}
	return cmd
}

// takeWaitingConsent takes, at a stop or a hang-up, a consent key waiting
// to be seen typed on its own: no key came after it, so it was. Dropped,
// the draft kept the answer it replaced ("[declined?]" on screen, "agreed"
// resumed, with no word of the d). It is taken as when its wait ends: a
// referral not wholly on screen is still answered by nothing.
func (m *Model) takeWaitingConsent() {
	if m.pendingConsent() == "" || m.saving || m.tooSmall() {
		return
	}
	k := *m.alone
	m.alone = nil
	m.aloneDropped()
	m.typedAt = m.aloneAt
	m.route(k)
	m.typedAt = time.Time{}
}

// sayDropped notes which key was held straight after "keep going", typed
// before the screen was back, to say it after the keys that follow while
// that question is in focus (keepDroppedSaid): said (heldAfterQuit) only
// until the next key, an enter held went without a word, and the digit
// typed next for the next question went into the box ("Ward 71").
func (m *Model) sayDropped(msg tea.KeyPressMsg) {
	if m.dropped != "" {
		return // the first key held is the one to press again
	}
	m.dropped = "Not taken: " + keyName(msg) + ", typed straight after \"keep going\", before this screen was back. Press it again if you meant it."
	m.droppedAt = m.focusedField()
}

// keepDroppedSaid keeps a key dropped after "keep going" said, after each
// key, while the question it was typed at is in focus and nothing more
// pressing is said; a question or screen left ends it.
func (m *Model) keepDroppedSaid() {
	if m.dropped == "" {
		return
	}
	if f := m.focusedField(); f == nil || f != m.droppedAt || m.confirmQuit || m.ignoring {
		m.dropped, m.droppedAt = "", nil
		return
	}
	if m.problem == "" && m.notice == "" {
		m.notice = m.dropped
	}
}
