// Package prompt runs an assessment as plain numbered line prompts: no
// cursor movement, no colour, no box drawing, one question per prompt and
// each choice read out with its number. It is digicheck's accessible mode,
// for screen readers and for answers piped in from a script. It reads out
// the assessment session (package assess) that the terminal UI draws, so
// both ask the same questions, accept the same answers, keep the same
// drafts and save the same record; only the way each is said differs.
package prompt

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	term "github.com/charmbracelet/x/term"

	"digicheck/assess"
	"digicheck/internal/shellword"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Options are what an assessment needs from the caller.
type Options struct {
	// Width, if set, is the width every line written is wrapped to, at
	// word boundaries. Otherwise lines are wrapped to the terminal's width
	// when out is a terminal (80 when it cannot be read), and not at all
	// when out is a pipe or a file: a terminal split words at its edge
	// ("the last ques / tion"), while a file or a screen reader reads
	// each message best as one line.
	Width      int
	Instrument *questionnaire.Instrument
	Directory  questionnaire.Directory
	// Services are what the service offers beyond the usual routes
	// (video consultations), weighed in the result.
	Services questionnaire.Services
	// Clinician is the clinician as the user gave it (amend
	// --clinician), kept by Enter; never the login name, which a shared
	// ward workstation shares. Team is offered on the patient step.
	Clinician string
	// Offer is a name the clinician question offers and Enter never
	// takes: typing = gives it (the site config's clinician). After an
	// assessment, the one who made it is offered instead.
	Offer string
	Team  string
	// TeamPhone is the site's team phone, for the patient's handout.
	TeamPhone string
	// TeamAddress and TeamText are the site's team address and a number
	// that takes texts, for the patient's handout (either may be empty).
	TeamAddress, TeamText string
	// Amend, if set, is the saved assessment the first assessment
	// corrects, and AmendReason why; FollowUp, if set, the one it follows
	// up. Any assessment after it is a new one.
	Amend       *record.Record
	AmendReason string
	FollowUp    *record.Record
	// Earlier, with Amend, is the record the amended follow-up follows up,
	// so that what became of its referrals can be corrected
	// (assess.Options.Earlier).
	Earlier *record.Record
	// Origin, if set, gives the first version of the assessment whose
	// version id is (nil when it cannot be read): the intro of an
	// amendment or a follow-up of an amended assessment names who made
	// it and who amended it (it named the amender as its maker).
	Origin func(id record.ID) *record.Record
	// Save durably stores a completed record; the prompter says Saved only
	// after it returns nil. A save that fails may give the record a new
	// id (its draft was taken over in another window): the assessment is
	// kept, and saved, under that id from then on.
	Save func(*record.Record) error
	// Saving, if set, runs the save's last step as one save under way:
	// the patient's assessments read again (Assessed), then Save unless
	// one was saved since the read-back. A stop during it waits for it.
	Saving func(step func() error) error
	// Keep, if set, keeps the assessment in progress as a draft, after
	// every answer: plain prompts have no screen to save from when the
	// window is closed, so the draft must already hold every answer given.
	// It may change the draft's id (see assess.Session.Kept). Once a save
	// was refused with the answers kept in a file (the error's KeptIn),
	// Keep writes that file again with each draft, before it waits for
	// the store.
	Keep func(*assess.Draft) error
	// CheckPatient, if set, reads the store's entries for the patient as
	// the number is given; an error is damage there, said at once, and
	// the answers go to a file rather than into the store.
	CheckPatient func(record.PatientID) error
	// Assessed, if set, reads the patient's assessments that count from
	// the store: a new assessment of a patient assessed before says so
	// before its first question (assess.Session.AssessedBefore), and the
	// read-back before the save one made after this one began
	// (SavedMeanwhile).
	Assessed func(record.PatientID) ([]assess.Assessed, error)
	// Given is this run's --db and --config (" --db FILE"), carried by
	// every command the prompts give, as the end words carry them.
	Given string
	// Elsewhere are the drafts kept and not offered here (open in another
	// window, or not of the kind this command resumes). A new assessment
	// or a follow-up of a patient with a draft, offered or not, says so
	// before its first question.
	Elsewhere []Elsewhere
	// Drafts are unfinished assessments offered, before the first
	// assessment, to resume or discard, in the order they were last kept,
	// the earliest first (each Label says when).
	Drafts []Resume
	// DraftsOf, if set, reads the store, at the moment, for the drafts
	// kept of a patient, the last kept last, each as Drafts gives one
	// (its Label, Login, HeldElsewhere and Draft): a patient changed at
	// the review is looked up in it, where a draft kept in another window
	// since the run began is found too, and one finished or discarded
	// since is not. None is resumed from there. An error (the store busy,
	// or held by another program) leaves Drafts and Elsewhere to be
	// looked in.
	DraftsOf func(record.PatientID) ([]Resume, error)
	// LookDrafts, if set, reads the drafts kept afresh: the list could not
	// be read as the run began (the store held by another program), so
	// Drafts and Elsewhere are empty. A patient given, and the save, read
	// it again until a read succeeds; from then on what it read is on
	// offer, as in any run. An error (store.ErrLocked) is said at the
	// patient.
	LookDrafts func() ([]Resume, []Elsewhere, error)
	Now        func() time.Time
	// Push, if set, sends what the store has not yet sent to the trust's
	// FHIR server, and says whether the record saved is there. It runs in
	// the background after each save, never while the clinician waits:
	// its result is read out before the next question, "Sent" or "Not
	// sent yet (will retry)". One still running when the run ends is
	// abandoned and said so; the next push or save sends what it did not.
	// A why that begins "conflict: " will not pass by retrying (another
	// machine changed the assessment): it is read out as not sent. One
	// that goes on with EnteredInError (the server holds the assessment
	// entered in error, voided on another machine) takes back the note
	// read out after the save (NoteHeldBack).
	Push func(saved record.Record) (sent bool, why string)
	// PushWait, if not 0, is how long the end of the run waits for a push
	// still running, so that a save made just before the end is sent and
	// its one outcome read out; 0 waits for none.
	PushWait time.Duration
	// DraftsFromInput lets answers that do not come from a terminal (a
	// pipe, a file) choose from the drafts: resume one, or discard it.
	// Without it such answers never open or discard a draft: the drafts
	// are said to be kept, and the assessment asked for starts. A script
	// written for a store with no drafts would otherwise answer the list
	// with its first lines, and its answers go into a patient's draft.
	DraftsFromInput bool
	// Warning, if set, is said before the first question: the store
	// cannot save, and where the answers will be kept instead.
	Warning string
	// Stopped, when set, is called when the run is stopped by a signal
	// (Ctrl-C, the window closed, a shutdown), once the terminal is given
	// back, in place of the signal's own action: it says what became of
	// the answers and ends the program.
	Stopped func(os.Signal)
}

// stopSignals are the signals that stop a run (see Options.Stopped).
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// Resume is an unfinished assessment kept as a draft.
type Resume struct {
	Label string // read out in the list: patient, when, how far
	Draft assess.Draft
	// Base is the saved record the draft amends or follows up, read
	// again; nil when it cannot be read (the draft then cannot be resumed,
	// only discarded).
	Base *record.Record
	// Claim, if set, takes the draft for this window before it is resumed;
	// an error (it is open in another window) is said, and the list shown
	// again.
	Claim func() error
	// Reopened, if set, is the draft as it is resumed once Claim took it,
	// when taking it changed it (a follow-up's base amended since); ok
	// false when it did not.
	Reopened func() (d Resume, ok bool)
	// Discard removes the draft, once the clinician has confirmed.
	Discard func() error
	// Second, when set, says why saving the draft makes a second
	// assessment of its patient: read out with the draft, and asked again
	// before the save.
	Second string
	// Earlier, for an amendment's draft of a follow-up, is the record
	// that follow-up follows up (Options.Earlier).
	Earlier *record.Record
	// Login is the computer login of the window that started the draft
	// ("" when not known): said with the clinician where it differs, as
	// the full screen's list says it.
	Login string
	// HeldElsewhere says another window held the draft as the drafts
	// were read: perhaps one closed a moment ago whose process had not
	// yet ended. It is listed, and said, all the same
	// (openElsewhereNote); Claim refuses it while that window holds it.
	HeldElsewhere bool
	// KeptFile, if set, is a file that keeps the answers of the draft's
	// assessment as last given, which the store did not keep (a window
	// closed at the save while another program held it): the draft holds
	// only the answers kept before. Said on the list and where the draft
	// is named (keptFileNote): resumed unsaid, decisions the patient gave
	// (a referral agreed) were easy to miss.
	KeptFile string
	// SameFile, if set, is a file a refused save kept this draft's
	// assessment in whose answers the draft holds, every one: it told
	// the clinician to enter them again, and once the draft is saved
	// they are in the store (SameFileSaved; the full screen says it after
	// the run, in the same words).
	SameFile string
}

// amendmentDraftNote is said of a draft of the patient given that is an
// amendment: it corrects a saved record, and "rather than assess the
// patient twice" misled.
const amendmentDraftNote = "It is an amendment: it corrects a saved assessment of this patient (the record named above), it is not another assessment of them, and this one does not finish it."

// keptFileLabel is what the list adds to the label of a draft whose later
// answers are kept in a file (Resume.KeptFile).
const keptFileLabel = "; later answers kept in a file, not in the draft"

// keptFileNote says, of draft d whose later answers are in a file
// (Resume.KeptFile), where they are and what to do with them; "" when
// none is.
func keptFileNote(d Resume) string {
	if d.KeptFile == "" {
		return ""
	}
	return "The answers of this assessment as last given, which the store did not keep, are in a file; this draft holds only the answers kept before. Resumed, give the rest again from that file (with any referral decisions), then delete it:\n" + d.KeptFile
}

// openElsewhereNote is said of a draft another window held as the drafts
// were read (Resume.HeldElsewhere), on the list and where its patient is
// entered: that window may have been closed a moment ago, and lets go of
// the draft as its process ends.
const openElsewhereNote = "It is open in another window, or was a moment ago: finish it there; if that window has just been closed, resume it here once that window has gone (it lets go of the draft as it ends)."

// openElsewhereLabel is what the list adds to the label of a draft
// another window held as the drafts were read.
const openElsewhereLabel = "; open in another window, or that window is being closed"

// Elsewhere is a draft not offered in this run (one of another kind than
// this command resumes): read out as Label, with How to resume it.
type Elsewhere struct {
	ID      record.ID
	Patient record.PatientID
	Label   string
	How     string
	// Amendment says the draft is an amendment's (amendmentDraftNote).
	Amendment bool
}

// ErrEndOfInput means the input ended before an assessment was complete.
// Nothing was saved for that assessment.
var ErrEndOfInput = errors.New("input ended before the assessment was finished; it was not saved as a record")

// ErrAnswerNotTaken means an answer that did not come from a terminal (a
// pipe, a file) was refused: the lines after it were written for the
// questions after it, and none of them is used. Nothing was saved for the
// assessment in progress.
var ErrAnswerNotTaken = errors.New("an answer read from the input was not taken, so the assessment stopped there: the lines after it were written for later questions, and none of them was used; it was not saved as a record")

// ErrKeptInFile ends an assessment the store refused as damaged once its
// answers and note are kept in a file: finished, and not saved as a record.
var ErrKeptInFile = errors.New("the assessment was not saved in the store, which is damaged: its answers and note are kept in the file named above")

// keptInFile ends an assessment whose save the store refused, its answers
// and note kept in a file, when the input ends at the offer to try again:
// it was finished, and is kept there (errors.Is ErrKeptInFile).
type keptInFile struct{}

func (keptInFile) Error() string {
	return "the assessment was not saved in the store: its answers and note are kept in the file named above"
}
func (keptInFile) Is(target error) bool { return target == ErrKeptInFile }

// ErrQuit means the clinician chose to stop; nothing was saved for the
// assessment in progress.
var ErrQuit = errors.New("assessment stopped; it was not saved as a record")

// Outcome is what a run produced.
type Outcome struct {
	Saved []record.Record
	// Draft is the last draft kept of an assessment left unsaved, if any.
	Draft *assess.Draft
	// Unkept is an assessment left unsaved whose latest answers Keep
	// refused (KeepErr says why): the store holds none of it, or an older
	// draft only, and the caller must keep it elsewhere or it is lost at
	// the end of the run. Draft is then nil.
	Unkept  *assess.Draft
	KeepErr error
}

// Run asks the questions on out and reads answers from in, one per line,
// until the clinician stops. Input ending between assessments is a normal
// end; input ending inside one returns ErrEndOfInput.
func Run(o Options, in io.Reader, out io.Writer) (res Outcome, err error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	p := &prompter{o: o, in: bufio.NewReader(in), out: out, first: true, pushed: make(chan string, 64), fd: -1, outFd: -1, hold: refusalHold, reading: readingHold}
	if f, ok := out.(interface{ Fd() uintptr }); ok && o.Width == 0 && term.IsTerminal(f.Fd()) {
		p.outFd = int(f.Fd())
	} else if f, ok := in.(interface{ Fd() uintptr }); ok && o.Width == 0 && term.IsTerminal(f.Fd()) {
		// Written to a pipe (digicheck | cat, | tee) while typed at a
		// terminal, which shows what the pipe carries: unwrapped, the
		// terminal broke the lines mid-word ("the last ques" / "tion"),
		// and a screen reader read the halves. Wrapped to that
		// terminal's width; the note stays whole (sayNote).
		p.sizeFd, p.sized = f.Fd(), true
	}
	handled := false // the terminal's line editor handles the signals
	if f, ok := in.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
		p.tty, p.fd = true, int(f.Fd())
		// What is typed is shown on out: only when out is the terminal
		// too is it where the clinician looks.
		if o, ok := out.(interface{ Fd() uintptr }); ok && term.IsTerminal(o.Fd()) {
			if r, stop, ok := ownEcho(int(f.Fd()), out, p.o.Stopped); ok {
				p.in, p.echoes, p.editor = bufio.NewReader(r), true, r
				handled = true
				defer stop()
			}
		}
	}
	if o.Stopped != nil && !handled {
		// No terminal of ours to give back: the signal is the caller's.
		sigs, done := make(chan os.Signal, 1), make(chan struct{})
		signal.Notify(sigs, stopSignals...)
		defer func() { signal.Stop(sigs); close(done) }()
		go func() {
			select {
			case sig := <-sigs:
				o.Stopped(sig)
			case <-done:
			}
		}()
	}
	return p.all()
}

// all runs the prompts of Run on a prompter made ready (its input told as
// a terminal or not, its echo set up).
func (p *prompter) all() (res Outcome, err error) {
	o := p.o
	defer p.pushEnds()
	// Keys typed before the program started were shown by the terminal
	// where they were typed, and would be answers to questions not yet
	// seen: they are dropped, and said so.
	early := p.dropTypedAhead()
	p.say("digicheck: digital inclusion check, plain prompts.")
	p.say("Type the number of an answer and press Enter. Type b to go back to the last question, or q to stop.")
	if early {
		p.say(ignoredNote("before the first question"))
	}
	if o.Warning != "" {
		// Before any answer is given, as the full screen warns.
		p.say("")
		p.say(o.Warning)
	}
	s, err := p.offerDrafts()
	if err != nil {
		return p.res, err
	}
	if s == nil {
		so := p.sessionOptions(o.Amend, o.AmendReason, o.FollowUp)
		so.Earlier = o.Earlier
		s = assess.Start(so)
	}
	defer func() {
		// A run that ends inside an assessment (q, the input closed)
		// whose last answers the store would not keep hands them back,
		// so that they are not lost with the window.
		if err == nil || p.keepErr == nil {
			return
		}
		if d, ok := p.draft(s); ok {
			res.Unkept, res.KeepErr, res.Draft = &d, p.keepErr, nil
			// Where they go is said below: a store free by now keeps
			// them as a draft, else a file does.
			p.say("The answers given could not be kept as a draft in the store as they were given: where they are kept now is said below.")
		}
	}()
	for {
		read := p.read
		r, err := p.assessment(s)
		var sw *resumed
		if errors.As(err, &sw) {
			// The clinician chose the patient's draft over a new
			// assessment of them: it goes on from where it was left.
			s = sw.s
			continue
		}
		if errors.Is(err, ErrEndOfInput) && len(p.res.Saved) > 0 && p.read == read && !s.Progressed() {
			// A new assessment was chosen after a save, and the input
			// ended before anything of it was given: nothing was in
			// progress, so this is an end between assessments.
			return p.res, nil
		}
		if err != nil {
			return p.res, err
		}
		p.res.Saved = append(p.res.Saved, r)
		p.say("")
		p.say("Note for the patient record:")
		// At a terminal the note's lines are broken between words, as
		// every line is: cut by the terminal's edge mid-word ("by pho" /
		// "ne or in person"), a screen reader reading by line said the
		// halves. Piped or written to a file, where it is taken to paste
		// into the record, it is written whole, as saved (wrap leaves
		// it so), as show prints it.
		replaces := s.Amends()
		p.sayNote(strings.TrimRight(assess.Note(r), "\n"))
		p.say("")
		p.pushAwait()
		for {
			// Taken only from a line typed after it was shown, as the
			// review and the save are: keys typed with the 1 that saved
			// (the next patient's first answers, out of habit) began a
			// new assessment and answered its questions unseen.
			next, err := p.chooseShown("What next?", []string{"A new assessment", "Finish", "Read the patient handout"}, -1)
			if err != nil || next == 1 {
				// End of input after a saved assessment is a normal finish.
				return p.res, nil
			}
			if next == 0 {
				break
			}
			p.say("")
			p.say("Handout for the patient:")
			// As the full screen says it over the handout, and the
			// note in its lines: the handout is printed in English.
			if lang := record.HandoutTranslation(r); lang != "" {
				p.say("This handout is in English: have it translated into " + lang + " before giving it to the patient.")
			}
			p.say(strings.TrimRight(record.HandoutWith(r, record.HandoutOptions{
				LargePrint:  r.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint),
				Team:        o.Team,
				TeamPhone:   o.TeamPhone,
				TeamAddress: o.TeamAddress,
				TeamText:    o.TeamText,
				Directory:   o.Directory,
				Replaces:    replaces,
			}), "\n"))
			p.say("")
		}
		// Another clinician may be at the keyboard now: the one who made
		// this is offered (typing =), never kept by Enter alone.
		// The team offered is the configured one, not the saved record's:
		// an amendment offers its record's own team, and a new assessment
		// after it belongs to this site's team.
		p.o.Clinician, p.o.Offer = "", r.Clinician
		s = assess.Start(p.sessionOptions(nil, "", nil))
		if d, err := p.listLate(); err != nil {
			if errors.Is(err, ErrEndOfInput) {
				return p.res, nil // between assessments: a normal finish
			}
			return p.res, err
		} else if d != nil {
			s = d
		}
	}
}

// listLate offers the list of unfinished assessments before a new
// assessment chosen after a save, in a run that could not list them as it
// began (the store held by another program: Options.LookDrafts), once the
// store can be read: read afresh, the list is offered as a run started on
// a free store offers it before its first question, once. Never offered,
// a window started on a held store went straight to the patient's
// identifier after every save, and the drafts kept were never seen. It
// returns the draft resumed from the list, or nil for a new assessment
// (the store still held, or nothing listed).
func (p *prompter) listLate() (*assess.Session, error) {
	if p.o.LookDrafts == nil || p.listed {
		return nil, nil
	}
	ds, es, err := p.o.LookDrafts()
	if err != nil {
		// Still held: said, and listed at the next new assessment once
		// it can be read; the patient, when given, says their own. It
		// was skipped without a word.
		p.say("")
		if errors.Is(err, store.ErrLocked) {
			p.say("The store is in use by another program, so the unfinished assessments kept as drafts cannot be listed now: they are listed at the next new assessment once it is free.")
		} else {
			p.say("The unfinished assessments kept as drafts cannot be listed now (" + strings.TrimSuffix(err.Error(), ".") + "): they are listed at the next new assessment once they can be read.")
		}
		return nil, nil
	}
	p.listed, p.draftsRead = true, true
	p.o.Drafts, p.o.Elsewhere = ds, es
	return p.offerDrafts()
}

func (p *prompter) sessionOptions(amend *record.Record, reason string, followUp *record.Record) assess.Options {
	return assess.Options{
		Instrument: p.o.Instrument, Directory: p.o.Directory, Services: p.o.Services,
		Clinician: p.o.Clinician, Team: p.o.Team,
		Amend: amend, AmendReason: reason, FollowUp: followUp,
		Now: p.o.Now, Given: p.o.Given,
	}
}

type prompter struct {
	o Options
	// outFd is out's descriptor when it is a terminal whose width lines
	// are wrapped to (see wrap); -1 otherwise.
	outFd int
	// sizeFd is, when out is not a terminal and the input is (sized),
	// the input's descriptor: lines are wrapped to its width.
	sizeFd uintptr
	sized  bool
	in     *bufio.Reader
	out    io.Writer
	asked  bool // the current step read a line
	tty    bool // the input is a terminal, which echoes what is typed
	// echoes is set when the prompts show each line as they read it
	// (ownEcho), a line typed ahead included.
	echoes bool
	read   int  // answer lines read in the whole run
	first  bool // no line read yet
	res    Outcome
	// pushed carries the lines the background pushes end with; pushing
	// counts those not yet read out.
	pushed  chan string
	pushing int
	// waitingSaid is true while a save under way has said it waits for
	// the store: the waits within it say nothing more.
	waitingSaid bool
	// keepErr is why the last try to keep the assessment in progress as
	// a draft failed; nil once one succeeds, or the assessment is saved.
	keepErr error
	// refusalSaid is set when a draft resumed was taken on a store that
	// will not save, the warning said: the first draft refused need not
	// say so again.
	refusalSaid bool
	// fd is the terminal answers are typed at (-1 when they are not), and
	// editor the line editor reading it, when the prompts echo.
	fd     int
	editor io.Reader
	// fresh, while set, takes as an answer only a line typed after its
	// prompt was shown (see line).
	fresh bool
	// pasted is set when the line last read ended with a CR LF at the
	// prompts' own line editor, where Enter gives a CR alone: a line of
	// text pasted as keys (see lineEditor.edit), refused by line.
	pasted bool
	// second is why the draft resumed makes a second assessment of the
	// patient (Resume.Second), asked again before the save.
	second string
	// meanwhile is why saving makes a second assessment of the patient
	// when an assessment of them was saved after this one began (another
	// window on the same patient), read again before each save
	// (savedMeanwhile); said and asked as second is.
	meanwhile string
	// keptFile is the file a save refused kept the answers and note in,
	// keptRec the record as it holds it, and keptHeld says the store was
	// held by another program: Save chosen again reads the patient's
	// assessments again first (readAgain), and the save says what became
	// of the file (keptGone).
	keptFile string
	keptRec  record.Record
	keptHeld bool
	// earlierUnread says the patient's earlier assessments could not be
	// read as the patient was given (the store held), and no read since
	// has: a note pasted from the file a held save kept stands only once
	// these answers are saved.
	earlierUnread bool
	// resumedKept is the file named as the draft resumedKeptID was
	// resumed (Resume.KeptFile), which keeps its answers as last given:
	// the save of that assessment says it is left to check (keptGone).
	resumedKept   string
	resumedKeptID record.ID
	// resumedSame is Resume.SameFile of the draft resumedKeptID.
	resumedSame string
	// draftsRead is set once Options.LookDrafts read the drafts (Drafts
	// and Elsewhere are then what it found); draftsUnread is the patient
	// given while that read was refused as the store was held, whose
	// draft is looked for again at the save.
	draftsRead   bool
	draftsUnread record.PatientID
	// listed is set once the list of drafts read late (listLate) was
	// offered.
	listed bool
	// resumedBy is who the draft just resumed is recorded as done by
	// (recordedBy), said as it resumes; resumedStop is where it stopped
	// (assess.Draft.Stopped), nil for a draft of an earlier build.
	resumedBy   string
	resumedStop *assess.Stop
	// hold is how long after a refusal a line from a terminal is not
	// taken (refusalHold; 0 holds none), and heldSince when the last
	// refusal, or the last line not taken for it, was.
	hold      time.Duration
	heldSince time.Time
	// notTaken is set when an answer that did not come from a terminal
	// was refused: nothing more is read (ErrAnswerNotTaken).
	notTaken bool
	// ignoring is set when a line typed at a terminal was refused: every
	// line is then refused until an empty one (see line). lastLine is the
	// line read last, to tell a refused word from an empty line refused.
	ignoring bool
	lastLine string
	// ignoredKeys is set with ignoring when it began with keys dropped,
	// not a line refused (dropWaited): the empty line that ends it is
	// taken only once the note could be read, after the hold, as a
	// typist who knew the answers had an Enter of their own queued.
	ignoredKeys bool
	// reading is how long a question whose answer saves or ends
	// something must have been shown before a line from a terminal
	// answers it (readingHold; 0 holds none); held is that question while
	// it is asked, and shownAt when it was last shown.
	reading time.Duration
	held    *heldQuestion
	shownAt time.Time
	// whyHeld are the follow-up's reasons why not, by programme id, that
	// the draft resumed held as typed and not confirmed before the stop
	// (assess.Draft.UnconfirmedReasons), until each is answered at its
	// "Why not?" (or its referral is answered otherwise): every draft
	// kept until then holds them so (draft), as the session lets them go
	// with the first outcome set.
	whyHeld map[string]string
}

// heldQuestion is a question whose answer saves or ends something, asked
// (confirm): what names it in the refusal of a line that came too soon
// ("the review"), and how says how to answer it once read.
type heldQuestion struct{ what, how string }

// errUnread is returned by line when the line came before the question
// being asked could be read (heldQuestion): it was refused, and said so,
// and the question is asked again.
var errUnread = errors.New("line typed before the question could be read")

// unreadNote says a line was not taken because it came within the
// reading hold of the question q being shown.
func unreadNote(q *heldQuestion, hold time.Duration) string {
	return "Not taken: that line came less than " + seconds(hold) + " after " + q.what + " was shown, before it could be read; nothing typed with it was used. " + q.how
}

// begunNote is unreadNote for a line whose Enter came after the reading
// hold, its first key within it.
func begunNote(q *heldQuestion, hold time.Duration) string {
	return "Not taken: that line was begun less than " + seconds(hold) + " after " + q.what + " was shown, before it could be read; nothing typed with it was used. " + q.how
}

// firstKey is when the first key of the line just read was typed (an edit
// or its Enter, if that came first), where the prompts' own line editor
// reads the terminal; otherwise now, as the line came whole.
func (p *prompter) firstKey() time.Time {
	if e, ok := p.editor.(interface{ firstKey() time.Time }); ok {
		if t := e.firstKey(); !t.IsZero() {
			return t
		}
	}
	return time.Now()
}

// seconds is a hold in words: "2 seconds", "1.2 seconds".
func seconds(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d seconds", d/time.Second)
	}
	return fmt.Sprintf("%.1f seconds", d.Seconds())
}

// dropTypedAhead discards the keys typed at the terminal and not yet read
// as an answer, and reports whether there were any. It does nothing to
// answers that do not come from a terminal: a script's lines are all
// "typed ahead", and meant in that order.
func (p *prompter) dropTypedAhead() bool {
	if !p.tty {
		return false
	}
	dropped := false
	if n := p.in.Buffered(); n > 0 {
		_, _ = p.in.Discard(n)
		dropped = true
	}
	if d, ok := p.editor.(interface{ drop() bool }); ok && d.drop() {
		dropped = true
	}
	if d, ok := p.editor.(interface{ discard() bool }); ok {
		// The prompts read the terminal themselves: what it holds is
		// read and dropped, never flushed (see lineEditor.discard).
		return d.discard() || dropped
	}
	if pendingInput(p.fd) > 0 {
		dropped = true
	}
	flushInput(p.fd)
	return dropped
}

// ignoreTypedAhead drops the keys typed ahead (dropTypedAhead) at a point
// where they would answer a question not yet seen: after an answer was
// refused (the keys after it were meant for the question after it), and
// after a choice on the drafts list (what it opens is another question
// from the one the keys were typed for). The full-screen UI holds the same
// rule. when says when they were typed, for the note said if any were.
func (p *prompter) ignoreTypedAhead(when string) {
	if p.dropTypedAhead() {
		p.say(ignoredNote(when))
	}
}

// beforeShown is when keys were typed that are dropped as a question
// asked only because of an earlier answer (a why-not, an item with
// EnableWhen) is shown: the full-screen UI holds them with the same note.
const beforeShown = "before this question was shown"

// waitSaid is how long a call to the store (a draft kept, a save) runs
// before the prompts say they are waiting for it: a store another program
// holds is waited for about 2 s at each, in silence.
const waitSaid = 500 * time.Millisecond

// waitingNote is said once a call to the store has run waitSaid.
const waitingNote = "Waiting for the store (another program may be using it): a few seconds…"

// whileWaited is when keys were typed that are dropped after a wait for
// the store was said: nothing new was on screen, and the question they
// would answer was not yet shown.
const whileWaited = "while digicheck waited for the store"

// waited runs step, a call to the store, and, unless quiet (the wait was
// said before it), says waitingNote once it has run waitSaid without an
// end; it reports whether that was said. Nothing else is written while
// step runs: the prompts wait for it.
func (p *prompter) waited(quiet bool, step func()) (said bool) {
	if quiet {
		step()
		return false
	}
	// The note is said under mu, and only while step has not ended:
	// the timer firing as step returned wrote it after the store had
	// answered. done has room for the one result, and end runs however
	// step ends: a step that panicked after the note left the goroutine
	// blocked for ever on handing it on.
	var mu sync.Mutex
	ended := false
	stop, done := make(chan struct{}), make(chan bool, 1)
	go func() {
		t := time.NewTimer(waitSaid)
		defer t.Stop()
		select {
		case <-t.C:
			mu.Lock()
			defer mu.Unlock()
			if ended {
				done <- false
				return
			}
			p.say(waitingNote)
			done <- true
		case <-stop:
			done <- false
		}
	}()
	end := sync.OnceFunc(func() {
		mu.Lock()
		ended = true
		mu.Unlock()
		close(stop)
	})
	defer end()
	step()
	end()
	return <-done
}

func ignoredNote(when string) string {
	return "Keys typed " + when + " were ignored: read the question, then answer it."
}

// dropWaited drops the keys typed while the prompts waited for the store
// (to keep a draft), which would answer the question after it, not yet
// shown, and treats them as an answer not taken: a typist who knew the
// answers typed on, a line every 1.4 s, and once one line was dropped
// each later one came after its question's reading hold and answered it,
// one question early (the line meant for the save recorded a referral
// never discussed as agreed). Every line after them is refused until an
// empty one typed once the note could be read (the hold: an Enter queued
// with the rest came sooner).
func (p *prompter) dropWaited() {
	if !p.dropTypedAhead() {
		return
	}
	p.say("Keys typed " + whileWaited + " were ignored, as the question they would answer was not yet shown. " + ignoringNote)
	p.ignoring, p.ignoredKeys = true, true
	p.heldSince = time.Now()
}

// refuse says why an answer was not taken, and drops the keys typed after
// it, which were meant for the question it did not pass to; at a terminal,
// a line that comes within the hold after it is not taken either (see
// line). Answers that do not come from a terminal stop at it: the lines
// after it were written for the questions after this one, and taken here
// they would answer each question with the next one's answer
// (ErrAnswerNotTaken).
func (p *prompter) refuse(why string) {
	if !p.tty {
		p.fail(why)
		p.notTaken = true
		return
	}
	if strings.TrimSpace(p.lastLine) != "" {
		// A line typed slowly comes later than any hold: the next
		// questions' answers, typed one by one after a word, each
		// came after the hold had ended, and the 1 meant for the next
		// question answered this one. Every line is refused until an
		// empty one says the refusal was read.
		p.ignoring = true
		why = strings.TrimSpace(why) + " " + ignoringNote
	}
	p.fail(why)
}

// ignoringNote says, after a line refused at a terminal, what to do.
const ignoringNote = "Lines typed now are ignored until you press Enter on an empty line; then answer again."

// ignoredLine is said for each line refused while lines are ignored;
// ignoredKeysLine when they are since keys were dropped (dropWaited).
const (
	ignoredLine     = "Not used: lines are being ignored, since a line that is no answer here was typed. Press Enter on an empty line, then answer again."
	ignoredKeysLine = "Not used: lines are being ignored, since keys typed " + whileWaited + " were ignored. Press Enter on an empty line, then answer again."
)

// fail says why what was chosen did not happen (a save, a resume), and
// treats the keys typed after it as after a refused answer: a script's
// next line is read as before.
func (p *prompter) fail(why string) {
	p.ignoredKeys = false // the hold now follows this refusal
	p.say(why)
	p.ignoreTypedAhead("after the answer not taken")
	p.heldSince = time.Now()
}

// heldNote says a line from a terminal was not taken because it came
// within the hold after a refusal (or after keys dropped, keys); ignoring
// says lines are still ignored until an empty line, which is then what
// to do.
func heldNote(hold time.Duration, ignoring, keys bool) string {
	secs := seconds(hold)
	then := "Answer this question again."
	if ignoring {
		then = "Press Enter on an empty line, then answer again."
	}
	after := "the answer not taken"
	if keys {
		after = "the keys ignored"
	}
	return "Not used: typed less than " + secs + " after " + after + ", before that could be read; nothing typed with it was used either. " + then
}

// typedAhead is how soon after its prompt an answer from a terminal is
// read when it was typed before the prompt was shown: no one reads a
// prompt, types an answer and presses Enter in it.
const typedAhead = 50 * time.Millisecond

// refusalHold is how long after an answer is refused a line typed at a
// terminal is not taken as an answer: a line that comes sooner was typed
// before the refusal could be read (a screen reader takes longer than
// this to say it), and was meant for a later question.
const refusalHold = 2 * time.Second

// readingHold is how long a question whose answer saves or ends
// something (the review, a referral's consent, the save, a discard) must
// have been shown before a line typed at a terminal answers it: the full
// screen's review waits as long (ui's wordHold).
const readingHold = 1200 * time.Millisecond

// MaxAnswer is the longest line read as an answer, in bytes. No answer is
// near it (the longest is a language's name); a longer line is a paste
// gone wrong or a file that is not answers, and it is refused and asked
// again rather than ending the run with the answers given so far.
const MaxAnswer = 64 << 10

// errTooLong: the line read was longer than MaxAnswer; all of it was read
// and dropped.
var errTooLong = errors.New("answer too long")

// readLine reads one line, without its line ending. It holds at most
// MaxAnswer bytes of it: the rest of a longer line is read and dropped,
// and errTooLong returned. A last line with no newline is a line.
func (p *prompter) readLine() (string, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := p.in.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(bytes.TrimRight(chunk, "\r\n")) > MaxAnswer {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && (!errors.Is(err, io.EOF) || len(buf) == 0 && !tooLong && len(chunk) == 0) {
			return "", err
		}
		break
	}
	if tooLong {
		return "", errTooLong
	}
	if p.first {
		// Answers kept in a file saved by Windows Notepad start with a
		// byte order mark.
		buf = bytes.TrimPrefix(buf, []byte("\ufeff"))
	}
	p.first = false
	// A file or a pipe may end its lines with CR LF (Windows Notepad);
	// only the prompts' own editor, where Enter is a CR alone, tells a
	// pasted line by it.
	p.pasted = p.echoes && bytes.HasSuffix(buf, []byte("\r\n"))
	return string(bytes.TrimRight(buf, "\r\n")), nil
}

// errBack is returned by a prompt when the clinician typed b.
var errBack = errors.New("back")

// stopped is s, a sentence, ended with a full stop; one that ends with a
// command ("…: run digicheck check --db FILE") has the command set on a
// line of its own instead, with no stop after it: said with the stop
// glued to it, the command copied as given named a store that is not
// there ("FILE."). A command on its own line is broken only between its
// words where it is too wide (wrap).
func stopped(s string) string {
	s = strings.TrimSuffix(s, ".")
	i := strings.LastIndex(s, "digicheck ")
	if i <= 0 || s[i-1] != ' ' || !assess.HasCommand(s[i:]) {
		return s + "."
	}
	bare := unquoted(s[i:])
	for _, end := range []string{". ", "; ", ", ", ": ", ")"} {
		// The sentence goes on after the command: it does not end it.
		// Inside a quoted path, the path's own punctuation is not.
		if strings.Contains(bare, end) {
			return s + "."
		}
	}
	return strings.TrimRight(s[:i], " ") + "\n    " + s[i:]
}

// unquoted is command line s with what is inside its quotes blanked, as a
// shell reads the quotes shellword.Word writes ('…' with \' between two,
// "…" with \" inside): the punctuation left is the sentence's.
func unquoted(s string) string {
	b := []byte(s)
	var quote byte
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case quote == 0 && c == '\\' && i+1 < len(b):
			i++ // an escaped character, outside quotes
		case quote == 0 && (c == '\'' || c == '"'):
			quote = c
		case quote == '"' && c == '\\' && i+1 < len(b) && b[i+1] == '"':
			b[i], b[i+1] = 'x', 'x'
			i++
		case c == quote:
			quote = 0
		case quote != 0:
			b[i] = 'x'
		}
	}
	return string(b)
}

// say prints a line or more. Everything the prompts print passes through
// here or line, and through the shared neutraliser: answers, names, reasons
// and programme text come from people, records and site files, and none of
// it may reach a screen reader's terminal as a control sequence, nor a
// character that draws nothing (a Hangul filler an earlier build let into
// a clinician's name or a team) as nothing: it is said as its code.
func (p *prompter) say(s string) { fmt.Fprintln(p.out, p.wrap(questionnaire.PrintableTypedLines(s))) }

// wrap breaks s at word boundaries to the width lines are wrapped to
// (Options.Width); s unchanged when they are not wrapped. A word longer
// than the width is left whole. A line that is indented (an answer on the
// review, an entry of a list) goes on under its indent, or under the text
// after its number ("  2. "): at column 0 its second line read as a line
// of its own.
func (p *prompter) wrap(s string) string {
	w := p.width()
	if w <= 0 {
		return s
	}
	// A command on a line of its own is broken only between its words,
	// marked to go on: pasted, it runs as one command. A path is broken
	// nowhere: it moves on whole, as a word does.
	s = assess.WrapCommands(p.holdPaths(s), w, func(s string) string { return p.wrapLines(s, w) })
	return strings.NewReplacer(string(pathSpace), " ", string(pathHyphen), "-").Replace(s)
}

// In a path said, its spaces and hyphens stand as these while its lines
// are wrapped, which no wrap breaks at, and are put back after.
const (
	pathSpace  = '\uE002'
	pathHyphen = '\uE003'
)

// holdPaths is s with the paths in it held whole for the wrap: broken at
// a hyphen of a folder's name ("ward-7b-" / "east/store.db") or at a
// space in one ("Ward" / "Stores/…"), a path copied line by line and
// joined named another file, and a screen reader read two halves. The
// spaces held are those of the paths this run knows (its --db and
// --config, their folders, the file a refused save kept the answers in,
// the temporary folder); the hyphens are those of every word that names
// a folder.
func (p *prompter) holdPaths(s string) string {
	known := p.knownPaths()
	slices.SortFunc(known, func(a, b string) int { return len(b) - len(a) })
	held := func(path string) string {
		return strings.NewReplacer(" ", string(pathSpace), "-", string(pathHyphen)).Replace(path)
	}
	for _, k := range known {
		if strings.Contains(k, " ") {
			s = strings.ReplaceAll(s, k, held(k))
		}
	}
	return folderWord().ReplaceAllStringFunc(s, func(word string) string {
		flag := len(word) - len(strings.TrimLeft(word, "-")) // "--output=/x"
		return word[:flag] + strings.ReplaceAll(word[flag:], "-", string(pathHyphen))
	})
}

// folderWord is a word that names a folder: a path, or a flag given one.
var folderWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\s]*[/\\][^\s]*`) })

// knownPaths are the paths this run may say (holdPaths).
func (p *prompter) knownPaths() []string {
	var known []string
	add := func(path string) {
		if strings.TrimSpace(path) == "" {
			return
		}
		known = append(known, path, filepath.Dir(path))
		if abs, err := filepath.Abs(path); err == nil && abs != path {
			known = append(known, abs, filepath.Dir(abs))
		}
	}
	words := givenWords(p.o.Given)
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "--db" || words[i] == "--config" {
			add(words[i+1])
		}
	}
	add(p.keptFile)
	for _, d := range p.o.Drafts {
		add(d.KeptFile)
	}
	return append(known, strings.TrimRight(os.TempDir(), `/\`))
}

// givenWords are the words of given (Options.Given), as shellword.Word
// wrote them for this system, read back: on Windows, a path in double
// quotes or plain with its backslashes, which a POSIX reading took as
// escapes.
func givenWords(given string) []string { return shellword.Split(given) }

// wrapLines is wrap, for lines other than commands, at width w.
func (p *prompter) wrapLines(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		n := len(hangingIndent().FindString(l))
		if n == 0 || n > w/2 {
			lines[i] = wordwrap(l, w)
			continue
		}
		lines[i] = l[:n] + strings.ReplaceAll(wordwrap(l[n:], w-n), "\n", "\n"+strings.Repeat(" ", n))
	}
	return strings.Join(lines, "\n")
}

// wordwrap is line l broken into lines of at most w columns: at its
// spaces, which the break takes, or after a hyphen inside a word
// ("follow-" / "up"), which stays at the end of its line. A word wider
// than w is left whole, on a line of its own. ansi.Wordwrap, used before,
// put a hyphen that met the edge in column w+1: a terminal w wide wrapped
// it onto a line of its own.
func wordwrap(l string, w int) string {
	var out strings.Builder
	width := 0 // of the line being written
	for len(l) > 0 {
		// The spaces before the next piece, and the piece: up to a space,
		// or through a hyphen that joins two parts of a word.
		text := strings.TrimLeft(l, " ")
		gap := l[:len(l)-len(text)]
		end := strings.IndexByte(text, ' ')
		if end < 0 {
			end = len(text)
		}
		for i := 1; i+1 < end; i++ {
			if text[i] == '-' && text[i-1] != '-' && text[i+1] != '-' {
				end = i + 1
				break
			}
		}
		piece := text[:end]
		l = text[end:]
		switch pw := ansi.StringWidth(piece); {
		case width == 0 && out.Len() == 0, width+len(gap)+pw <= w:
			out.WriteString(gap + piece) // a line's own indent is kept
			width += len(gap) + pw
		case piece == "":
			// Spaces at the end of a line that is full: the break takes them.
		default:
			out.WriteString("\n" + piece)
			width = pw
		}
	}
	return out.String()
}

// width is the width lines are wrapped to (Options.Width, else the
// terminal's, 80 when it cannot be read), or 0 when they are not wrapped.
func (p *prompter) width() int {
	fd := uintptr(p.outFd)
	switch {
	case p.outFd >= 0:
	case p.sized:
		fd = p.sizeFd
	default:
		return p.o.Width
	}
	if tw, _, err := term.GetSize(fd); err == nil && tw > 0 {
		return tw
	}
	return 80
}

// sayNote writes the note for the patient record. Where lines are wrapped
// (a terminal) its lines are broken between words as say's are, but only
// at spaces (record.Wrap), so that a record id, a phone number or a web
// address is never cut at a hyphen, and an entry of a list goes on under
// its text. Where they are not (a pipe, a file) it is written whole, as
// saved, for pasting into the record.
func (p *prompter) sayNote(note string) {
	note = questionnaire.PrintableTypedLines(note)
	w := p.width()
	if p.outFd < 0 {
		w = p.o.Width // a pipe carries it whole, as saved, for pasting
	}
	if w <= 0 {
		fmt.Fprintln(p.out, note)
		return
	}
	lines := strings.Split(note, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) <= w {
			continue // as saved, its spaces and all
		}
		n := len(hangingIndent().FindString(l))
		if n > w/2 {
			n = 0
		}
		lines[i] = strings.TrimSuffix(record.Wrap(l[n:], l[:n], strings.Repeat(" ", n), w), "\n")
	}
	fmt.Fprintln(p.out, strings.Join(lines, "\n"))
}

// hangingIndent is where an indented line's wrapped lines start: after its
// spaces, and after the number or the dash of an entry of a list, an entry
// of the note's lists ("- Use an interpreter ...") at column 0 too.
var hangingIndent = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^( +(\d+\. |- )?|- )`) })

// withinHold is whether the line just read was begun within the hold
// after the last refusal (or keys dropped, or line not taken for it).
func (p *prompter) withinHold() bool {
	return p.tty && p.hold > 0 && !p.heldSince.IsZero() && p.firstKey().Sub(p.heldSince) < p.hold
}

// line reads one answer line. b and q are commands everywhere.
func (p *prompter) line(prompt string) (string, error) {
	p.asked = true
	var text string
	for {
		if p.notTaken {
			p.say("The lines after it are not read: they were written for the questions after this one, and would answer each question with another's answer. This assessment stops here, and is not saved.")
			return "", ErrAnswerNotTaken
		}
		fmt.Fprint(p.out, p.wrap(questionnaire.PrintableTypedLines(prompt))+" ")
		asked := time.Now()
		s, err := p.readLine()
		if errors.Is(err, errTooLong) {
			fmt.Fprintln(p.out)
			p.lastLine = "(too long)"
			p.refuse(fmt.Sprintf("Not accepted: that line is longer than %d KB, far longer than any answer; nothing from it was kept. Type the answer again.", MaxAnswer>>10))
			continue
		}
		if err != nil {
			fmt.Fprintln(p.out)
			if errors.Is(err, io.EOF) {
				return "", ErrEndOfInput
			}
			return "", err
		}
		text = s
		p.lastLine = s
		p.read++
		if !p.tty || !p.echoes && time.Since(asked) < typedAhead {
			// Nothing echoed this answer after the prompt: it came
			// from a pipe, or was typed ahead, before the prompt was
			// shown (the terminal echoed it then, above). Write it
			// after its prompt and end the line, so the next prompt
			// starts on a line of its own.
			fmt.Fprintln(p.out, questionnaire.Printable(s))
		}
		if p.pasted && p.tty {
			// Text pasted where the terminal does not mark a paste,
			// its lines ended CR LF: the line is not taken, nor the
			// lines pasted after it (the next would answer the next
			// question), until an empty line typed says this was
			// read, as the full screen refuses a line feed in text.
			p.pasted = false
			why := "Not accepted: this line ended with a Windows line end (CR LF), as a line of text pasted where the terminal does not mark a paste does: it is not taken, and the lines pasted after it are not used. Type the answer."
			if strings.TrimSpace(s) == "" {
				why = "Not accepted: a line break (Ctrl+J) came straight after the Enter of the line before, as at the end of a line of pasted text: nothing is taken from it, and the lines pasted after it are not used. Check the answer before (b goes back)."
			}
			p.refuse(why)
			if !p.ignoring {
				p.ignoring = true
				p.say(ignoringNote)
			}
			continue
		}
		if p.ignoring && strings.TrimSpace(s) == "" && !(p.ignoredKeys && p.withinHold()) {
			// The empty line the refusal asks for is taken whenever it
			// comes, within the hold too: refused, it left the
			// clinician who followed each message in turn refused
			// twice, told two different things. Lines still typed
			// within the hold are not taken (heldSince stands).
			p.ignoring, p.ignoredKeys = false, false
			p.say("Lines are taken again: answer the question.")
			continue
		}
		if p.tty && p.hold > 0 && !p.heldSince.IsZero() {
			if p.withinHold() {
				// Typed before the refusal could be read: meant for a
				// later question, as is anything typed with it. The
				// hold goes on from here, while lines keep coming.
				// Judged by the line's first key, as a question that
				// must be read judges it: a 3 begun 0.8 s after a b
				// that could not go back, its Enter 2.5 s after it,
				// answered the question the b was typed at.
				p.dropTypedAhead()
				p.heldSince = time.Now()
				p.say(heldNote(p.hold, p.ignoring, p.ignoredKeys))
				continue
			}
			p.heldSince = time.Time{}
		}
		if p.held != nil && p.tty && p.reading > 0 && !p.ignoring && p.firstKey().Sub(p.shownAt) < p.reading {
			// The question saves or ends something, and was not on
			// view long enough to be read: the line was typed for the
			// question before it, or without reading this one. Judged
			// by its first key: a digit typed at once and left on the
			// line was sent by the Enter pressed after reading, meant
			// to keep the answer.
			p.dropTypedAhead()
			note := unreadNote(p.held, p.reading)
			if time.Since(p.shownAt) >= p.reading {
				note = begunNote(p.held, p.reading)
			}
			p.say(note)
			return "", errUnread
		}
		if p.fresh && p.tty && time.Since(asked) < typedAhead {
			// Typed before this prompt was shown, for another question.
			p.say("Not taken: that answer was typed before this question was shown.")
			p.ignoreTypedAhead("with it")
			p.heldSince = time.Now()
			continue
		}
		if p.ignoring {
			// After a refused line: only an empty line (above) goes on.
			if p.ignoredKeys {
				p.say(ignoredKeysLine)
			} else {
				p.say(ignoredLine)
			}
			continue
		}
		break
	}
	s := strings.TrimSpace(text)
	switch strings.ToLower(s) {
	case "b", "back":
		return "", errBack
	case "q", "quit":
		return "", ErrQuit
	}
	return s, nil
}

// choose asks for one numbered option and returns its index.
func (p *prompter) choose(question string, options []string) (int, error) {
	return p.chooseKeep(question, options, -1)
}

// text asks for a line of text, offering a default that Enter keeps.
func (p *prompter) text(question, def string) (string, error) {
	p.pushNews()
	q := question
	if def != "" {
		q += " (press Enter for " + def + ")"
	}
	s, err := p.line(q + ":")
	if err != nil {
		return "", err
	}
	if s == "" {
		return def, nil
	}
	return s, nil
}

// field asks for a one-line text field (the clinician, the team) until
// check takes what is typed. Asked holding a value (def) given in this
// assessment or named for it, it is held (holdGiven) when hold says how to
// answer it once read; "" holds nothing.
func (p *prompter) field(question, def, hold string, check func(string) error) (string, error) {
	return p.fieldTaking(question, def, hold, false, check)
}

// teamField is field for the team: = takes def, the team the question
// names, as = takes the team every team question offers (an amendment's,
// a follow-up's earlier team), so that a script, or a clinician, answers
// every one alike. Where none is named, = takes nothing and says so.
func (p *prompter) teamField(def, hold string, check func(string) error) (string, error) {
	return p.fieldTaking("Team", def, hold, true, check)
}

// fieldTaking is field; equals says = takes def (teamField, and the
// clinician given).
func (p *prompter) fieldTaking(question, def, hold string, equals bool, check func(string) error) (string, error) {
	if def != "" && hold != "" {
		defer p.holdGiven(hold)()
	}
	for {
		p.shownAt = time.Now()
		s, err := p.text(question, def)
		if errors.Is(err, errUnread) {
			continue
		}
		if err != nil {
			return "", err
		}
		s = strings.TrimSpace(s)
		if equals && s == "=" {
			if def == "" {
				p.refuse("Not accepted: no team is named here to take by =: type your team, or press Enter for none.")
				continue
			}
			s = def
			p.say(question + ": " + questionnaire.PrintableTyped(def) + ".")
		}
		if err := check(s); err != nil {
			p.refuse("Not accepted: " + err.Error() + ".")
			continue
		}
		return s, nil
	}
}

// clinician asks who is assessing. A name given (amend --clinician, or
// typed before in this assessment) is kept by Enter; otherwise the answer
// is typed, and the name offered (p.o.Offer) is taken only by typing =:
// on a shared workstation one Enter must not record the assessment under
// the last clinician's name. check is assess.CheckClinician and whatever
// else the name must pass.
func (p *prompter) clinician(given string, check func(string) error) (string, error) {
	if given != "" {
		// Held: an Enter typed on with the patient's number recorded
		// the assessment under a name never read, and a name typed
		// ahead replaced it ("Zed" 0.3 s after the prompt, saved).
		// = takes it too, as = takes a name offered, so that what
		// answers the one line answers the other.
		return p.fieldTaking("Clinician", given, clinicianHow, true, check)
	}
	offer := strings.TrimSpace(p.o.Offer)
	q := "Clinician (type your name)"
	if offer != "" {
		q = "Clinician (type your name, or = for " + questionnaire.PrintableTyped(offer) + ")"
	}
	for {
		p.shownAt = time.Now()
		s, err := p.text(q, "")
		if err != nil {
			return "", err
		}
		s = strings.TrimSpace(s)
		if s == "=" && offer != "" && p.equalsUnread("the name offered", "Check that the name offered is yours; then type = to take it, or type your name.") {
			continue
		}
		taken := s == "=" && offer != ""
		if taken {
			s = offer
		}
		if s == "" {
			why := "Not accepted: " + assess.CheckClinician("").Error()
			if offer != "" {
				why += " (or = for " + questionnaire.PrintableTyped(offer) + ")"
			}
			p.refuse(why + ".")
			continue
		}
		if err := check(s); err != nil {
			p.refuse("Not accepted: " + err.Error() + ".")
			continue
		}
		if taken {
			// "=" says nothing of whom it took: say it.
			p.say("Clinician: " + questionnaire.PrintableTyped(s))
		}
		return s, nil
	}
}

// equalsUnread reports whether the = just read at a terminal, taking
// what the prompt offered (what names it), was begun before the prompt
// could be read: typed before it was shown, or within the reading hold
// of it, as "Cy Nurse" and = 0.3 s after it in one go put an amended
// record's team in unread. It is not taken: said so, with how to answer
// (how), and the keys typed with it dropped; the caller asks again. The
// full screen refuses a tab typed as soon after such a box. A name typed
// is taken at once, as the box holds none.
func (p *prompter) equalsUnread(what, how string) bool {
	if !p.tty || p.reading <= 0 || p.firstKey().Sub(p.shownAt) >= p.reading {
		return false
	}
	p.dropTypedAhead()
	p.say("Not taken: that = came less than " + seconds(p.reading) + " after " + what + " was shown, before it could be read; nothing typed with it was used. " + how)
	return true
}

// team asks the team of an amendment. A team given (typed before in this
// amendment) is kept by Enter; otherwise it is typed, and offer, the team
// of the record amended, is taken only by typing =: a ward clinician
// amending a community record kept the community team with one Enter, and
// an Enter taking no team would move the assessment out of its team's
// summary. check is assess.CheckTeam and whatever else the team must pass.
func (p *prompter) team(given, offer string, check func(string) error) (string, error) {
	if given != "" {
		// Typed before in this amendment: held, as a box gone back to.
		return p.teamField(given, teamHow, check)
	}
	offered := questionnaire.PrintableTyped(offer)
	for {
		p.shownAt = time.Now()
		s, err := p.text("Team (type your team, or = for "+offered+", the team of the assessment amended)", "")
		if err != nil {
			return "", err
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "=" && p.equalsUnread("the team offered", "Check that the team offered is yours; then type = to take it, or type your team."):
			continue
		case s == "=":
			s = offer
			p.say("Team: " + offered + ".")
		case s == "":
			p.refuse("Not accepted: type your team, or = for " + offered + ".")
			continue
		}
		if err := check(s); err != nil {
			p.refuse("Not accepted: " + err.Error() + ".")
			continue
		}
		return s, nil
	}
}

// followedTeam is the team of the assessment s follows up, or "" (not a
// follow-up, or that assessment named no team).
func followedTeam(s *assess.Session) string {
	if b := s.FollowsUp(); b != nil {
		return strings.TrimSpace(b.Team)
	}
	return ""
}

// followUpTeam asks the team of a follow-up given none (no --team, none
// typed before in it), holding held, the team of the assessment followed
// up, as the full screen's team box does: the clinician's team is most
// often the same. Enter keeps it, and = takes it as an amendment's offered
// team is taken; either, or anything else, typed before the prompt could
// be read is not taken (holdGiven), as the full screen refuses an Enter
// that soon. "Team:" came up empty here, and the Enter pressed to keep a
// value saved the follow-up with no team, out of its team's counts, while
// the same keys in the full screen kept the earlier team.
func (p *prompter) followUpTeam(held string, check func(string) error) (string, error) {
	defer p.holdGiven(followUpTeamHow)()
	shown := questionnaire.PrintableTyped(held)
	for {
		p.pushNews()
		p.shownAt = time.Now()
		s, err := p.line("Team (press Enter for " + shown + ", the team of the assessment followed up, or type your team):")
		if errors.Is(err, errUnread) {
			continue
		}
		if err != nil {
			return "", err
		}
		if s = strings.TrimSpace(s); s == "" || s == "=" {
			s = held
			p.say("Team: " + shown + ".")
		}
		if err := check(s); err != nil {
			p.refuse("Not accepted: " + err.Error() + ".")
			continue
		}
		return s, nil
	}
}

// ask is one prompt of an assessment. It returns errBack to go back to the
// question asked before it, and sets p.asked when it read a line (a
// question not shown reads none, and going back passes over it).
type ask func() error

// errFirst is returned by run when b was typed at its first question.
var errFirst = errors.New("back from the first question")

// backTo is returned by an ask to go back to the ask of that index in
// run's asks, past the questions asked since it: "Change the patient's
// details", chosen after the team, goes back to the patient's number.
type backTo int

func (backTo) Error() string { return "back to an earlier question" }

// errChangePatient is returned when the clinician chose to change the
// patient's details (keptDraft): the asks of the patient go back to the
// patient's number, not to the question before.
var errChangePatient = errors.New("change the patient's details")

// run asks asks in turn from start. b goes back to the last question that
// was asked; at the first, top says "This is the first question." and asks
// it again, and otherwise run returns errFirst.
func (p *prompter) run(asks []ask, start int, top bool) error {
	var asked []int
	for i := start; i < len(asks); {
		p.asked = false
		err := asks[i]()
		var to backTo
		switch {
		case errors.As(err, &to) && int(to) >= start && int(to) <= i:
			for len(asked) > 0 && asked[len(asked)-1] >= int(to) {
				asked = asked[:len(asked)-1]
			}
			i = int(to)
		case errors.Is(err, errBack):
			if len(asked) == 0 {
				if !top {
					return errFirst
				}
				if start > 0 {
					p.backNotTaken("This is the first question since resuming. The answers kept from the draft can be changed at the review, before saving.")
				} else {
					p.backNotTaken("This is the first question.")
				}
				continue
			}
			i, asked = asked[len(asked)-1], asked[:len(asked)-1]
		case err != nil:
			return err
		default:
			if p.asked {
				asked = append(asked, i)
			}
			i++
		}
	}
	return nil
}

// backNotTaken says why a b did not go back (why: nothing comes before the
// question), and, at a terminal, takes it as an answer not taken (refuse):
// the line typed straight after it was meant for the question it was to
// go back to, and taken here it answered this one (resumed at an
// unanswered question, b and, 0.5 s after it, the 3 meant for "3. Often"
// on the data question saved "Use an app on a phone or tablet"). A line
// begun within the hold after it is not used, and lines are ignored until
// an empty one, as after any line that is no answer. A script's next line
// answers the question asked again, as before.
func (p *prompter) backNotTaken(why string) {
	if !p.tty {
		p.say(why)
		return
	}
	p.refuse(why)
}

// draftsPerPage is how many drafts are listed at once: with the question
// and the other choices, a screenful at 24 lines. A store can keep any
// number of drafts, and every one listed before the first question would
// push it off the screen (100,000 drafts were 100,007 lines).
const draftsPerPage = 10

// keptDrafts says how many unfinished assessments are kept, in words read
// out as written ("1 unfinished assessment is kept as a draft").
func keptDrafts(n int) string {
	if n == 1 {
		return "1 unfinished assessment is kept as a draft"
	}
	return fmt.Sprintf("%d unfinished assessments are kept as drafts", n)
}

// offerDrafts reads out the kept drafts and lets the clinician resume one,
// discard them one by one, or start a new assessment (nil). Drafts come
// in the order they were last kept; they are listed the last kept first
// (the time each label shows), a page at a time, with a
// choice to list older ones, so every draft can be reached.
//
// Every choice made here opens something else (a draft, a page, a new
// assessment), whose questions were not on screen when the keys after it
// were typed: those keys are dropped (ignoreTypedAhead). Answers that do
// not come from a terminal choose from the list only when the caller asks
// for it (Options.DraftsFromInput).
func (p *prompter) offerDrafts() (*assess.Session, error) {
	drafts := p.o.Drafts
	if len(drafts) > 0 && !p.tty && !p.o.DraftsFromInput {
		p.say("")
		left := "left as they are"
		if len(drafts) == 1 {
			left = "left as it is"
		}
		p.say(keptDrafts(len(drafts)) + ", " + left + ": answers that do not come from a terminal never resume or discard a draft. To resume or discard one, run digicheck" + p.o.Given + " at a terminal, or give --drafts-from-input.")
		p.say("")
		return nil, nil
	}
	page := 0
	for len(drafts) > 0 {
		pages := (len(drafts) + draftsPerPage - 1) / draftsPerPage
		page = min(page, pages-1)
		var shown []int // indexes in drafts, newest first
		for i := len(drafts) - 1 - page*draftsPerPage; i >= 0 && len(shown) < draftsPerPage; i-- {
			shown = append(shown, i)
		}
		older := shown[len(shown)-1] // drafts older than the last shown
		p.say("")
		// What the run was started to do, if no draft is taken up:
		// first, where the 1 of every new assessment's first answer
		// (an NHS number) lands when it is typed out of habit.
		start := "start a new assessment"
		switch {
		case p.o.Amend != nil:
			start = "start the amendment asked for"
		case p.o.FollowUp != nil:
			start = "start the follow-up asked for"
		}
		labels := make([]string, 0, len(shown)+3)
		labels = append(labels, strings.ToUpper(start[:1])+start[1:])
		for _, i := range shown {
			l := drafts[i].Label
			if drafts[i].HeldElsewhere {
				l += openElsewhereLabel
			}
			if drafts[i].KeptFile != "" {
				l += keptFileLabel
			}
			if drafts[i].Second != "" {
				l += "; saving it would make another assessment of this patient"
			}
			labels = append(labels, l)
		}
		optOlder, optNewer := -1, -1
		if older > 0 {
			optOlder = len(labels)
			labels = append(labels, fmt.Sprintf("List older drafts (%d more)", older))
		}
		if page > 0 {
			optNewer = len(labels)
			labels = append(labels, "List newer drafts")
		}
		q := fmt.Sprintf("%s, last kept first. Choose one, or %s:", keptDrafts(len(drafts)), start)
		if len(drafts) > draftsPerPage {
			first := page*draftsPerPage + 1
			q = fmt.Sprintf("%s; here are numbers %d to %d of them, last kept first. Choose one, or %s:",
				keptDrafts(len(drafts)), first, first+len(shown)-1, start)
		}
		// Taken only from a key typed after the list was shown: keys
		// typed for a new assessment answer nothing here.
		p.fresh = true
		i, err := p.choose(q, labels)
		p.fresh = false
		p.ignoreTypedAhead("after that choice")
		if errors.Is(err, errBack) {
			// Nothing comes before the list (b once ended the run with
			// the error "back").
			p.backNotTaken("This is the first question.")
			continue
		}
		if err != nil {
			return nil, err
		}
		switch i {
		case optOlder:
			page++
			continue
		case optNewer:
			page--
			continue
		case 0:
			return nil, nil
		}
		di := shown[i-1]
		d := drafts[di]
		// Whose it is, before it can be resumed: resumed, it is saved as
		// the assessment of the clinician who started it.
		ask := d.Label + "."
		if d.Second != "" {
			ask += " " + d.Second + " Saving it would make another assessment of this patient."
		}
		ask += "\n" + p.whose(d) + "\n"
		if d.HeldElsewhere {
			ask += openElsewhereNote + "\n"
		}
		if n := keptFileNote(d); n != "" {
			ask += n + "\n"
		}
		// Resuming a draft is its own answer, never 1, and taken only
		// from a key typed after the question was shown: a new
		// assessment's answers typed on out of habit cannot give it,
		// and a 1 goes back to the list.
		p.fresh = true
		discard := "Discard it"
		if d.Discard == nil {
			// Nothing to discard it through (a store found damaged takes
			// no writes): said here, in its place, so the numbers stay.
			discard = "Discard it (not possible here: the store cannot be written to)"
		}
		what, err := p.choose(ask+"What would you like to do with this draft?", []string{"Back to the list", discard, "Resume it"})
		p.fresh = false
		p.ignoreTypedAhead("after that choice")
		if errors.Is(err, errBack) {
			continue // back to the list
		}
		if err != nil {
			return nil, err
		}
		switch what {
		case 2:
			s, err := p.resume(d)
			if err != nil {
				p.fail(err.Error())
				continue
			}
			return s, nil
		case 1:
			if d.Discard == nil {
				p.say("This draft cannot be discarded here: the store cannot be written to, so it stays as it is.")
				continue
			}
			// Taken only from a key typed after the question was shown:
			// nothing typed ahead discards a patient's answers.
			sure, err := p.confirm("this question", "Read it; then type 1 and press Enter to discard them, or 2 to keep them.",
				"Discard these answers? They cannot be got back.", []string{"Yes, discard them", "No, keep them"}, -1)
			p.ignoreTypedAhead("after that choice")
			if errors.Is(err, errBack) {
				continue // kept; back to the list
			}
			if err != nil {
				return nil, err
			}
			if sure == 0 {
				if err := d.Discard(); err != nil {
					p.fail("Not discarded: " + stopped(err.Error()))
					continue
				}
				p.say("Discarded.")
				drafts = append(drafts[:di:di], drafts[di+1:]...)
				p.o.Drafts = drafts
			}
		}
	}
	return nil, nil
}

// resume continues the draft d, taking it for this window first, and
// takes it off the drafts on offer. The error is a sentence to say.
func (p *prompter) resume(d Resume) (*assess.Session, error) {
	o := p.sessionOptions(nil, p.o.AmendReason, nil)
	if !d.Draft.Amends.IsZero() {
		o.Amend, o.Earlier = d.Base, d.Earlier
	} else {
		o.FollowUp = d.Base
	}
	s, err := assess.Resume(o, d.Draft)
	if err != nil {
		return nil, errors.New("Not resumed: " + err.Error() + ". Discard it, or resume another.")
	}
	if d.Claim != nil {
		// Taken for this window first: a draft open in another
		// window is that window's.
		if err := d.Claim(); err != nil {
			return nil, errors.New("Not resumed: " + strings.TrimSuffix(err.Error(), ".") + ".")
		}
		if r, ok := reopened(d); ok {
			o.FollowUp, d.Draft = r.Base, r.Draft // a follow-up's alone
			if s, err = assess.Resume(o, d.Draft); err != nil {
				return nil, errors.New("Not resumed: " + err.Error() + ". Discard it, or resume another.")
			}
		}
	}
	// Taking the draft said what of the store is damaged, and why (the
	// command's Claim checks the patient's entries as a new assessment's
	// number is checked), or the warning before the first question said
	// the store will not save: the first draft refused said it all
	// again, in a row.
	if d.Claim != nil && p.o.CheckPatient != nil {
		if err := p.o.CheckPatient(d.Draft.Patient); !p.foundDamaged(err) && err != nil {
			p.keepErr = err
		}
	}
	p.refusalSaid = p.o.Warning != ""
	p.second = d.Second
	p.resumedBy, p.resumedStop = recordedBy(d.Draft), d.Draft.Stopped
	p.resumedKept, p.resumedKeptID, p.resumedSame = d.KeptFile, d.Draft.ID, d.SameFile
	p.o.Drafts = slices.DeleteFunc(slices.Clone(p.o.Drafts), func(r Resume) bool { return r.Draft.ID == d.Draft.ID })
	return s, nil
}

// whose says who draft d is by and when it was started, as a sentence to
// read out before it can be resumed: "Started today at 08:49 by Dr Ada
// Lee, team Ward 9 (computer login nurse2). Resumed, it is saved as their
// assessment unless the clinician is changed at the review." On a shared
// ward workstation the next clinician resumed another's assessment and
// saved it as theirs, told only when it was last kept.
func (p *prompter) whose(d Resume) string {
	return p.startedBy(d) + ". Resumed, it is saved as their assessment unless the clinician is changed at the review."
}

// startedBy says when draft d was started and by whom: "Started today at
// 08:49 by Dr Ada Lee, team Ward 9 (computer login nurse2)".
func (p *prompter) startedBy(d Resume) string {
	by := recordedBy(d.Draft)
	if d.Login != "" && d.Login != d.Draft.Clinician {
		by += " (computer login " + d.Login + ")"
	}
	started := "Started"
	if t := d.Draft.Started; !t.IsZero() {
		started += " " + when(t, p.o.Now())
	}
	return started + " by " + by
}

// recordedBy is the clinician and the team a draft is recorded as done
// by: "Dr Ada Lee, team Ward 9", or "no clinician named".
func recordedBy(d assess.Draft) string {
	by := strings.TrimSpace(d.Clinician)
	if by == "" {
		by = "no clinician named"
	}
	if t := strings.TrimSpace(d.Team); t != "" {
		by += ", team " + t
	}
	return by
}

// when says a time in the local time, as a screen reader reads it well:
// "today at 08:49", or "on Friday 4 December 2026 at 08:49".
func when(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return "today at " + t.Format("15:04")
	}
	return "on " + t.Format("Monday 2 January 2006") + " at " + t.Format("15:04")
}

// reopened is d.Reopened's answer, or none.
func reopened(d Resume) (Resume, bool) {
	if d.Reopened == nil {
		return Resume{}, false
	}
	return d.Reopened()
}

// resumed is returned through an assessment's prompts when the clinician
// chose to resume the patient's draft instead (keptDraft): s is it.
type resumed struct{ s *assess.Session }

func (*resumed) Error() string { return "a draft of the patient was resumed" }

// keptDraft says, as a new assessment or a follow-up starts and before its
// first question, that the patient just entered has an unfinished
// assessment kept as a draft, and offers to resume it (or says how, when
// it is not on offer here). It returns a *resumed to resume it, errBack to
// change the patient's details, or nil to go on with the new assessment.
//
// At the review (review set: the patient changed there), the drafts are
// read in the store as it is now (Options.DraftsOf), and the draft is
// said alike, with the choice to go on with this assessment for this
// patient or change the patient's details; resuming it is not offered,
// for it would drop the answers given. Changed there to a patient with a
// draft, the plain prompts went straight back to the review, and the save
// made a second assessment of the patient beside the draft.
func (p *prompter) keptDraft(s *assess.Session, review bool) error {
	pt := s.Patient()
	if s.Kind() == assess.Amendment || !review && !s.Started().IsZero() || pt.Value == "" {
		return nil
	}
	if s.Kind() == assess.New {
		if errors.Is(p.lookDrafts(), store.ErrLocked) {
			// The store, held as the run began, is held still: said
			// with the earlier assessments (assessedBefore).
			p.draftsUnread = pt
			return nil
		}
		// Read now (a patient given again once the store was let go
		// was said to be unread still).
		p.draftsUnread = record.PatientID{}
	}
	drafts, elsewhere := p.o.Drafts, p.o.Elsewhere
	if review && p.o.DraftsOf != nil {
		// A new assessment's run offers every kind of draft: none is
		// kept elsewhere.
		if ds, err := p.o.DraftsOf(pt); err == nil {
			drafts, elsewhere = ds, nil
		}
	} else if p.o.DraftsOf != nil {
		// The patient given is looked up in the store as it is now too:
		// a draft another window kept after the list was read was never
		// said, and the save made a second assessment beside it.
		drafts, elsewhere = p.keptSince(pt, drafts, elsewhere)
	}
	// The last kept of the patient's drafts on offer (they come in the
	// order they were last kept), else one kept elsewhere.
	offer, more := -1, 0
	for i, r := range drafts {
		if r.Draft.Patient == pt && r.Draft.ID != s.ID() {
			if offer >= 0 {
				more++
			}
			offer = i
		}
	}
	other := slices.IndexFunc(elsewhere, func(e Elsewhere) bool { return e.Patient == pt && e.ID != s.ID() })
	if offer < 0 && other < 0 {
		return nil
	}
	// What goes on without the draft: the follow-up the clinician chose,
	// not "a new assessment".
	anyway := "Start a new assessment anyway (the draft stays kept)"
	if s.Kind() == assess.FollowUp {
		anyway = "Go on with the follow-up anyway (the draft stays kept)"
	}
	for {
		p.say("")
		var options []string
		// The label names the patient too: said once.
		which := func(label string) string {
			if rest, ok := strings.CutPrefix(label, fmt.Sprintf("Patient %s", pt)); ok {
				label = strings.TrimPrefix(rest, " ")
				label = strings.TrimPrefix(label, ", ")
			}
			if label == "" {
				return "."
			}
			return ": " + label + "."
		}
		if !p.tty && !p.o.DraftsFromInput {
			// Answers piped in never resume a draft (see offerDrafts),
			// and a script's next line is the first question's answer.
			label := ""
			if offer >= 0 {
				label = drafts[offer].Label
			} else {
				label = elsewhere[other].Label
			}
			p.say(fmt.Sprintf("Patient %s has an unfinished assessment kept as a draft%s", pt, which(label)))
			if offer >= 0 && drafts[offer].HeldElsewhere {
				p.say("It is open in another window, or was a moment ago.")
			}
			if review {
				p.say("It is left as it is, and this assessment goes on for this patient: answers that do not come from a terminal are not asked whether to.")
				return nil
			}
			p.say("It is left as it is, and this assessment goes on: answers that do not come from a terminal never resume a draft.")
			return nil
		}
		switch {
		case review:
			// The answers given are this assessment's: the draft is
			// finished after it, not in its place.
			label, whose := "", ""
			if offer >= 0 {
				d := drafts[offer]
				label, whose = d.Label, p.startedBy(d)+"."
				if d.HeldElsewhere {
					whose += " It is open in another window, or was a moment ago."
				}
				if more > 0 {
					whose += fmt.Sprintf(" %d more of this patient's drafts %s on the list of unfinished assessments.", more, map[bool]string{true: "is", false: "are"}[more == 1])
				}
				if n := keptFileNote(d); n != "" {
					whose += "\n" + n
				}
			} else {
				label = elsewhere[other].Label
			}
			p.say(fmt.Sprintf("Patient %s has an unfinished assessment kept as a draft%s", pt, which(label)))
			if whose != "" {
				p.say(whose)
			}
			p.say("Finish that draft rather than assess the patient twice: save or stop this assessment, then resume it from the list of unfinished assessments.")
			options = []string{"Go on with this assessment for this patient (the draft stays kept)", "Change the patient's details"}
		case offer >= 0:
			d := drafts[offer]
			p.say(fmt.Sprintf("Patient %s has an unfinished assessment kept as a draft%s", pt, which(d.Label)))
			p.say(p.whose(d))
			if more > 0 {
				p.say(fmt.Sprintf("%d more of this patient's drafts %s on the list of unfinished assessments.", more, map[bool]string{true: "is", false: "are"}[more == 1]))
			}
			if d.HeldElsewhere {
				// Perhaps a window closed a moment ago: resumed once
				// it has gone, refused (and asked again) until then.
				p.say(openElsewhereNote)
			}
			if n := keptFileNote(d); n != "" {
				p.say(n)
			}
			if !d.Draft.Amends.IsZero() {
				p.say(amendmentDraftNote + " Resume it to finish the correction, or discard it from the list of unfinished assessments if it is not wanted.")
			} else {
				p.say("Resume it to finish it, rather than assess the patient twice and leave the draft to be discarded.")
			}
			options = []string{"Resume the draft", anyway, "Change the patient's details"}
		default:
			e := elsewhere[other]
			p.say(fmt.Sprintf("Patient %s has an unfinished assessment kept as a draft%s", pt, which(e.Label)))
			if e.Amendment {
				p.say(amendmentDraftNote)
			}
			p.say(e.How)
			options = []string{anyway, "Change the patient's details"}
		}
		// Taken only from a key typed after the question was shown: the
		// answers typed on for the first question answer nothing here.
		p.fresh = true
		i, err := p.choose("What would you like to do?", options)
		p.fresh = false
		p.ignoreTypedAhead("after that choice")
		if err != nil {
			return err
		}
		if offer < 0 || review {
			i++ // no resume on offer
		}
		switch i {
		case 0:
			r, err := p.resume(drafts[offer])
			if err != nil {
				p.fail(err.Error())
				continue
			}
			return &resumed{r}
		case 1:
			return nil
		}
		return errChangePatient
	}
}

// keptSince adds to elsewhere each of patient pt's drafts the store keeps
// now (Options.DraftsOf) that is on neither list read as the run began: one
// another window kept since. It is said as one kept elsewhere, with who
// started it, and not offered to resume, for this run cannot take it for
// this window (DraftsOf's are never resumed). A store that cannot be read
// now leaves the lists as they are.
func (p *prompter) keptSince(pt record.PatientID, drafts []Resume, elsewhere []Elsewhere) ([]Resume, []Elsewhere) {
	ds, err := p.o.DraftsOf(pt)
	if err != nil {
		return drafts, elsewhere
	}
	listed := func(id record.ID) bool {
		return slices.ContainsFunc(drafts, func(r Resume) bool { return r.Draft.ID == id }) ||
			slices.ContainsFunc(elsewhere, func(e Elsewhere) bool { return e.ID == id })
	}
	for _, d := range ds {
		if d.Draft.Patient != pt || listed(d.Draft.ID) {
			continue
		}
		how := p.startedBy(d) + "."
		if d.HeldElsewhere {
			how += " It is open in another window, or was a moment ago."
		}
		how += " It was kept after this window listed the unfinished assessments, so it cannot be resumed here: to finish it rather than assess the patient twice, type q to stop, then start digicheck" + p.o.Given + " again and resume it from the list."
		if n := keptFileNote(d); n != "" {
			how += "\n" + n
		}
		elsewhere = append(slices.Clone(elsewhere), Elsewhere{ID: d.Draft.ID, Patient: pt, Label: d.Label, How: how})
	}
	return drafts, elsewhere
}

// assessedBefore says, before a new assessment's first question, that the
// patient has assessments that count (assess.Session.AssessedBefore), and
// asks whether to go on with a new one (a new baseline can be right) or
// change the patient's details; q stops, as anywhere. It returns
// errChangePatient for the details. Answers piped in are told, not asked:
// a script's next line is the first question's answer.
//
// A follow-up reads the store too, and is told nothing: what it held then
// is what a save's read is compared with (SavedMeanwhile), by record ids,
// not the clocks, which a machine's clock set back made hide an
// assessment saved meanwhile.
func (p *prompter) assessedBefore(s *assess.Session) error {
	if s.Kind() == assess.New && p.draftsUnread == s.Patient() && s.Patient().Value != "" && p.o.LookDrafts != nil && !p.draftsRead {
		// The store is held: neither the patient's drafts nor their
		// earlier assessments can be read now. Said, and both read
		// again at the save.
		s.NotLookedUp()
		p.earlierUnread = true
		p.say("")
		p.say(assess.HeldUnreadWithDrafts)
		return nil
	}
	p.earlierUnread = false
	if p.o.Assessed == nil || s.Kind() == assess.Amendment {
		return nil
	}
	as, err := p.o.Assessed(s.Patient())
	if errors.Is(err, store.ErrLocked) && s.Kind() == assess.New {
		// Held by another program: nothing can be said of a patient
		// assessed before, so it is said that nothing could be, and the
		// save's read names each one that counts (NotLookedUp). Nor
		// can a draft of theirs kept since the drafts were read: said
		// too, and looked for at the save (savedMeanwhile), as in a run
		// that could not read them at all. Only the earlier assessments
		// were said, and a draft kept in another window meanwhile was
		// never named.
		s.NotLookedUp()
		p.earlierUnread = true
		p.draftsUnread = s.Patient()
		p.say("")
		p.say(assess.HeldUnreadWithDrafts)
		return nil
	}
	if err != nil {
		return nil // damage there is said by checkPatient
	}
	w := s.AssessedBefore(as)
	if w == "" {
		return nil
	}
	p.say("")
	p.say(w)
	if !p.tty && !p.o.DraftsFromInput {
		p.say("This new assessment goes on: answers that do not come from a terminal are not asked whether to.")
		return nil
	}
	p.say("A new assessment is right for a new baseline. Type q to stop.")
	// Taken only from a line typed after the question was shown: the
	// answers typed on for the first question answer nothing here.
	p.fresh = true
	i, err := p.choose("What would you like to do?", []string{"Go on with a new assessment", "Change the patient's details"})
	p.fresh = false
	p.ignoreTypedAhead("after that choice")
	if err != nil {
		return err
	}
	if i == 1 {
		return errChangePatient
	}
	return nil
}

// savedMeanwhile reads the patient's assessments again before the save,
// for one made after this one began (assess.Session.SavedMeanwhile): two
// windows on one patient both saved, the second save not warned.
func (p *prompter) savedMeanwhile(s *assess.Session) {
	p.meanwhile = ""
	if p.o.Assessed != nil {
		if as, err := p.o.Assessed(s.Patient()); err == nil {
			p.meanwhile, p.earlierUnread = s.SavedMeanwhile(as), false
		}
	}
	pt := s.Patient()
	if s.Kind() != assess.New || pt.Value == "" || p.draftsUnread != pt {
		return
	}
	// The drafts a held store hid as the patient was given: one of the
	// patient's is said on the read-back, and asked of, as an
	// assessment saved meanwhile is. Read afresh: one kept in another
	// window since the drafts were last read is found too.
	drafts, elsewhere := p.o.Drafts, p.o.Elsewhere
	switch {
	case p.o.LookDrafts != nil && !p.draftsRead:
		if p.lookDrafts() != nil {
			return
		}
		drafts, elsewhere = p.o.Drafts, p.o.Elsewhere
	case p.o.DraftsOf != nil:
		ds, err := p.o.DraftsOf(pt)
		if err != nil {
			return
		}
		drafts, elsewhere = ds, nil
	case p.o.LookDrafts != nil:
		ds, es, err := p.o.LookDrafts()
		if err != nil {
			return
		}
		p.o.Drafts, p.o.Elsewhere = ds, es
		drafts, elsewhere = ds, es
	}
	for i := len(drafts) - 1; i >= 0; i-- { // the last kept
		if d := drafts[i].Draft; d.Patient == pt && d.ID != s.ID() {
			p.meanwhile = strings.TrimSpace(p.meanwhile + " " + assess.DraftFoundAtSave(d.Clinician, d.Started))
			return
		}
	}
	for _, e := range elsewhere {
		if e.Patient == pt && e.ID != s.ID() {
			p.meanwhile = strings.TrimSpace(p.meanwhile + " " + assess.DraftFoundAtSave("", time.Time{}))
			return
		}
	}
}

// lookDrafts reads the drafts in a run that could not read them as it
// began (Options.LookDrafts), until a read succeeds: from then on they
// are on offer as in any run. nil once read (or when there is nothing to
// read); the store's refusal (ErrLocked) while it is still held.
func (p *prompter) lookDrafts() error {
	if p.o.LookDrafts == nil || p.draftsRead {
		return nil
	}
	ds, es, err := p.o.LookDrafts()
	if err != nil {
		return err
	}
	p.draftsRead = true
	p.o.Drafts, p.o.Elsewhere = ds, es
	return nil
}

// readAgain reads the patient's assessments again as Save is chosen
// after a save refused with its answers kept in a file (keptFile), and
// reports whether to ask again, not save: the read made as the question
// was asked again came straight after the refusal, while the store was
// still held, and found nothing; chosen once another window had saved
// the same patient, Save made a second current assessment of them
// without a word. One saved meanwhile that the question did not say
// (shown) is said, and the question asked again with it (unless it asked
// already whether to save a second assessment, of a draft resumed: p.second,
// as the full screen does); a store still
// held saves nothing, as the patient's assessments cannot be read, and
// says so, the answers unchanged in the file.
func (p *prompter) readAgain(s *assess.Session, r record.Record, shown string) bool {
	if p.keptFile == "" || p.o.Assessed == nil || s.Kind() == assess.Amendment {
		return false
	}
	var as []assess.Assessed
	var err error
	p.waited(p.waitingSaid, func() { as, err = p.o.Assessed(s.Patient()) })
	if err != nil {
		if p.keptHeld && errors.Is(err, store.ErrLocked) && r.ID == p.keptRec.ID && r.Time.Equal(p.keptRec.Time) {
			p.fail("Still not saved: the store is still in use by another program, so this patient's earlier assessments, and any unfinished one kept as a draft, cannot be looked up, and nothing was saved. Choose Save to try again. The answers and note are still kept in:\n" + p.keptFile)
			return true
		}
		return false
	}
	p.earlierUnread = false
	if w := s.SavedMeanwhile(as); w != "" && p.second == "" && !strings.Contains(shown, w) {
		p.fail("Not saved yet. " + w + " Saving it makes another assessment of this patient: read the answers again, and choose.")
		return true
	}
	return false
}

// keptGone says, once r is saved, what became of the file a refused save
// of it kept its answers and note in: the save removes it, and the
// clinician, told to paste the note from it, must know whether the note
// pasted stands. session is the id the assessment had before the save,
// which a draft resumed shares: a draft resumed whose later answers were in
// a file (resumedKept) says the file is left, to check and delete.
func (p *prompter) keptGone(r record.Record, session record.ID) {
	file, kept := p.keptFile, p.keptRec
	p.keptFile, p.keptRec, p.keptHeld = "", record.Record{}, false
	resumed, same := p.resumedKept, p.resumedSame
	if p.resumedKeptID != session {
		resumed, same = "", ""
	}
	p.resumedKept, p.resumedKeptID, p.resumedSame = "", record.ID{}, ""
	if same != "" && (file == "" || kept.ID != r.ID) && resumed == "" {
		if said := SameFileSaved(same); said != "" {
			p.say(said)
		}
		return
	}
	if (file == "" || kept.ID != r.ID) && resumed != "" {
		p.say(resumedKeptGone(resumed, session))
		return
	}
	if file == "" || kept.ID != r.ID {
		return
	}
	said := "Saved in the store now: the file that kept these answers and note when the store did not save them is removed:\n" + file + "\n"
	_, err := os.Stat(file)
	if err == nil {
		said = "Saved in the store now, so the file that kept these answers and note when the store did not save them is not needed; it is still there, delete it:\n" + file + "\n"
	}
	if kept.Patient != r.Patient {
		// A note pasted from the file went into the record of the
		// patient it named: "replace it with this one" put this
		// patient's note there too.
		p.say(otherPatientKept(file, kept.Patient.String(), r.Patient.String(), err == nil))
		return
	}
	if kept.Time.Equal(r.Time) && assess.Note(kept) == assess.Note(r) {
		said += "A note already pasted from it stands: it is this record's note."
	} else {
		said += "Answers were changed after it was kept: a note already pasted from it is out of date. Replace it with this one."
	}
	p.say(said)
}

// otherPatientKept is what the save says of file, which kept the answers
// and note of patient other when the store refused them, once they are
// saved for patient now, as the full screen says it: a note pasted from
// it went into other's record, and is not theirs. The file, left (the
// assess command keeps it then), says where it went until that note is
// removed.
func otherPatientKept(file, other, now string, left bool) string {
	if left {
		return "Saved in the store now, for patient " + now + ". The file that kept the answers and note for patient " + other + " when the store did not save them is still there:\n" + file + "\n" +
			"The patient was changed after it was kept: a note pasted from it went into the record of patient " + other + " and is not that patient's: remove it from that record, then delete the file. Paste this note into the record of patient " + now + "."
	}
	return "Saved in the store now, for patient " + now + ". The file that kept the answers and note for patient " + other + " when the store did not save them is removed:\n" + file + "\n" +
		"The patient was changed after it was kept: a note pasted from it went into the record of patient " + other + " and is not that patient's: remove it from that record. Paste this note into the record of patient " + now + "."
}

// SameFileSaved is what the save of a draft resumed says of file, which a
// refused save kept the same answers in (Resume.SameFile): it tells the
// clinician to enter them again, which would now make a second
// assessment of the patient.
func SameFileSaved(file string) string {
	if _, err := os.Stat(file); err != nil {
		return ""
	}
	return "Saved in the store now. The file that kept these answers when the store could not be written is still there, and its answers are saved now, in this assessment: do not enter them again as it says to, but delete it:\n" + file + "\n" +
		"A note already pasted from it is of these answers as they were then: check it against this record's note, and replace it with this one if they differ."
}

// resumedKeptGone is what the save of assessment id, resumed from a draft whose
// later answers were in file, says of the file, as the full screen says
// it: the save leaves it (it holds answers the store never had, lost if
// removed and not given again), to check, then delete.
func resumedKeptGone(file string, id record.ID) string {
	said := "Saved in the store now: the file that kept this assessment's answers when the store did not keep them is gone:\n" + file + "\n"
	if _, err := os.Stat(file); err == nil {
		said = "Saved in the store now. The file that kept this assessment's answers when the store did not keep them is still there: check that every answer in it was given again, then delete it:\n" + file + "\n"
	}
	if filepath.Base(file) == "digicheck-not-saved-draft-"+id.String()+".txt" {
		return said + "It held no note: paste this record's note into the patient record."
	}
	return said + "A note already pasted from it is of the answers as they were then, not this record's note: replace it with this one, not add this one beside it."
}

// saveChecked saves r, reading the patient's assessments again first,
// in the one step a stop waits for (Options.Saving): one saved since the
// read-back (shown is what it said, "" if nothing) is said and asked
// before the save, in numbered lines, and read again after each answer to
// save, as the full screen reads at the Enter that saves. Read only as
// the read-back was printed, another window's save of the patient while
// it was on view went unsaid, and "1. Save" made a second current
// assessment of them. err is the question's (errBack to go back), saveErr
// Save's.
func (p *prompter) saveChecked(s *assess.Session, r *record.Record, shown string) (err, saveErr error) {
	for {
		now := ""
		step := func() error {
			p.savedMeanwhile(s)
			now = p.second
			if now == "" {
				now = p.meanwhile
			}
			if now != "" && now != shown {
				return nil // asked first, with nothing saved
			}
			now = ""
			return p.o.Save(r)
		}
		p.waited(p.waitingSaid, func() {
			if p.o.Saving != nil {
				saveErr = p.o.Saving(step)
			} else {
				saveErr = step()
			}
		})
		if now == "" {
			return nil, saveErr
		}
		// Taken only from a key typed after the question was shown: the
		// "1" that chose Save, typed twice, must not save past it.
		i, err := p.confirm("this question", "Read it; then type 1 and press Enter to save these answers as another assessment, or 2 to go back.",
			"Not saved yet: "+now+" Save these answers as another assessment of this patient?", []string{"Save as another assessment", "Go back"}, -1)
		if err != nil {
			return err, nil
		}
		if i == 1 {
			p.declined(s, now)
			return errBack, nil
		}
		shown = now
	}
}

// declined keeps as a draft the answers of s, kept in a file by a save
// refused while another program held the store, once the clinician goes
// back from saving them as another assessment of the patient (second
// says the one found): the read that found it had the store free, and
// the store kept no draft of them. Stopped then, the answers were only
// in the file, whose words said to enter them again as a new assessment
// of this patient: the second assessment just declined.
func (p *prompter) declined(s *assess.Session, second string) {
	if p.keptFile == "" || second == "" {
		return
	}
	p.keep(s)
}

// checkPatient says, as the number is given, that the store's entries
// for the patient are damaged: found at the first draft, after the first
// section, the clinician had gone on as if the patient's history were
// sound.
func (p *prompter) checkPatient(id record.PatientID) {
	if p.o.CheckPatient == nil {
		return
	}
	// A store another program holds is waited for (about 2 s) before it
	// is said busy: keys typed meanwhile, with the number, would answer
	// the clinician, the team and the first question, none yet shown.
	began := time.Now()
	err := p.o.CheckPatient(id)
	if time.Since(began) >= waitSaid {
		p.dropWaited()
	}
	if p.foundDamaged(err) {
		return
	}
	if err != nil {
		p.say("Warning: the store's entries for patient " + id.String() + " are damaged, so this patient's history and follow-ups cannot be trusted, and this assessment cannot be saved in the store: its answers will be kept in a file beside the store, with its note for the patient record. Why: " + stopped(err.Error()))
		p.keepErr = err // said: the first draft refused says only where the answers go
	}
}

// foundDamaged says, once, a store the patient's check found damaged
// (assess.StoreFoundDamaged: its entries for the patient read whole), as
// the warning at the start says a store damaged then, and reports whether
// err was that. Said already (at the start, or by a draft refused), it is
// not said again.
func (p *prompter) foundDamaged(err error) bool {
	var found assess.StoreFoundDamaged
	if !errors.As(err, &found) {
		return false
	}
	if p.o.Warning == "" && p.keepErr == nil {
		p.say("Warning: this assessment cannot be saved in the store, which was found damaged as the patient's assessments were read: its answers will be kept in a file beside the store, with its note for the patient record. Why: " + stopped(err.Error()))
		p.keepErr = err // said: the first draft refused says only where the answers go
	}
	return true
}

// keep keeps the assessment as a draft, if there is anything to keep.
func (p *prompter) keep(s *assess.Session) {
	if p.o.Keep == nil {
		return
	}
	d, ok := p.draft(s)
	if !ok {
		return
	}
	var err error
	if p.waited(false, func() { err = p.o.Keep(&d) }) {
		// Keys typed during the wait said would answer the question
		// after it, not yet shown.
		p.dropWaited()
	}
	if err != nil {
		// Where the answers go, and why, the first time; a refusal
		// for the same reason again says nothing, and where the answers
		// go is said again before the save (f.save). A damaged store
		// (or a patient whose entries in it are damaged, said as the
		// number is given), or one that cannot be written: said after
		// every answer, it was read out some thirty times in one
		// assessment.
		said := sameRefusal(p.keepErr, err) || p.keepErr == nil && p.refusalSaid
		p.keepErr, p.refusalSaid = err, false
		switch {
		case said:
		case errors.As(err, new(KeptFileNotWritten)):
			// Refused by the store, and the file named at the save could
			// not take it either: the answer is in neither, and a window
			// closed now loses it.
			var nw KeptFileNotWritten
			errors.As(err, &nw)
			p.say("(Not kept: this answer is not in the store, and not in the file named at the save either. Keep this window open and choose Save again. Why the store: " + nw.Store.Error() + ". Why the file: " + nw.File.Error() + ".)")
		case p.keptFile != "":
			// A save refused kept them in a file, named then: it
			// follows each answer given since (Options.Keep), and
			// "a file, named then" read as if another were to come.
			p.say("(Not kept as a draft in the store: the answers as last given are kept in the file named at the save, with no note until they are saved. Why: " + err.Error() + ".)")
		default:
			p.say("(Not kept as a draft in the store: unless the store saves this assessment at the end, its answers will be kept in a file, named then. Why: " + err.Error() + ".)")
		}
		return
	}
	p.keepErr, p.refusalSaid = nil, false
	s.Kept(d)
	p.res.Draft = &d
}

// KeptFileNotWritten is what Options.Keep returns when the store refused a
// draft and the file a refused save named could not take its answers
// either: they are in neither.
type KeptFileNotWritten struct{ Store, File error }

func (e KeptFileNotWritten) Error() string { return e.Store.Error() + "; " + e.File.Error() }

// Unwrap gives both: a store held, or damaged, is still found so.
func (e KeptFileNotWritten) Unwrap() []error { return []error{e.Store, e.File} }

// draft is s's draft, with the reasons why not held as not confirmed
// (whyHeld) laid over it, as the full screen lays the one in its box: the
// session lets them go with the first outcome set, and the patient's words
// were lost from the draft at the next stop.
func (p *prompter) draft(s *assess.Session) (assess.Draft, bool) {
	d, ok := s.Draft()
	if !ok || len(p.whyHeld) == 0 {
		return d, ok
	}
	reasons := map[string]string{}
	for id, why := range d.UnconfirmedReasons {
		reasons[id] = why
	}
	for id, why := range p.whyHeld {
		reasons[id] = why
	}
	d.UnconfirmedReasons = reasons
	return d, true
}

// sameRefusal reports whether a draft refused with err was refused before
// for the same reason, with was: said then, it need not be said again.
func sameRefusal(was, err error) bool {
	switch {
	case was == nil:
		return false
	case errors.Is(was, store.ErrDamaged) && errors.Is(err, store.ErrDamaged):
		return true
	case errors.Is(was, store.ErrReadOnly) && errors.Is(err, store.ErrReadOnly):
		return true
	}
	return was.Error() == err.Error()
}

// assessment runs one assessment from where the session is to a saved
// record.
func (p *prompter) assessment(s *assess.Session) (record.Record, error) {
	f := &flow{p: p, s: s, gate: map[int]bool{}}
	p.whyHeld = nil // another assessment's, if any (earlierReferrals)
	for k := range s.Instrument().Sections {
		f.gate[k] = s.Answered(k)
	}
	var asks []ask
	first := map[assess.At]int{}
	for at := s.First(); ; at = s.Next(at) {
		first[at] = len(asks)
		asks = append(asks, f.step(at)...)
		if at.Step == assess.StepResult {
			break
		}
	}
	var saved record.Record
	asks = append(asks, func() error { return f.save(&saved) })
	start := 0
	if s.Progressed() {
		at := s.ResumeAt()
		i, ok := first[at]
		if !ok {
			i = first[assess.At{Step: assess.StepReview}]
			if at.Step == assess.StepSection {
				// An amendment goes from the patient to the review;
				// its draft resumes in a section when something there
				// is to be asked (an answer not confirmed before the
				// stop, one that gave way): that section is asked
				// first, as the full screen opens it, so that what it
				// holds is read out at its question, then the review.
				asks = slices.Insert(asks, i, f.section(at.Section)...)
			}
		}
		if at.Step == assess.StepReview && len(p.whyHeld) > 0 {
			// Stopped with a reason why not typed and not confirmed,
			// in the earlier referrals changed from the review: the
			// full screen opens them again on it. Its referral is
			// asked first, the reason read out to be confirmed, then
			// the review, which said nothing of it.
			asks = slices.Insert(asks, i, f.whyHeldAsks()...)
		}
		start = i
		p.say("")
		p.say(fmt.Sprintf("Resuming the assessment of patient %s, with the answers kept.", s.Patient()))
		if p.resumedBy != "" {
			// As the full screen says it on resuming: the next
			// clinician at a shared workstation saved another's
			// assessment as theirs unawares.
			p.say("It is recorded as done by " + p.resumedBy + "; if that is not you, change the clinician at the review, before saving.")
		}
	}
	p.resumedBy, p.resumedStop = "", nil
	if err := p.run(asks, start, true); err != nil {
		return record.Record{}, err
	}
	p.res.Draft, p.keepErr, p.refusalSaid = nil, nil, false
	return saved, nil
}

// flow is the prompts of one assessment.
type flow struct {
	p *prompter
	s *assess.Session
	// gate says, for an optional section, whether its questions are asked.
	gate map[int]bool
	// outcomes are the answers about earlier referrals as they are given.
	outcomes []record.ReferralOutcome
	// reasked are the questions asked again straight after an answer they
	// gave way to (giveWay): where the run comes to them next, they are
	// not asked a second time.
	reasked map[string]bool
	// given are the optional questions answered, by linkId, empty or not
	// (answeredEmpty): an answer given empty is an answer, held as one
	// holding a value is when its question comes up again. Known once
	// the first question is asked (givenKnown), from what the session
	// holds then, and kept as questions are answered.
	given      map[string]bool
	givenKnown bool
	// whyGiven are the earlier referrals, by programme id, whose "Why
	// not?" was answered, with a reason or none (earlierReferrals).
	whyGiven map[string]bool
}

// answeredEmpty reports whether it, holding no answer, was answered empty
// (skipped), not never asked: gone back to with b, changed from the
// review, in an amendment (every question shown was answered), or in a
// resumed draft, whose completed sections were answered, and whose
// section stopped in was answered up to its last answer.
func (f *flow) answeredEmpty(it *questionnaire.Item) bool {
	if !f.givenKnown {
		f.givenKnown = true
		if f.given == nil {
			f.given = map[string]bool{}
		}
		s, a := f.s, f.s.Answers()
		ins := s.Instrument()
		for k := 0; k <= s.Reached() && k < len(ins.Sections); k++ {
			sec := &ins.Sections[k]
			if sec.Optional && !s.Answered(k) {
				continue // skipped whole, or never opened: none asked
			}
			upTo := len(sec.Items)
			if k == s.Reached() {
				// Stopped in this section: the questions were asked
				// in turn, so those before an answer were answered.
				upTo = -1
				for j := range sec.Items {
					if len(a[sec.Items[j].LinkID]) > 0 {
						upTo = j
					}
				}
			}
			for j := 0; j < upTo; j++ {
				if q := &sec.Items[j]; !q.Required && len(a[q.LinkID]) == 0 && assess.Asked(q, a) {
					f.given[q.LinkID] = true
				}
			}
		}
	}
	return !it.Required && len(f.s.Answers()[it.LinkID]) == 0 && f.given[it.LinkID]
}

// step is the prompts of one step.
func (f *flow) step(at assess.At) []ask {
	switch at.Step {
	case assess.StepPatient:
		return f.patient()
	case assess.StepOutcomes:
		return f.earlierReferrals()
	case assess.StepSection:
		return f.section(at.Section)
	case assess.StepReview:
		return []ask{f.review}
	}
	return []ask{f.consent}
}

// patient asks who is assessed and by whom: only who, when the patient is
// that of the record amended or followed up.
func (f *flow) patient() []ask {
	return f.atEach(assess.At{Step: assess.StepPatient}, f.patientAsks(false))
}

// patientChanged is patient, asked from the review to change them.
func (f *flow) patientChanged() []ask {
	return f.atEach(assess.At{Step: assess.StepPatient}, f.patientAsks(true))
}

// atEach is asks, each noting first that the run is at at (stopAt).
func (f *flow) atEach(at assess.At, asks []ask) []ask {
	out := make([]ask, len(asks))
	for i, a := range asks {
		out[i] = func() error {
			f.stopAt(at, "")
			return a()
		}
	}
	return out
}

// stopAt notes where the run is, at at (and whyNot the earlier referral
// whose "Why not?" is asked), for the draft to say on the list of drafts
// (assess.Draft.Stopped); the draft is kept again when that changed, so
// that a run stopped here (q, the input ended, the window closed) is
// listed where it stopped: an amendment stopped in a section was listed
// "with every section answered", and a follow-up stopped at "Why not?"
// at the first section. Only a draft already kept is kept again: where a
// run stops before its first answer there is nothing to keep.
func (f *flow) stopAt(at assess.At, whyNot string) {
	if f.s.SetStop(at, whyNot) && f.s.Progressed() && f.p.res.Draft != nil {
		f.p.keep(f.s)
	}
}

func (f *flow) patientAsks(review bool) []ask {
	p, s := f.p, f.s
	kind, number := s.Patient().Kind, s.Patient().Value
	// numberKind is the kind the number was given as: the identifier
	// switched (NHS number <-> local number), the number of the other
	// kind is not offered, for Enter would keep an NHS number as a
	// local hospital number.
	numberKind := kind
	clinician, team := s.Clinician(), s.Team()
	// teamGiven is set once the team was given in this assessment: the
	// team box then holds it, gone back to or changed from the review,
	// and is held (holdGiven); until then it holds only the site's team
	// (--team), which a new assessment keeps with one Enter, at once.
	teamGiven := s.Progressed()
	var asks []ask
	// A patient fixed by the record amended or followed up has no number
	// to go back to: the question before is asked.
	changePatient := func(err error) error {
		if errors.Is(err, errChangePatient) {
			return errBack
		}
		return err
	}
	if s.PatientFixed() {
		what := map[assess.Kind]string{assess.Amendment: "Amending", assess.FollowUp: "Following up"}[s.Kind()]
		base := s.Base()
		asks = append(asks, func() error {
			p.say("")
			made := fmt.Sprintf("made on %s by %s", base.Time.Local().Format("2 Jan 2006"), base.Clinician)
			if o := p.o.Origin; o != nil && !base.Amends.IsZero() {
				if first := o(base.ID); first != nil && first.ID != base.ID {
					made = fmt.Sprintf("made on %s by %s, amended on %s by %s", first.Time.Local().Format("2 Jan 2006"), first.Clinician, base.Time.Local().Format("2 Jan 2006"), base.Clinician)
				}
			}
			p.say(fmt.Sprintf("%s the assessment of patient %s %s.", what, s.Patient(), made))
			return nil
		})
	} else {
		numberAsk := len(asks) + 1 // the ask of the patient's number, after the kind
		changePatient = func(err error) error {
			if errors.Is(err, errChangePatient) {
				return backTo(numberAsk)
			}
			return err
		}
		asks = append(asks,
			func() error {
				kinds := []string{record.NHSNumber, record.LocalID}
				prior := -1
				if number != "" {
					// Given before (going back, or changing it from
					// the review): held, as the number is.
					prior = slices.Index(kinds, numberKind)
					defer p.holdGiven(patientHow)()
				}
				i, err := p.chooseKeep("Patient identifier:", []string{"NHS number", "Local hospital number"}, prior)
				kind = kinds[max(i, 0)]
				return err
			},
			func() error {
				label := map[string]string{record.NHSNumber: "NHS number (10 digits)", record.LocalID: "Local hospital number"}[kind]
				offered := number
				if kind != numberKind {
					// The kind switched: the number given was the
					// other kind's, and is none of this one.
					offered = ""
				}
				if offered != "" {
					// Given before (going back, or changing it from the
					// review): Enter keeps it, once it has been read.
					defer p.holdGiven(patientHow)()
				}
				for {
					p.shownAt = time.Now()
					typed, err := p.text(label, offered)
					if errors.Is(err, errUnread) {
						continue
					}
					if err != nil {
						return err
					}
					id, err := assess.CheckPatient(kind, typed)
					if err == nil {
						number, numberKind = id.Value, kind
						// 9 or 11 digits: most often an NHS number
						// with a digit dropped or doubled.
						if note := id.NotAnNHSNumber(); note != "" {
							p.say(note)
						}
						p.checkPatient(id)
						return nil
					}
					p.refuse("Not accepted: " + err.Error() + ".")
				}
			})
	}
	return append(asks,
		func() error {
			// Set only when given: b typed here emptied it, and coming
			// forward again asked the name as if none had been given.
			name, err := p.clinician(orDefault(clinician, p.o.Clinician), func(name string) error {
				if err := assess.CheckClinician(name); err != nil {
					return err
				}
				// Never the patient's own number, typed one line too late.
				id := s.Patient()
				if !s.PatientFixed() {
					id = record.PatientID{Kind: kind, Value: number}
				}
				return assess.CheckNotPatient(name, id)
			})
			if err == nil {
				clinician = name
			}
			return err
		},
		func() (err error) {
			// Never the patient's own number, as the clinician.
			id := s.Patient()
			if !s.PatientFixed() {
				id = record.PatientID{Kind: kind, Value: number}
			}
			check := func(t string) error {
				if err := assess.CheckTeam(t); err != nil {
					return err
				}
				return assess.CheckTeamOf(t, id)
			}
			// Set only when given, as the clinician is: b typed here
			// emptied it, and a team typed gave way to the site's.
			var given string
			if offer := s.TeamOffered(); offer != "" {
				// An amendment: typed, its record's team offered by =.
				given, err = p.team(team, offer, check)
			} else if held := followedTeam(s); orDefault(team, p.o.Team) == "" && held != "" {
				// A follow-up given no team: the earlier record's held,
				// as the full screen's box holds it.
				given, err = p.followUpTeam(held, check)
			} else {
				hold := ""
				if teamGiven {
					hold = teamHow
				}
				given, err = p.teamField(orDefault(team, p.o.Team), hold, check)
			}
			if err == nil {
				team, teamGiven = given, true
			}
			return err
		},
		func() error {
			id := s.Patient()
			if !s.PatientFixed() {
				id = record.PatientID{Kind: kind, Value: number}
			}
			was, wasClinician, wasTeam := s.Patient(), s.Clinician(), s.Team()
			if err := s.SetPatient(id, clinician, team); err != nil {
				p.refuse("Not accepted: " + err.Error() + ".")
				return errBack
			}
			// notTaken is err, once the details a change at the review
			// replaced are put back: answered otherwise than by going
			// on (the details changed, b, q), the review reads back
			// the patient as before, not one whose draft or earlier
			// assessments were said and never gone on with; the
			// details are asked again as typed.
			notTaken := func(err error) error {
				if review {
					_ = s.SetPatient(was, wasClinician, wasTeam) // as set before: accepted then
				}
				return changePatient(err)
			}
			// Changed at the review to another patient: told of their
			// draft as at the start (the same patient, its details
			// changed, was told then).
			if !review || id != was {
				if err := p.keptDraft(s, review); err != nil {
					return notTaken(err)
				}
			}
			if err := p.assessedBefore(s); err != nil {
				return notTaken(err)
			}
			if p.o.Warning != "" && p.keepErr == nil {
				// The store will not save (the warning said so): that
				// its drafts are refused too is said now, as the
				// patient is given, once, rather than after the first
				// answer and every one after it.
				p.keep(s)
			}
			return nil
		})
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// earlierReferrals asks what became of each referral agreed last time.
func (f *flow) earlierReferrals() []ask {
	p, s := f.p, f.s
	refs := s.OutcomeReferrals()
	f.outcomes = s.Outcomes()
	if f.whyGiven == nil {
		// Not taken up, with no reason: "Why not?" was answered with
		// none (an amendment's record, a draft resumed past it),
		// unless the draft stopped at that "Why not?", never answered.
		f.whyGiven = map[string]bool{}
		st := p.resumedStop
		for _, r := range refs {
			code, why, _ := s.Outcome(r.ProgrammeID)
			if code == record.OutcomeNotTakenUp && why == "" && (st == nil || st.Step != "outcomes" || st.WhyNot != r.Name) {
				f.whyGiven[r.ProgrammeID] = true
			}
		}
	}
	for _, r := range refs {
		// A reason typed and not confirmed before the stop, where its
		// referral was not taken up, is offered at its "Why not?", as
		// the full screen shows it in the box; the session lets it go
		// with the first outcome set, so it is held here until then.
		why, ok := s.UnconfirmedReason(r.ProgrammeID)
		if code, _, _ := s.Outcome(r.ProgrammeID); ok && code == record.OutcomeNotTakenUp {
			if p.whyHeld == nil {
				p.whyHeld = map[string]string{}
			}
			p.whyHeld[r.ProgrammeID] = why
		}
	}
	set := func(id, code, why string) {
		if code != record.OutcomeNotTakenUp {
			// Went, or not known: the reason it was not taken up,
			// held as not confirmed, no longer applies, as on the
			// full screen, where the form confirmed so keeps none.
			// Nor does "Why not?": asked again, it is answered anew.
			delete(p.whyHeld, id)
			delete(f.whyGiven, id)
		}
		f.outcomes = slices.DeleteFunc(f.outcomes, func(o record.ReferralOutcome) bool { return o.ProgrammeID == id })
		if code != "" {
			f.outcomes = append(f.outcomes, record.ReferralOutcome{ProgrammeID: id, Outcome: code, Reason: why})
		}
		if err := s.SetOutcomes(f.outcomes); err != nil {
			p.refuse("Not accepted: " + err.Error() + ".")
			return
		}
		p.keep(s)
	}
	when := s.Earlier().Time.Local().Format("2 Jan 2006")
	codes := []string{record.OutcomeAttended, record.OutcomeHelped, record.OutcomeNotTakenUp, ""}
	// notKnown are the referrals answered "not known", which keep no
	// outcome, so that going back reads that answer out too.
	notKnown := map[string]bool{}
	var asks []ask
	for i, r := range refs {
		asks = append(asks, func() error {
			f.stopAt(assess.At{Step: assess.StepOutcomes}, "")
			if i == 0 {
				p.say("")
				p.say(fmt.Sprintf("What became of the referrals agreed on %s.", when))
			}
			p.say("")
			code, why, given := s.Outcome(r.ProgrammeID)
			prior := -1
			switch {
			case given:
				prior = slices.Index(codes, code)
			case notKnown[r.ProgrammeID]:
				prior = len(codes) - 1
			}
			// The answer records what the patient did, as a consent
			// records what they agreed to: held as a consent is, so
			// that a line typed with the team ("1", the first device
			// of a new assessment) never answers it unasked.
			c, err := p.confirmShown("this question", "Ask it of the patient; then type the number of the answer and press Enter.",
				fmt.Sprintf("Referral %d of %d: did you go to %s? %s", i+1, len(refs), r.Name, r.Contact),
				[]string{"Yes, I went", "Yes, and it helped", "No, I did not take it up", "Not known, or not asked"}, prior)
			if err != nil {
				return err
			}
			if codes[c] != record.OutcomeNotTakenUp {
				why = ""
			}
			notKnown[r.ProgrammeID] = codes[c] == ""
			set(r.ProgrammeID, codes[c], why)
			return nil
		}, func() error {
			code, why, _ := s.Outcome(r.ProgrammeID)
			if code != record.OutcomeNotTakenUp {
				return nil
			}
			f.stopAt(assess.At{Step: assess.StepOutcomes}, r.Name)
			// Asked only because of the answer before it: keys typed
			// with that answer were meant for the next referral.
			p.ignoreTypedAhead(beforeShown)
			// A reason typed before the stop and not confirmed (a
			// resumed draft): the patient's words, read out as the full
			// screen shows them in the box, confirmed by Enter; no
			// reason until then.
			unconfirmed, held := p.whyHeld[r.ProgrammeID]
			// Answered with no reason: an answer too, held as one
			// holding a reason is ("bus" typed 0.3 s after it came up
			// again was kept as the patient's words).
			none := why == "" && !held && f.whyGiven[r.ProgrammeID]
			if why != "" || held || none {
				// Held as a question holding an answer is: a line
				// typed on for the referral would keep or replace the
				// patient's words unread.
				p.holdAnswered()
				defer func() { p.fresh, p.held = false, nil }()
			}
			for {
				// A reason given before (going back, a resumed draft,
				// an amendment) is read out, and Enter keeps it.
				q := "Why not, in the patient's words? (optional; press Enter to skip)"
				def := why
				switch {
				case held:
					p.say(`Not confirmed before the stop: "` + unconfirmed + `". Check it with the patient, then press Enter to confirm it, type the reason, or type - to record none.`)
					q, def = "Why not, in the patient's words? (optional; press Enter to confirm the reason not confirmed before the stop)", ""
				case why != "":
					q = "Why not, in the patient's words? (optional)"
				case none:
					p.say("Answered before: no reason given.")
					q = "Why not, in the patient's words? (optional; press Enter to keep no reason)"
				}
				p.shownAt = time.Now()
				typed, err := p.text(q, def)
				if errors.Is(err, errUnread) {
					continue
				}
				if err != nil {
					return err
				}
				switch {
				case held && typed == "":
					typed = unconfirmed
				case held && typed == "-":
					typed = ""
				}
				if err := s.CheckTypedOutcomeReason(typed); err != nil {
					p.refuse("Not accepted: " + err.Error() + ".")
					continue
				}
				delete(p.whyHeld, r.ProgrammeID)
				set(r.ProgrammeID, code, typed)
				f.whyGiven[r.ProgrammeID] = true
				return nil
			}
		})
	}
	return asks
}

// whyHeldAsks asks the earlier referrals whose reason why not is held as
// not confirmed (whyHeld), each with its "Why not?", and no other, first
// saying why they are asked.
func (f *flow) whyHeldAsks() []ask {
	all := f.earlierReferrals()
	var asks []ask
	for i, r := range f.s.OutcomeReferrals() {
		if _, ok := f.p.whyHeld[r.ProgrammeID]; ok {
			asks = append(asks, all[2*i], all[2*i+1])
		}
	}
	if len(asks) > 0 {
		first := asks[0]
		asks[0] = func() error {
			f.p.say("")
			f.p.say("Before the review: a reason why an earlier referral was not taken up was typed, and not confirmed before the stop.")
			return first()
		}
	}
	return asks
}

// section asks a section's questions, each in turn (the optional ones only
// once the clinician chose to ask them), and completes it.
func (f *flow) section(k int) []ask {
	return f.atEach(assess.At{Step: assess.StepSection, Section: k}, f.sectionAsks(k))
}

func (f *flow) sectionAsks(k int) []ask {
	p, s := f.p, f.s
	ins := s.Instrument()
	sec := &ins.Sections[k]
	header := fmt.Sprintf("Section %d of %d: %s. %s", k+1, len(ins.Sections), sec.Title, sec.Intro)
	var asks []ask
	if sec.Optional {
		asks = append(asks, func() error {
			s.Reach(k)
			p.say("")
			p.say(header)
			prior := -1
			if s.Answered(k) {
				prior = 0
			}
			choose := p.chooseKeep
			if prior >= 0 {
				// Answered before: a line typed on would skip (or ask)
				// the optional questions unread, as on any question
				// holding an answer (holdAnswered).
				choose = func(q string, opts []string, prior int) (int, error) {
					return p.confirmShown(answeredWhat, answeredHow, q, opts, prior)
				}
			}
			i, err := choose(assess.GateQuestion, []string{assess.GateAsk, assess.GateSkip}, prior)
			f.gate[k] = i == 0
			return err
		})
	}
	// shown reports whether item j is asked now.
	shown := func(j int) bool {
		return (!sec.Optional || f.gate[k]) && assess.Asked(&sec.Items[j], s.Answers())
	}
	for j := range sec.Items {
		it := &sec.Items[j]
		asks = append(asks, func() error {
			if !shown(j) {
				return nil
			}
			if f.reasked[it.LinkID] {
				delete(f.reasked, it.LinkID)
				return nil
			}
			if j == firstShown(sec, shown) && !sec.Optional {
				s.Reach(k)
				p.say("")
				p.say(header)
			}
			if it.EnableWhen != nil {
				// Asked only because of an earlier answer: keys typed
				// with it were meant for the question that was to come.
				p.ignoreTypedAhead(beforeShown)
			}
			for {
				vals, err := f.item(it)
				for err == nil {
					var keep bool
					if keep, err = f.givesWay(it, vals); keep || err != nil {
						break
					}
					vals, err = f.item(it)
				}
				if err != nil {
					return err
				}
				gone := s.GivesWay(it, vals)
				if err := s.SetConfirmed(k, questionnaire.Answers{it.LinkID: vals}); err != nil {
					p.refuse("Not accepted: " + err.Error() + ".")
					return errBack
				}
				f.given[it.LinkID] = true // empty or not: answered
				if len(gone) == 0 {
					break
				}
				// Kept now: a stop at the question asked again leaves a
				// draft with the answer just confirmed and without the
				// one that gave way to it (never the two together).
				p.keep(s)
				err = f.askAgain(gone)
				if errors.Is(err, errBack) {
					// Back to the answer they gave way to, not the
					// question before it.
					continue
				}
				if err != nil {
					return err
				}
				break
			}
			for later := j + 1; later < len(sec.Items); later++ {
				if shown(later) {
					p.keep(s) // the section is kept when it is complete
					break
				}
			}
			return nil
		})
	}
	return append(asks, func() error {
		given := s.Answers()
		if sec.Optional && !f.gate[k] {
			given = nil
		}
		if err := s.SetSection(k, given); err != nil {
			p.refuse("Not accepted: " + err.Error() + ".")
			return errBack
		}
		for j := range sec.Items {
			if sec.Optional && !f.gate[k] || !assess.Asked(&sec.Items[j], s.Answers()) {
				// Not asked now: asked again, it was never answered.
				delete(f.given, sec.Items[j].LinkID)
			}
		}
		p.keep(s)
		return nil
	})
}

func firstShown(sec *questionnaire.Section, shown func(int) bool) int {
	for j := range sec.Items {
		if shown(j) {
			return j
		}
	}
	return -1
}

// item asks one question until an answer is given that the session takes,
// and returns it. An answer given before (going back, a resumed draft, an
// amendment) is read out, and Enter keeps it.
func (f *flow) item(it *questionnaire.Item) ([]string, error) {
	p, s := f.p, f.s
	prior := s.Answers()[it.LinkID]
	optional := !it.Required
	// An answer a resumed draft held as not confirmed (ticked on the full
	// screen, and the stop came before enter): read out, as the full
	// screen shows it, and Enter confirms it. Still no answer until then.
	unconfirmed, held := s.Unconfirmed()[it.LinkID]
	if held {
		// An Enter typed before this was shown would confirm it unheard.
		p.fresh = true
		defer func() { p.fresh = false }()
	}
	// Skipped before (gone back to, an amendment, a resumed draft): an
	// answer given empty is an answer, held as one holding a value is.
	// "LS1" typed 0.3 s after a skipped postcode came up again was saved
	// as the patient's, never asked of them.
	skipped := f.answeredEmpty(it) && !held
	if len(prior) > 0 || held || skipped {
		p.holdAnswered()
		defer func() { p.fresh, p.held = false, nil }()
	}
	texts := optionTexts(it)
	show := func() {
		p.say("")
		p.say(it.Text)
		if it.Hint != "" {
			p.say("Hint for the clinician: " + it.Hint)
		}
		if len(prior) > 0 {
			p.say("Answered before: " + it.AnswerText(prior) + ".")
		}
		if skipped {
			p.say("Answered before: skipped, no answer given.")
		}
		if held {
			said := "nothing"
			if len(unconfirmed) > 0 {
				said = it.AnswerText(unconfirmed)
			}
			p.say("Not confirmed before the stop: " + said + ". Check it with the patient, then press Enter to confirm it, or type the answer.")
		}
		if it.Type != questionnaire.Text {
			for i, t := range texts {
				p.say(fmt.Sprintf("  %d. %s", i+1, t))
			}
		}
		p.shownAt = time.Now()
	}
	show()
	var ask string
	switch {
	case it.Type == questionnaire.Text && it.MaxLen > 0:
		ask = fmt.Sprintf("Type the answer (at most %d characters)", it.MaxLen)
	case it.Type == questionnaire.Text:
		ask = "Type the answer"
	case it.Type == questionnaire.Choice:
		ask = fmt.Sprintf("Type a number from 1 to %d", len(texts))
	default:
		ask = fmt.Sprintf("Type one or more numbers from 1 to %d, separated by spaces", len(texts))
	}
	switch {
	case held:
		ask += ", or press Enter to confirm the answer not confirmed before the stop"
	case len(prior) > 0 && optional:
		ask += ", press Enter to keep the answer given, or type - to leave it unanswered"
	case len(prior) > 0:
		ask += ", or press Enter to keep the answer given"
	case skipped:
		ask += ", or press Enter to leave it unanswered"
	case optional:
		ask += ", or press Enter to skip"
	}
	for {
		typed, err := p.line(ask + ":")
		if errors.Is(err, errUnread) {
			show()
			continue
		}
		if err != nil {
			return nil, err
		}
		var vals []string
		switch {
		case typed == "" && held:
			vals = unconfirmed
		case typed == "" && len(prior) > 0:
			vals = prior
		case typed == "-" && len(prior) > 0 && optional:
			vals = nil
		case typed == "":
		case it.Type == questionnaire.Text:
			if n := utf8.RuneCountInString(typed); it.MaxLen > 0 && n > it.MaxLen {
				// Said with the count, so the clinician knows how much
				// to take off; nothing is kept cut short.
				p.refuse(fmt.Sprintf("Not accepted: at most %d characters, and this has %d: shorten it.", it.MaxLen, n))
				continue
			}
			vals = assess.TextAnswer(it, typed)
		default:
			picked, bad := numbers(typed, len(texts))
			// One answer is one number: "1 1" (eleven, its digits said
			// apart) was taken as 1, the same number twice counted once.
			if bad != "" || (it.Type == questionnaire.Choice && (len(picked) != 1 || len(numberFields(typed)) != 1)) {
				// A question of one answer quotes the whole line, as
				// every refusal does: "1 0" said as "0" let a nurse
				// listening think the 1 was taken.
				if bad == "" || it.Type == questionnaire.Choice {
					bad = typed
				}
				p.refuse(fmt.Sprintf("Not an answer: %q. %s.", bad, ask))
				continue
			}
			for _, i := range picked {
				vals = append(vals, it.Options[i].Code)
			}
		}
		if err := s.Check(it, vals); err != nil {
			p.refuse("Not accepted: " + err.Error() + ".")
			continue
		}
		return vals, nil
	}
}

// givesWay says, when an answer to it would make an earlier answer give
// way (vals "must not be texted" where their choice was text messages),
// which answer and why, and asks whether to keep vals and ask that one
// again now, or to answer it again. keep is true when nothing gives way.
// Keeping is the first option: the restriction never gives way to the
// choice, and dropping it takes a different answer typed on purpose.
func (f *flow) givesWay(it *questionnaire.Item, vals []string) (keep bool, err error) {
	gone := f.s.GivesWay(it, vals)
	if len(gone) == 0 {
		return true, nil
	}
	p, a := f.p, f.s.Answers()
	p.say(fmt.Sprintf("%s: %s.", it.Label, it.AnswerText(vals)))
	var names []string
	for _, y := range gone {
		was, _ := f.s.Instrument().Item(y.LinkID)
		p.say(fmt.Sprintf("%s was given before as: %s.", was.Label, was.AnswerText(a[y.LinkID])))
		p.say(y.Reason + ".")
		names = append(names, lowerFirst(was.Label))
	}
	// Not kept until the clinician says so, and not lost meanwhile: a
	// stop here (q, the window closed) leaves a draft holding it as not
	// confirmed, read out on resume, without the answers it refuses.
	f.s.Hold(it, vals)
	p.keep(f.s)
	i, err := p.chooseShown("Keep this answer?", []string{
		"Keep it, and ask " + strings.Join(names, " and ") + " again now",
		"Answer this question again",
	}, -1)
	return i == 0, err
}

// askAgain asks, straight away, each question whose answer gave way to the
// one just confirmed, and keeps its new answer; the run then goes on from
// where it was, not asking them a second time.
func (f *flow) askAgain(gone []questionnaire.Yield) error {
	ins := f.s.Instrument()
	for _, y := range gone {
		for k := range ins.Sections {
			for j := range ins.Sections[k].Items {
				it := &ins.Sections[k].Items[j]
				if it.LinkID != y.LinkID {
					continue
				}
				vals, err := f.item(it)
				if err != nil {
					return err
				}
				if err := f.s.SetConfirmed(k, questionnaire.Answers{it.LinkID: vals}); err != nil {
					f.p.refuse("Not accepted: " + err.Error() + ".")
					return errBack
				}
				if f.reasked == nil {
					f.reasked = map[string]bool{}
				}
				f.reasked[it.LinkID] = true
			}
		}
	}
	return nil
}

// lowerFirst is s with its first letter in lower case, to go inside a
// sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// numberFields is what was typed, cut at its spaces and commas.
func numberFields(typed string) []string {
	return strings.FieldsFunc(typed, func(r rune) bool { return r == ' ' || r == ',' })
}

// numbers reads numbers from 1 to n separated by spaces or commas, as
// indexes, each once; bad is the first that is not one.
func numbers(typed string, n int) (picked []int, bad string) {
	for _, f := range numberFields(typed) {
		i, err := strconv.Atoi(f)
		if err != nil || i < 1 || i > n {
			return nil, f
		}
		if !slices.Contains(picked, i-1) {
			picked = append(picked, i-1)
		}
	}
	return picked, ""
}

// review reads out every answer and asks whether they are right; a section,
// the patient details or the earlier referrals can be changed from here,
// each returning to the review.
func (f *flow) review() error {
	p, s := f.p, f.s
	ins := s.Instrument()
	for {
		f.stopAt(assess.At{Step: assess.StepReview}, "")
		p.say("")
		p.say("Review the answers:")
		p.say(reviewText(s))
		opts := []string{"Yes, show the result", "Change the clinician or the team"}
		if !s.PatientFixed() {
			opts[1] = "Change the patient, the clinician or the team"
		}
		outcomes := -1
		if s.AsksOutcomes() {
			outcomes = len(opts)
			opts = append(opts, "Change what became of the earlier referrals")
		}
		firstSection := len(opts)
		for _, sec := range ins.Sections {
			opts = append(opts, "Change "+sec.Title)
		}
		i, err := p.confirmShown("the review", "Check every answer above with the patient; then, if they are right, type 1 and press Enter, or type the number of what to change.",
			"Are these answers right?", opts, -1)
		if err != nil {
			return err
		}
		var change []ask
		switch {
		case i == 0:
			if err := s.Assess(); err != nil {
				// Each answer was checked as it was given; say what is
				// wrong rather than save a bad record.
				p.say("These answers cannot be used: " + err.Error())
				continue
			}
			p.say("")
			p.say(strings.TrimRight(resultText(s.Result(), s.Shown(), s.Answers()), "\n"))
			if c, ok := s.Change(); ok {
				p.say(fmt.Sprintf("Since the assessment of %s:", c.SinceTime.Local().Format("2 Jan 2006")))
				for _, l := range c.Lines() {
					p.say("  " + l)
				}
				if stopped := s.Stopped(); len(stopped) > 0 {
					// A need given up is said, not left to be noticed
					// missing from the adjustments.
					p.say(fmt.Sprintf("  These adjustments of the assessment of %s stop with this follow-up:", c.SinceTime.Local().Format("2 Jan 2006")))
					for _, a := range stopped {
						p.say("  - " + record.StoppedText(a))
					}
					p.say("  If the patient still needs any of them, type b to go back and change the answers.")
				}
			}
			if stopped := s.AmendStopped(); len(stopped) > 0 {
				// The patient holds the handout of the version amended,
				// which promised them.
				p.say("These adjustments of the version amended stop with this amendment:")
				for _, a := range stopped {
					p.say("  - " + record.StoppedText(a))
				}
				p.say("If the patient still needs any of them, type b to go back and change the answers.")
			}
			if kept := s.KeptReferrals(); len(kept) > 0 {
				p.say("Referrals of the version amended that these answers no longer offer (the amendment keeps them, with the answer given):")
				for _, f := range kept {
					p.say(fmt.Sprintf("  - %s: %s.", f.Name, record.ConsentText(f.Consent)))
				}
			}
			return nil
		case i == 1:
			change = f.patientChanged()
		case i == outcomes:
			change = f.earlierReferrals()
		default:
			change = f.section(i - firstSection)
		}
		if err := p.run(change, 0, false); err != nil && !errors.Is(err, errFirst) {
			return err
		}
	}
}

// consent asks the patient's answer to each referral shown: the first few,
// and the rest if the clinician goes through them too. An answer given
// before (the record amended, a resumed draft, going back) is read out, and
// Enter keeps it.
func (f *flow) consent() error {
	p, s := f.p, f.s
	codes := []string{questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed}
	f.stopAt(assess.At{Step: assess.StepResult}, "")
	for i := 0; ; {
		refs := s.Referrals()
		if i >= s.Shown() {
			if s.AllShown() || len(refs) <= s.Shown() {
				return nil
			}
			var names []string
			answered := 0
			for _, r := range refs[s.Shown():] {
				name := r.Name + ", for " + barrierWords(r.Barriers)
				switch {
				case r.Consent != "":
					answered++
				case s.EarlierAnswer(r.ProgrammeID) != "":
					// Answered in the version amended for another
					// reason: not gone through again, that answer
					// stands, and is said here once.
					name += " (" + record.ConsentText(s.EarlierAnswer(r.ProgrammeID)) + " before)"
					answered++
				}
				names = append(names, name)
			}
			// An amendment (or a resumed draft) brings the answers given
			// before; leaving the rest unopened keeps those, and only the
			// ones never answered are not offered.
			no := "No: they are not offered this time"
			switch {
			case answered == len(names):
				no = "No: keep the answers given before"
			case answered > 0:
				no = "No: keep the answer given before; the others are not offered this time"
				if answered > 1 {
					no = fmt.Sprintf("No: keep the %d answers given before; the others are not offered this time", answered)
				}
			}
			more := fmt.Sprintf("%d more referrals fit", len(names))
			if len(names) == 1 {
				more = "1 more referral fits"
			}
			c, err := p.confirmShown("this question", "Read it to the patient; then type 1 and press Enter to go through them, or 2 not to.",
				fmt.Sprintf("%s the patient: %s. Go through %s too?", more, strings.Join(names, "; "), map[bool]string{true: "it", false: "them"}[len(names) == 1]),
				[]string{"Yes, go through " + map[bool]string{true: "it", false: "them"}[len(names) == 1], no}, -1)
			if errors.Is(err, errBack) {
				i--
				continue
			}
			if err != nil {
				return err
			}
			if c == 1 {
				return nil
			}
			s.ShowAll(true)
			continue
		}
		r := refs[i]
		// Where a carer answered, it is the carer who is asked, as the
		// full-screen result says.
		whom := answerer(s)
		c, err := p.confirmShown("this referral", "Read it to "+whom+"; then type the number of the answer and press Enter.",
			fmt.Sprintf("Referral %d of %d: %s. %s Does %s agree to this referral?", i+1, len(refs), r.Name, r.PatientLine, whom),
			[]string{"Agrees", "Declines", "Not discussed with " + whom}, slices.Index(codes, r.Consent))
		if errors.Is(err, errBack) {
			if i == 0 {
				return errBack
			}
			i--
			continue
		}
		if err != nil {
			return err
		}
		if err := s.SetConsent(i, codes[c]); err != nil {
			return err
		}
		p.keep(s)
		i++
	}
}

// save asks to save, and saves: the same record on every try, so a retry
// after an unclear failure cannot save it twice.
func (f *flow) save(saved *record.Record) error {
	p, s := f.p, f.s
	// Said once where it matters: the drafts refused since the first
	// said nothing.
	switch {
	case errors.Is(p.keepErr, store.ErrDamaged):
		p.say("The store is damaged, so this assessment cannot be saved in the store: saved, its answers and its note for the patient record will be kept in a file, named then.")
	case p.keepErr != nil:
		p.say("The store has not kept this assessment's answers as a draft: unless it saves the assessment now, its answers and its note for the patient record will be kept in a file, named then.")
	}
	inFile := false // the last save refused kept every answer in a file
	tried := false  // a save was tried and refused: Save now tries again
	for {
		// The record the save stores, read back from itself: a consent
		// number mistyped (a 2 for a 1) is heard before it is kept.
		r, err := s.Record()
		if err != nil {
			p.fail("Not saved: " + stopped(err.Error()))
			return errBack
		}
		p.savedMeanwhile(s)
		how := "Read it; then type 1 and press Enter to save, or 2 to go back."
		if len(r.Recommendation.Referrals) > 0 {
			how = "Read back to " + answerer(s) + " the answer recorded for each referral; then type 1 and press Enter to save, or 2 to go back to change an answer."
		}
		back := readBack(s, r)
		second := p.second
		if second == "" {
			second = p.meanwhile
		}
		ask, options := "Save this assessment?", []string{"Save", "Go back"}
		if second != "" {
			// On the read-back, before the save, and asked by its one
			// question, as the full screen says and asks it: the same
			// keys save the same in both. The count is in the words
			// before it ("has 2 assessments that count"), not "second".
			back += "\n" + second
			ask, options = "Save these answers as another assessment of this patient?", []string{"Save as another assessment", "Go back"}
		}
		i, err := p.confirmShown("this question", how, back+"\n"+ask, options, -1)
		if errors.Is(err, ErrEndOfInput) && inFile {
			// Finished, and kept in the file named: not an assessment
			// the input cut short.
			return keptInFile{}
		}
		if err != nil {
			return err
		}
		if i == 1 {
			p.declined(s, second)
			return errBack
		}
		if s.Unchanged() {
			i, err := p.confirm("this question", "Read it; then type 1 and press Enter to save it anyway, or 2 to go back.",
				"Nothing has changed from the version amended: save it anyway as a new version?", []string{"Save anyway", "Go back"}, -1)
			if err != nil {
				return err
			}
			if i == 1 {
				return errBack
			}
		}
		// Said at once: on a store another program holds, the reads
		// and the save wait for it some seconds, and in silence a
		// screen-reader user could not tell a wait from a hang.
		held := p.keptHeld || errors.Is(p.keepErr, store.ErrLocked)
		saying := "Saving…"
		if tried || p.keptFile != "" {
			// After a refusal, Go back and Save again too: the read
			// before the save may stop it ("Still not saved"), and
			// "Saving…" said a save began that never did.
			saying = "Trying again…"
		}
		if held {
			saying += " (waiting for the store, a few seconds)"
		}
		p.say(saying)
		p.waitingSaid = held
		if p.readAgain(s, r, second) {
			continue
		}
		inFile = false
		err, saveErr := p.saveChecked(s, &r, second)
		p.waitingSaid = false
		if err != nil {
			return err
		}
		if err := saveErr; err != nil {
			tried = true
			// The store may have kept these answers under a new id (their
			// draft was taken over in another window): save under it.
			s.MoveTo(r.ID)
			if k := (interface{ KeptIn() string })(nil); errors.As(err, &k) && k.KeptIn() != "" {
				// Every answer, as now, is in the file the error names:
				// nothing is left to hand back unless one changes.
				p.keepErr, inFile = nil, true
				p.keptFile, p.keptRec, p.keptHeld = k.KeptIn(), r, errors.Is(err, store.ErrLocked)
				if mixed := errors.Is(err, store.ErrMixedData); mixed || errors.Is(err, store.ErrDamaged) {
					// A damaged store takes nothing until check finds it
					// sound, and a store of synthetic test data never
					// takes a real assessment: "Save to try again" was
					// refused alike, for ever. Finished with the file
					// instead.
					why := "The store is damaged, and takes no assessment until " + assess.Command(p.o.Given, "check") + " finds it sound, so saving again cannot work."
					if mixed {
						why = "The store holds synthetic test data only, and never takes a real assessment, so saving again cannot work."
					}
					p.fail("Not saved in the store: " + stopped(err.Error()))
					i, err := p.confirmShown("this question", "Read it; then type 1 and press Enter to finish with the answers kept in the file, or 2 to go back.",
						why+" The answers and the note are kept in the file named above.",
						[]string{"Finish, with the answers kept in the file", "Go back"}, -1)
					if err != nil {
						return err
					}
					if i == 1 {
						return errBack
					}
					return ErrKeptInFile
				}
			}
			if errors.Is(err, store.ErrSuperseded) {
				// The version it rests on moved on: trying again cannot help.
				p.fail("Not saved: " + err.Error())
				continue
			}
			if p.keptHeld && inFile && (p.earlierUnread || second != "") {
				// The patient's earlier assessments not looked up, or
				// found, these answers to be another assessment: the
				// file says a note pasted from it stands only once they
				// are saved, and to remove it otherwise. Told to paste
				// it here, a screen-reader user pasted a note the file
				// then said to remove.
				p.fail("Not saved: another program held the store too long. The answers and note are kept in:\n" + p.keptFile + "\nDo not paste the note until these answers are saved. Choose Save to try again.")
				continue
			}
			p.fail("Not saved: " + err.Error() + ". The answers are kept; choose Save to try again.")
			continue
		}
		begun := s.ID() // a draft resumed shares it; Saved takes the record's
		s.Saved(r)
		*saved = r
		p.say("Saved.")
		p.keptGone(r, begun)
		p.startPush(r)
		return nil
	}
}

// chooseShown is chooseKeep for a question whose answer records what the
// patient agreed to, or confirms the answers (the review, the referrals,
// the save), or begins what comes after the save (What next?): keys typed before it was shown are dropped, and said so, and
// only a line typed after it is shown answers it. A burst of 1s typed at
// the review agreed to every referral, none of them heard by the patient.
func (p *prompter) chooseShown(question string, options []string, prior int) (int, error) {
	p.ignoreTypedAhead(beforeShown)
	p.fresh = true
	defer func() { p.fresh = false }()
	return p.chooseKeep(question, options, prior)
}

// confirm is chooseKeep for a question whose answer saves or ends
// something (the review, a referral's consent, the save, a discard): at a
// terminal, it takes only a line typed after it was shown, and only once
// it has been on view for the reading hold. A clinician who knows the
// questions types each answer half a second to a second after the last,
// and a line as soon after this question was meant for the one before,
// or typed without reading this one: it is refused, saying so and how
// to answer (what names the question, how says what to type), and the
// question is asked again, the hold beginning again. A screen reader
// takes longer than the hold to read out the question.
func (p *prompter) confirm(what, how, question string, options []string, prior int) (int, error) {
	p.fresh, p.held = true, &heldQuestion{what: what, how: how}
	defer func() { p.fresh, p.held = false, nil }()
	return p.chooseKeep(question, options, prior)
}

// holdAnswered holds a question that is asked holding an answer the
// patient gave (every question of an amendment, a section changed from
// the review, a resumed draft, a follow-up's reason why not) as confirm
// holds one that saves: at a terminal, the keys typed before it was
// shown are dropped, and said so, and a line is taken only once it has
// been shown for the reading hold. A line sooner is not used, said so,
// and the question asked again. On an amendment, "3" on the review, the
// first question read, then one burst "Enter Enter 1 Enter": the second
// Enter kept the next question's answers before they were printed, and
// the 1 replaced the answer after it ("Sometimes" short of data became
// "No, never"), saying nothing. The caller sets shownAt as the question is
// shown, asks it again on errUnread, and ends the hold (fresh and held)
// when it is answered.
func (p *prompter) holdAnswered() {
	p.ignoreTypedAhead(beforeShown)
	p.fresh, p.held = true, &heldQuestion{what: answeredWhat, how: answeredHow}
}

// answeredWhat and answeredHow name a question holding an answer in the
// refusal of a line that came before it could be read (holdAnswered).
const (
	answeredWhat = "this question"
	answeredHow  = "Check the answer given with the patient; then press Enter to keep it, or type the answer."
)

// holdGiven holds a question of the patient's details that comes up
// holding what was given (changed from the review, gone back to with b,
// an amendment's clinician named by amend --clinician) as holdAnswered
// holds an answer the patient gave: how says how to answer it once read.
// The caller sets shownAt as it is shown and asks it again on errUnread;
// the func returned ends the hold. From the review, "1" typed 0.3 s after
// "Patient identifier:" and "9434765919" 0.3 s after the number's prompt
// saved a local number's assessment under an NHS number, and "Ward9" and
// "Zed" replaced the team and the clinician the same way. A new
// assessment's boxes, empty, are not held.
func (p *prompter) holdGiven(how string) (end func()) {
	p.ignoreTypedAhead(beforeShown)
	p.fresh, p.held = true, &heldQuestion{what: answeredWhat, how: how}
	return func() { p.fresh, p.held = false, nil }
}

// How to answer the patient's details once read, said as a line that came
// sooner is refused (holdGiven).
const (
	patientHow   = "Check the patient's details; then press Enter to keep them, or type the answer."
	clinicianHow = "Check that the name is yours; then press Enter to keep it, or type your name."
	teamHow      = "Check that the team is yours; then press Enter to keep it, or type your team."
	// followUpTeamHow is teamHow for the team of the assessment followed up.
	followUpTeamHow = "Check that the team of the assessment followed up is yours; then press Enter to keep it, or type your team."
)

// confirmShown is confirm for a question shown after others were
// answered: the keys typed before it are dropped, and said so, first
// (chooseShown).
func (p *prompter) confirmShown(what, how, question string, options []string, prior int) (int, error) {
	p.ignoreTypedAhead(beforeShown)
	return p.confirm(what, how, question, options, prior)
}

// chooseKeep is choose with an answer given before (prior, or -1 for
// none), which is read out and which Enter keeps.
func (p *prompter) chooseKeep(question string, options []string, prior int) (int, error) {
	p.pushNews()
	ask := fmt.Sprintf("Type a number from 1 to %d", len(options))
	if prior >= 0 {
		ask += ", or press Enter to keep the answer given"
	}
	show := func() {
		p.say(question)
		if prior >= 0 {
			// Before the options, as a question's earlier answer is read.
			p.say("Answered before: " + options[prior] + ".")
		}
		for i, o := range options {
			p.say(fmt.Sprintf("  %d. %s", i+1, o))
		}
		p.shownAt = time.Now()
	}
	show()
	for {
		typed, err := p.line(ask + ":")
		if errors.Is(err, errUnread) {
			show()
			continue
		}
		if err != nil {
			return 0, err
		}
		if typed == "" && prior >= 0 {
			return prior, nil
		}
		n, err := strconv.Atoi(typed)
		if err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		p.refuse(fmt.Sprintf("Not an answer: %q. %s.", typed, ask))
	}
}

func optionTexts(it *questionnaire.Item) []string {
	out := make([]string, len(it.Options))
	for i, o := range it.Options {
		out[i] = o.Text
	}
	return out
}

// reviewText is every answer, section by section, and what became of the
// earlier referrals.
func reviewText(s *assess.Session) string {
	var b strings.Builder
	a := s.Answers()
	// Whose record this is and who made it, first, as the full screen's
	// review shows them: the number was heard only as it was typed, and
	// the clinician kept from the last assessment never.
	b.WriteString(patientWho(s) + "\n")
	if s.AsksOutcomes() {
		b.WriteString("The referrals agreed last time:\n")
		for _, r := range s.OutcomeReferrals() {
			code, why, _ := s.Outcome(r.ProgrammeID)
			t := "not known"
			if code != "" {
				t = record.OutcomeText(code)
			}
			if why != "" {
				t += ": " + why
			}
			fmt.Fprintf(&b, "  %s: %s.\n", r.Name, t)
		}
	}
	for _, sec := range s.Instrument().Sections {
		fmt.Fprintf(&b, "%s:\n", sec.Title)
		given := false
		for i := range sec.Items {
			it := &sec.Items[i]
			if vals, ok := a[it.LinkID]; ok {
				fmt.Fprintf(&b, "  %s %s.\n", it.Text, it.AnswerText(vals))
				given = true
			}
		}
		if !given {
			b.WriteString("  Not asked.\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// patientWho is the patient, the clinician and the team of the
// assessment, on two lines, in the full screen's review's words: "Patient:
// NHS number 943 476 5919." and "By: Dr Sam Lee, team Ward 9.".
func patientWho(s *assess.Session) string {
	kind := "NHS number"
	if s.Patient().Kind == record.LocalID {
		kind = "Local number"
	}
	by := s.Clinician()
	if s.Team() != "" {
		by += ", team " + s.Team()
	}
	return fmt.Sprintf("Patient: %s %s.\nBy: %s.", kind, s.Patient(), by)
}

// readBack is what the save question reads out before it asks: the
// patient and who assessed them (patientWho), then each referral of the
// record r to be saved with the answer it is saved with, one line each, in
// the full screen's words ("Referrals, as they will be saved:", "Digital
// Champions (Digital Unite): agreed."), and the referrals never shown,
// which are not offered. It reads r itself, not the answers as typed, so
// what is heard is what is kept: a referral left unanswered among those
// shown is said as not discussed, as it is saved.
func readBack(s *assess.Session, r record.Record) string {
	var b strings.Builder
	b.WriteString(patientWho(s))
	notShown, helped := record.NotOfferedAgain(r, r.Recommendation.Unshown)
	refs, unshown := r.Recommendation.Referrals, len(notShown)
	if len(refs) > 0 || len(r.Recommendation.Unshown) > 0 {
		b.WriteString("\nReferrals, as they will be saved:")
	}
	for _, f := range refs {
		fmt.Fprintf(&b, "\n  %s: %s.", f.Name, record.ConsentText(f.Consent))
	}
	// Each was named when the prompts asked to go through them: not
	// shown is not what happened.
	switch {
	case unshown == 1:
		b.WriteString("\n  1 more referral was not gone through with the patient, and is not offered.")
	case unshown > 1:
		fmt.Fprintf(&b, "\n  %d more referrals were not gone through with the patient, and are not offered.", unshown)
	}
	for _, f := range helped {
		// What became of it was recorded at the start of this
		// follow-up: it is not a referral left unasked.
		fmt.Fprintf(&b, "\n  %s: not offered again, as it helped.", f.Name)
	}
	if kept := r.Recommendation.Kept; len(kept) > 0 {
		// An amendment keeps what the patient said before to a referral
		// these answers no longer give (assess.Session.KeptReferrals).
		b.WriteString("\nKept from the version amended, which these answers no longer offer:")
		for _, f := range kept {
			fmt.Fprintf(&b, "\n  %s: %s.", f.Name, record.ConsentText(f.Consent))
		}
	}
	return b.String()
}

// answerer is who gave the answers: the carer, where a carer answered for
// the patient, and otherwise the patient (the full screen's words).
func answerer(s *assess.Session) string {
	if s.Answers().One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer {
		return "the carer"
	}
	return "the patient"
}

// resultText is the result as plain sentences, in the order a clinician
// reads it out, worked out from the answers a: whose the choice of route
// was (questionnaire.ChoiceWhose), and whose answers these were when a
// carer gave them, so that it is checked with the carer.
func resultText(r questionnaire.Result, shown int, a questionnaire.Answers) string {
	var b strings.Builder
	rec := r.Recommendation
	whose := questionnaire.ChoiceWhose(a)
	if a.One(questionnaire.LinkRespondent) == questionnaire.RespondentCarer {
		b.WriteString("Result, from the answers the carer gave for the patient (check it with the carer):\n")
	} else {
		b.WriteString("Result:\n")
	}
	for _, d := range questionnaire.Domains {
		fmt.Fprintf(&b, "  %s: %s.\n", d.Title(), r.Bands.Get(d))
	}
	fmt.Fprintf(&b, "Contact by: %s. Why: %s.\n", rec.PrimaryTitle(a), rec.PrimaryReason)
	title, reason := rec.FallbackTextFor(a)
	fmt.Fprintf(&b, "Fallback: %s. Why: %s.\n", title, reason)
	switch st, why := record.ChoiceWords(rec); {
	case rec.Choice == "":
		fmt.Fprintf(&b, "%s: no preference.\n", whose)
	case rec.ChoiceHonoured:
		fmt.Fprintf(&b, "%s: %s, honoured.\n", whose, rec.Choice.Title())
	default:
		// The note's words (record.ChoiceWords).
		fmt.Fprintf(&b, "%s: %s (%s). Why: %s.\n", whose, rec.Choice.Title(), st, why)
	}
	if v := rec.Video; v != nil {
		verdict := "suits the patient"
		if !v.Possible {
			verdict = "does not suit the patient"
		}
		fmt.Fprintf(&b, "Video consultation: %s. Why: %s.\n", verdict, v.Reason)
	}
	for _, a := range rec.Adjustments {
		fmt.Fprintf(&b, "Adjustment: %s. Why: %s.\n", a.Text, a.Reason)
	}
	// The first few referrals, as the full screen shows them: a short
	// list is one a patient can take in. Each is named with the barriers
	// it meets; its reason in full is in the note.
	refs := rec.Referrals
	shown = min(shown, len(refs))
	switch {
	case len(refs) == 0:
		b.WriteString("No referrals needed.\n")
	case shown < len(refs):
		fmt.Fprintf(&b, "Referrals: %d fit the patient; the first %d, most useful first:\n", len(refs), shown)
	default:
		fmt.Fprintf(&b, "Referrals, most useful first:\n")
	}
	for i, f := range refs[:shown] {
		fmt.Fprintf(&b, "  %d. %s: for %s.\n", i+1, f.Name, barrierWords(f.Barriers))
	}
	switch n := len(refs) - shown; {
	case n == 1:
		b.WriteString("  The other one is offered once these are answered.\n")
	case n > 1:
		fmt.Fprintf(&b, "  The other %d are offered once these are answered.\n", n)
	}
	for _, q := range rec.AskAbout {
		fmt.Fprintf(&b, "Not asked, and could open more referrals: %s It could open: %s.\n", q.Question, strings.Join(q.Programmes, "; "))
	}
	return b.String()
}

// barrierWords is the barriers a referral meets, as "access and skills".
func barrierWords(ds []questionnaire.Domain) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = strings.ToLower(d.Title())
	}
	switch len(names) {
	case 0:
		return "the barriers found"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// startPush sends the saved record to the FHIR server in the background.
func (p *prompter) startPush(r record.Record) {
	if p.o.Push == nil {
		return
	}
	p.say("Sending it to the trust's FHIR server in the background.")
	p.pushing++
	go func() {
		sent, why := p.o.Push(r)
		line := "Sent to the trust's FHIR server: record " + r.ID.String() + "."
		if rest, ok := strings.CutPrefix(why, "conflict: "); !sent && ok {
			rest, voided := strings.CutPrefix(rest, EnteredInError)
			rest, changed := strings.CutPrefix(rest, ChangedElsewhere)
			line = "Not sent: record " + r.ID.String() + ": " + rest + "."
			if voided || changed {
				line += "\n" + NoteHeldBack(r, voided, p.o.Given)
			}
		} else if _, lost := strings.CutPrefix(why, AnswerLost); !sent && lost {
			// "Not sent yet (will retry)" of a record the server may
			// hold: said as the command line says it.
			line = "Answer lost: record " + r.ID.String() + " may have reached the FHIR server (the connection dropped before its answer); the next save or push checks, and sends it only if the server does not hold it. Nothing is lost: it is kept here."
		} else if !sent {
			line = "Not sent yet (will retry): record " + r.ID.String()
			if why != "" {
				line += ", " + why
			}
			line += ". Nothing is lost: it is kept here and sent with the next save or push."
		}
		p.pushed <- line
		pushQueued()
	}()
}

// AnswerLost begins a push's why when its write reached the server and
// the connection dropped before the answer: the server may hold it.
const AnswerLost = "answer lost: "

// EnteredInError follows "conflict: " in a push's why when the server
// holds the saved version's assessment entered in error.
const EnteredInError = "entered in error: "

// ChangedElsewhere follows "conflict: " in a push's why when the server
// holds a newer version of the saved version's assessment, made on
// another machine.
const ChangedElsewhere = "changed elsewhere: "

// NoteHeldBack takes back the note read out after the save of r (or
// printed after the full-screen UI ended, before the push), when its
// push found the server holding its assessment entered in error (voided
// on another machine, voided true), or a newer version of it made on
// another machine: pasted, the note would tell the patient record what
// the shared record contradicts, and a caveat pasted with it would stay
// there after the conflict was settled either way. It says what the
// saved screen says in the note's place (ui.HeldNote), its commands
// carrying given, the run's --db and --config (Options.Given).
func NoteHeldBack(r record.Record, voided bool, given string) string {
	what := "version"
	if !r.Amends.IsZero() {
		what = "amendment"
	}
	holds := "a newer version of this assessment, made on another machine"
	if voided {
		holds = "this assessment entered in error"
	}
	return fmt.Sprintf("NOTE HELD BACK: do not paste this %s's note (record %s) into the patient record yet. "+
		"The shared record holds %s, so the note would contradict it. "+
		"Settle it with %s; if this %s is kept, %s gives its note.",
		what, r.ID, holds, assess.Command(given, "push", "--conflicts"), what, assess.Command(given, "show", r.ID.String()))
}

// pushQueued is called when a background push's line is ready to be read
// out; tests wait on it.
var pushQueued = func() {}

// pushNews reads out what the background pushes have ended with, without
// waiting for any still running.
func (p *prompter) pushNews() {
	for p.pushing > 0 {
		select {
		case line := <-p.pushed:
			p.pushing--
			p.say(line)
		default:
			return
		}
	}
}

// pushBeforeNext bounds the wait after a save, before "What next?", for
// its push to end (within PushWait): a refused connection or a reachable
// server ends within it.
const pushBeforeNext = 5 * time.Second

// pushAwait reads out, before "What next?", what the push of the save
// ended with, waiting for it a few seconds at most: read out only after
// Finish, a screen-reader user who chose a new assessment heard nothing
// of whether the last was sent. A push still running then is read out
// when it ends, before a later question or at the end of the run.
func (p *prompter) pushAwait() {
	if p.pushing == 0 || p.o.PushWait <= 0 {
		p.pushNews()
		return
	}
	bound := time.NewTimer(min(pushBeforeNext, p.o.PushWait))
	defer bound.Stop()
	for p.pushing > 0 {
		select {
		case line := <-p.pushed:
			p.pushing--
			p.say(line)
		case <-bound.C:
			p.say("Still sending it to the trust's FHIR server: whether it was sent is read out when the push ends, before a later question or at Finish.")
			return
		}
	}
}

// pushEnds, at the end of a run, reads out the pushes that have ended and
// says of any still running that it is not sent yet: the run does not wait
// for the network.
func (p *prompter) pushEnds() {
	p.pushNews()
	if p.pushing > 0 && p.o.PushWait > 0 {
		bound := time.NewTimer(p.o.PushWait)
		defer bound.Stop()
		for p.pushing > 0 {
			select {
			case line := <-p.pushed:
				p.pushing--
				p.say(line)
			case <-bound.C:
				p.say(fmt.Sprintf("Still sending to the trust's FHIR server after %s; digicheck stops waiting. If it is not sent, nothing is lost: it is kept here and the next save or push sends it.", p.o.PushWait))
				return
			}
		}
		return
	}
	if p.pushing > 0 {
		p.say("Not sent yet (will retry): still sending when digicheck finished. Nothing is lost: the next save or push sends it.")
	}
}
