// Package prompt runs an assessment as plain numbered line prompts: no
// cursor movement, no colour, no box drawing, one question per prompt and
// each choice read out with its number. It is digicheck's accessible mode,
// for screen readers and for answers piped in from a script, and it is built
// on the questionnaire data directly (not on huh's accessible mode, which
// loses piped answers and records defaults at end of input).
package prompt

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// Options are what an assessment needs from the caller.
type Options struct {
	Instrument *questionnaire.Instrument
	Directory  questionnaire.Directory
	Clinician  string
	Team       string
	// TeamPhone is the site's team phone, for the patient's handout.
	TeamPhone string
	// Save durably stores a completed record; the prompter says Saved only
	// after it returns nil.
	Save func(*record.Record) error
	// Draft, if set, is called after each answered question with the
	// assessment so far, so an interrupted assessment can be offered again
	// as it was: the clinician and team typed, not the defaults.
	Draft func(Progress)
	// Drafts are unfinished assessments offered, before the first
	// assessment, to resume or discard.
	Drafts []Resume
	Now    func() time.Time
}

// Progress is an unfinished assessment as far as it has gone.
type Progress struct {
	Patient   record.PatientID
	Clinician string
	Team      string
	Answers   questionnaire.Answers
}

// Resume is an unfinished assessment kept as a draft.
type Resume struct {
	Label     string // read out in the list: patient, when, how far
	Patient   record.PatientID
	Clinician string
	Team      string
	Answers   questionnaire.Answers
	// Section is the id of the section to resume at; "" resumes after the
	// last required section.
	Section string
	// Chosen is called when the clinician resumes this draft, before the
	// first question, so the caller keeps drafting (and saves) under it.
	Chosen func()
	// Claim, if set, takes the draft for this window before it is resumed;
	// an error (it is open in another window) is said, and the list shown
	// again.
	Claim func() error
	// Discard removes the draft, once the clinician has confirmed.
	Discard func() error
}

// ErrEndOfInput means the input ended before an assessment was complete.
// Nothing was saved for that assessment.
var ErrEndOfInput = errors.New("input ended before the assessment was finished; nothing was saved for it")

// ErrQuit means the clinician chose to stop; nothing was saved for the
// assessment in progress.
var ErrQuit = errors.New("assessment stopped; nothing was saved for it")

// Outcome is what a run produced.
type Outcome struct {
	Saved []record.Record
}

// Run asks the questions on out and reads answers from in, one per line,
// until the clinician stops. Input ending between assessments is a normal
// end; input ending inside one returns ErrEndOfInput.
func Run(o Options, in io.Reader, out io.Writer) (Outcome, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	p := &prompter{o: o, in: bufio.NewReader(in), out: out, first: true}
	var res Outcome
	p.say("digicheck: digital inclusion check, plain prompts.")
	p.say("Type the number of an answer and press Enter. Type b to go back to the last question, or q to stop.")
	resume, err := p.offerDrafts()
	if err != nil {
		return res, err
	}
	for {
		r, err := p.assessment(resume)
		resume = nil
		if err != nil {
			return res, err
		}
		res.Saved = append(res.Saved, r)
		p.say("")
		p.say("Note for the patient record:")
		p.say(strings.TrimRight(record.Note(r), "\n"))
		p.say("")
		for {
			next, err := p.choose("What next?", []string{"A new assessment", "Finish", "Read the patient handout"}, false)
			if err != nil || next == 1 {
				// End of input after a saved assessment is a normal finish.
				return res, nil
			}
			if next == 0 {
				break
			}
			p.say("")
			p.say("Handout for the patient:")
			p.say(strings.TrimRight(record.HandoutWith(r, record.HandoutOptions{
				LargePrint: r.Answers.Has(questionnaire.LinkCommNeeds, questionnaire.NeedLargePrint),
				Team:       o.Team,
				TeamPhone:  o.TeamPhone,
				Directory:  o.Directory,
			}), "\n"))
			p.say("")
		}
	}
}

type prompter struct {
	o     Options
	in    *bufio.Reader
	out   io.Writer
	asked bool // the current step read a line
	first bool // no line read yet
}

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
	return string(bytes.TrimRight(buf, "\r\n")), nil
}

// errBack is returned by a prompt when the clinician typed b.
var errBack = errors.New("back")

// say prints a line or more. Everything the prompts print passes through
// here or line, and through the shared neutraliser: answers, names, reasons
// and programme text come from people, records and site files, and none of
// it may reach a screen reader's terminal as a control sequence.
func (p *prompter) say(s string) { fmt.Fprintln(p.out, questionnaire.PrintableLines(s)) }

// line reads one answer line. b and q are commands everywhere.
func (p *prompter) line(prompt string) (string, error) {
	p.asked = true
	var text string
	for {
		fmt.Fprint(p.out, questionnaire.PrintableLines(prompt)+" ")
		s, err := p.readLine()
		if errors.Is(err, errTooLong) {
			fmt.Fprintln(p.out)
			p.say(fmt.Sprintf("Not accepted: that line is longer than %d KB, far longer than any answer; nothing from it was kept. Type the answer again.", MaxAnswer>>10))
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

// choose asks for one numbered option and returns its index; with optional,
// an empty answer returns -1.
func (p *prompter) choose(question string, options []string, optional bool) (int, error) {
	p.say(question)
	for i, o := range options {
		p.say(fmt.Sprintf("  %d. %s", i+1, o))
	}
	ask := fmt.Sprintf("Type a number from 1 to %d", len(options))
	if optional {
		ask += ", or press Enter to skip"
	}
	for {
		s, err := p.line(ask + ":")
		if err != nil {
			return 0, err
		}
		if s == "" && optional {
			return -1, nil
		}
		n, err := strconv.Atoi(s)
		if err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		p.say(fmt.Sprintf("Not an answer: %q. %s.", s, ask))
	}
}

// chooseMany asks for one or more numbered options.
func (p *prompter) chooseMany(options []string, optional bool) ([]int, error) {
	ask := fmt.Sprintf("Type one or more numbers from 1 to %d, separated by spaces", len(options))
	if optional {
		ask += ", or press Enter to skip"
	}
	for {
		s, err := p.line(ask + ":")
		if err != nil {
			return nil, err
		}
		if s == "" && optional {
			return nil, nil
		}
		var picked []int
		bad := ""
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 || n > len(options) {
				bad = f
				break
			}
			if !slices.Contains(picked, n-1) {
				picked = append(picked, n-1)
			}
		}
		switch {
		case bad != "":
			p.say(fmt.Sprintf("Not an answer: %q. %s.", bad, ask))
		case len(picked) == 0:
			p.say(ask + ".")
		default:
			return picked, nil
		}
	}
}

// text asks for a line of text, offering a default that Enter keeps.
func (p *prompter) text(question, def string) (string, error) {
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
// what is typed can be kept: no control characters, and not blank when
// required.
func (p *prompter) field(question, def string, required bool) (string, error) {
	for {
		s, err := p.text(question, def)
		if err != nil {
			return "", err
		}
		s = strings.TrimSpace(s)
		if err := questionnaire.CheckText(s); err != nil {
			p.say("Not accepted: " + err.Error() + ".")
			continue
		}
		if required && s == "" {
			p.say("Enter the " + strings.ToLower(question) + "'s name.")
			continue
		}
		return s, nil
	}
}

// step is one prompt of an assessment; going back moves to the previous one.
type step func() error

// draftsPerPage is how many drafts are listed at once: with the question
// and the other choices, a screenful at 24 lines. A store can keep any
// number of drafts, and every one listed before the first question would
// push it off the screen (100,000 drafts were 100,007 lines).
const draftsPerPage = 10

// offerDrafts reads out the kept drafts and lets the clinician resume one,
// discard them one by one, or start a new assessment. Drafts come oldest
// first; they are listed newest first, a page at a time, with a choice to
// list older ones, so every draft can be reached.
func (p *prompter) offerDrafts() (*Resume, error) {
	drafts := p.o.Drafts
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
		labels := make([]string, 0, len(shown)+3)
		for _, i := range shown {
			labels = append(labels, drafts[i].Label)
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
		labels = append(labels, "Start a new assessment")
		q := fmt.Sprintf("%d unfinished assessment(s) are kept as drafts. Choose one, or start a new assessment:", len(drafts))
		if len(drafts) > draftsPerPage {
			first := page*draftsPerPage + 1
			q = fmt.Sprintf("%d unfinished assessment(s) are kept as drafts; here are numbers %d to %d of them, newest first. Choose one, or start a new assessment:",
				len(drafts), first, first+len(shown)-1)
		}
		i, err := p.choose(q, labels, false)
		if errors.Is(err, errBack) {
			// Nothing comes before the list (b once ended the run with
			// the error "back").
			p.say("This is the first question.")
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
		case len(labels) - 1:
			return nil, nil
		}
		di := shown[i]
		d := drafts[di]
		what, err := p.choose(d.Label+".", []string{"Resume it", "Discard it", "Back to the list"}, false)
		if errors.Is(err, errBack) {
			continue // back to the list
		}
		if err != nil {
			return nil, err
		}
		switch what {
		case 0:
			if d.Claim != nil {
				// Taken for this window first: a draft open in another
				// window is that window's.
				if err := d.Claim(); err != nil {
					p.say("Not resumed: " + err.Error() + ".")
					continue
				}
			}
			if d.Chosen != nil {
				d.Chosen()
			}
			return &d, nil
		case 1:
			sure, err := p.choose("Discard these answers? They cannot be got back.", []string{"Yes, discard them", "No, keep them"}, false)
			if errors.Is(err, errBack) {
				continue // kept; back to the list
			}
			if err != nil {
				return nil, err
			}
			if sure == 0 {
				if d.Discard != nil {
					if err := d.Discard(); err != nil {
						p.say("Not discarded: " + err.Error() + ".")
						continue
					}
				}
				p.say("Discarded.")
				drafts = append(drafts[:di:di], drafts[di+1:]...)
			}
		}
	}
	return nil, nil
}

func (p *prompter) assessment(resume *Resume) (record.Record, error) {
	ins := p.o.Instrument
	var (
		kind      string
		patient   record.PatientID
		clinician = p.o.Clinician
		team      = p.o.Team
		answers   = questionnaire.Answers{}
		equity    = true
	)
	if resume != nil {
		patient, kind = resume.Patient, resume.Patient.Kind
		// The draft says who was assessing; a draft that does not (an
		// older one) is the current clinician's.
		// A name an older build let a control character into cannot be
		// saved again; the current clinician takes it over.
		if resume.Clinician != "" && questionnaire.CheckText(resume.Clinician) == nil && questionnaire.CheckText(resume.Team) == nil {
			clinician, team = resume.Clinician, resume.Team
		}
		answers = resume.Answers.Clone()
		if answers == nil {
			answers = questionnaire.Answers{}
		}
	}
	// sectionStep is the first step of each section, and of the review,
	// so a resumed draft starts where it was left.
	sectionStep := map[string]int{}
	steps := []step{
		func() error {
			i, err := p.choose("Patient identifier:", []string{"NHS number", "Local hospital number"}, false)
			kind = []string{record.NHSNumber, record.LocalID}[max(i, 0)]
			return err
		},
		func() error {
			label := map[string]string{record.NHSNumber: "NHS number (10 digits)", record.LocalID: "Local hospital number"}[kind]
			for {
				s, err := p.line(label + ":")
				if err != nil {
					return err
				}
				id, err := record.NewPatientID(kind, s)
				if err == nil {
					patient = id
					return nil
				}
				p.say("Not accepted: " + err.Error() + ".")
			}
		},
		func() (err error) { clinician, err = p.field("Clinician", p.o.Clinician, true); return err },
		func() (err error) { team, err = p.field("Team", p.o.Team, false); return err },
	}
	for si := range ins.Sections {
		sec := &ins.Sections[si]
		sectionStep[sec.ID] = len(steps)
		header := fmt.Sprintf("Section %d of %d: %s. %s", si+1, len(ins.Sections), sec.Title, sec.Intro)
		if sec.Optional {
			steps = append(steps, func() error {
				p.say("")
				p.say(header)
				i, err := p.choose("Ask these optional questions?", []string{"Yes, ask them", "No, skip them"}, false)
				equity = i == 0
				if !equity {
					for _, it := range sec.Items {
						delete(answers, it.LinkID)
					}
				}
				return err
			})
		}
		for ii := range sec.Items {
			it := &sec.Items[ii]
			first := ii == 0
			steps = append(steps, func() error {
				if sec.Optional && !equity {
					return nil
				}
				if !it.Enabled(answers) {
					delete(answers, it.LinkID)
					return nil
				}
				if first && !sec.Optional {
					p.say("")
					p.say(header)
				}
				if err := p.item(ins, sec, it, answers); err != nil {
					return err
				}
				// Kept after every answer, not only every section: plain
				// prompts have no screen to save from when the window is
				// closed, so the draft must already hold every answer given.
				if p.o.Draft != nil {
					p.o.Draft(Progress{Patient: patient, Clinician: clinician, Team: team, Answers: answers.Clone()})
				}
				return nil
			})
		}
	}
	var result questionnaire.Result
	reviewStep := len(steps)
	steps = append(steps, func() error {
		p.say("")
		p.say("Review the answers:")
		p.say(review(ins, answers))
		i, err := p.choose("Are these answers right?", []string{"Yes, show the result", "No, go back and change them"}, false)
		if err == nil && i == 1 {
			return errBack
		}
		if err != nil {
			return err
		}
		result, err = ins.Assess(answers, p.o.Directory)
		if err != nil {
			// Validation at each prompt should make this impossible; say
			// what is wrong rather than save a bad record.
			p.say("These answers cannot be used: " + err.Error())
			return errBack
		}
		p.say("")
		p.say(strings.TrimRight(resultText(result), "\n"))
		return nil
	})
	steps = append(steps, func() error {
		refs := result.Recommendation.Referrals
		for i := range refs {
			refs[i].Consent = ""
		}
		for i := 0; i < len(refs); {
			f := &refs[i]
			c, err := p.choose(fmt.Sprintf("Referral %d of %d: %s. %s Does the patient agree to this referral?",
				i+1, len(refs), f.Name, f.PatientLine), []string{"Agrees", "Declines", "Not discussed with the patient"}, false)
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
			f.Consent = []string{questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed}[c]
			i++
		}
		return nil
	})
	var saved record.Record
	steps = append(steps, func() error {
		// One record for every try: the store gives it its id on the first
		// try, so a retry after an unclear failure cannot save it twice.
		r := record.Record{
			Patient: patient, Clinician: strings.TrimSpace(clinician), Team: strings.TrimSpace(team),
			Time: p.o.Now().UTC(), Status: record.Completed, Answers: answers.Clone(), Result: result,
		}
		for {
			i, err := p.choose("Save this assessment?", []string{"Save", "Go back"}, false)
			if err != nil {
				return err
			}
			if i == 1 {
				return errBack
			}
			if err := p.o.Save(&r); err != nil {
				p.say("Not saved: " + err.Error() + ". The answers are kept; choose Save to try again.")
				continue
			}
			saved = r
			p.say("Saved.")
			return nil
		}
	})

	// asked holds the steps that asked something, so going back skips the
	// questions that were not shown (hidden or skipped ones).
	var asked []int
	start := 0
	if resume != nil {
		start = reviewStep
		if i, ok := sectionStep[resume.Section]; ok {
			start = i
		} else {
			for _, sec := range ins.Sections {
				if sec.Optional {
					start = min(start, sectionStep[sec.ID])
				}
			}
		}
		p.say("")
		p.say(fmt.Sprintf("Resuming the assessment of patient %s, with the answers kept.", patient))
	}
	for i := start; i < len(steps); {
		p.asked = false
		err := steps[i]()
		switch {
		case errors.Is(err, errBack):
			if len(asked) == 0 {
				p.say("This is the first question.")
				continue
			}
			i, asked = asked[len(asked)-1], asked[:len(asked)-1]
		case err != nil:
			return record.Record{}, err
		default:
			if p.asked {
				asked = append(asked, i)
			}
			i++
		}
	}
	return saved, nil
}

// item asks one question until a valid answer is given.
func (p *prompter) item(ins *questionnaire.Instrument, sec *questionnaire.Section, it *questionnaire.Item, a questionnaire.Answers) error {
	optional := !it.Required
	p.say("")
	p.say(it.Text)
	if it.Hint != "" {
		p.say("Hint for the clinician: " + it.Hint)
	}
	for {
		var vals []string
		switch it.Type {
		case questionnaire.Text:
			s, err := p.line("Type the answer" + map[bool]string{true: ", or press Enter to skip", false: ""}[optional] + ":")
			if err != nil {
				return err
			}
			if s != "" {
				if it.LinkID == questionnaire.LinkPostcodeDistrict {
					if d, err := questionnaire.NormalisePostcodeDistrict(s); err == nil {
						s = d
					}
				}
				vals = []string{s}
			}
		case questionnaire.Choice:
			texts := optionTexts(it)
			for i, t := range texts {
				p.say(fmt.Sprintf("  %d. %s", i+1, t))
			}
			ask := fmt.Sprintf("Type a number from 1 to %d", len(texts))
			if optional {
				ask += ", or press Enter to skip"
			}
			s, err := p.line(ask + ":")
			if err != nil {
				return err
			}
			if s != "" {
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 || n > len(texts) {
					p.say(fmt.Sprintf("Not an answer: %q. %s.", s, ask))
					continue
				}
				vals = []string{it.Options[n-1].Code}
			}
		case questionnaire.MultiChoice:
			texts := optionTexts(it)
			for i, t := range texts {
				p.say(fmt.Sprintf("  %d. %s", i+1, t))
			}
			picked, err := p.chooseMany(texts, optional)
			if err != nil {
				return err
			}
			for _, i := range picked {
				vals = append(vals, it.Options[i].Code)
			}
		}
		if err := ins.ValidateItem(it, vals); err != nil {
			var ae *questionnaire.AnswerError
			if errors.As(err, &ae) {
				p.say("Not accepted: " + ae.Reason + ".")
			} else {
				p.say("Not accepted: " + err.Error() + ".")
			}
			continue
		}
		if len(vals) == 0 {
			delete(a, it.LinkID)
		} else {
			a[it.LinkID] = vals
		}
		return nil
	}
}

func optionTexts(it *questionnaire.Item) []string {
	out := make([]string, len(it.Options))
	for i, o := range it.Options {
		out[i] = o.Text
	}
	return out
}

func review(ins *questionnaire.Instrument, a questionnaire.Answers) string {
	var b strings.Builder
	for _, s := range ins.Sections {
		fmt.Fprintf(&b, "%s:\n", s.Title)
		for i := range s.Items {
			it := &s.Items[i]
			vals, ok := a[it.LinkID]
			if !ok {
				continue
			}
			var shown []string
			for _, v := range vals {
				if o, ok := it.Option(v); ok {
					shown = append(shown, o.Text)
				} else {
					shown = append(shown, v)
				}
			}
			fmt.Fprintf(&b, "  %s %s.\n", it.Text, strings.Join(shown, "; "))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// resultText is the result as plain sentences, in the order a clinician
// reads it out.
func resultText(r questionnaire.Result) string {
	var b strings.Builder
	rec := r.Recommendation
	b.WriteString("Result:\n")
	for _, d := range questionnaire.Domains {
		fmt.Fprintf(&b, "  %s: %s.\n", d.Title(), r.Bands.Get(d))
	}
	fmt.Fprintf(&b, "Contact by: %s. Why: %s.\n", rec.Primary.Title(), rec.PrimaryReason)
	title, reason := rec.FallbackText()
	fmt.Fprintf(&b, "Fallback: %s. Why: %s.\n", title, reason)
	switch {
	case rec.Choice == "":
		b.WriteString("Patient's choice: no preference.\n")
	case rec.ChoiceHonoured:
		fmt.Fprintf(&b, "Patient's choice: %s, honoured.\n", rec.Choice.Title())
	default:
		fmt.Fprintf(&b, "Patient's choice: %s, not honoured: %s.\n", rec.Choice.Title(), rec.ChoiceNote)
	}
	for _, a := range rec.Adjustments {
		fmt.Fprintf(&b, "Adjustment: %s. Why: %s.\n", a.Text, a.Reason)
	}
	if len(rec.Referrals) == 0 {
		b.WriteString("No referrals needed.\n")
	}
	for _, f := range rec.Referrals {
		fmt.Fprintf(&b, "Referral: %s. Why: %s.\n", f.Name, f.Reason)
	}
	for _, q := range rec.AskAbout {
		fmt.Fprintf(&b, "Not asked, and could open more referrals: %s It could open: %s.\n", q.Question, strings.Join(q.Programmes, "; "))
	}
	return b.String()
}
