package report

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Synthetic data. The generator makes assessments of made-up patients for
// trying a summary and for benchmarks: every record is marked Synthetic,
// every patient has an NHS number from the 999 range set aside for testing
// (with a valid check digit, so nothing else about it looks odd), and the
// store refuses them if it holds real records (store.SaveSynthetic).
//
// The answers follow rough, plausible shares (older patients more often
// without a smartphone or the skills to log in, and so on), and each is
// assessed by its instrument against the directory given, so every record
// is a real, valid assessment. New assessments are instrument version 2 (as
// in the product); in the first half of the span a falling share are
// version 1 (all at the start, none from the middle on), as a store kept
// from before version 2 holds, so a summary shows both versions side by
// side. An amendment keeps the version of what it amends. Some are follow-ups of an earlier assessment of
// the same patient, some amend an earlier assessment and some mark one
// entered in error, so the counting rules have something to do. The same
// seed and options make the same records.

// SyntheticOptions configure the generator.
type SyntheticOptions struct {
	Count    int       // records to make
	From, To time.Time // the span their times are spread over
	Seed     uint64
	// Batch is the number of records saved in one transaction; 0 is
	// 2,000.
	Batch     int
	Directory questionnaire.Directory
	// Progress, if not nil, is called after each batch with the number of
	// records saved so far.
	Progress func(saved int)
	// Team, when not "", is the team of every record; "" spreads them
	// over six synthetic teams. The same seed makes the same records
	// either way, but for their team.
	Team string
}

// Shares of records that are follow-ups, amendments and voids.
const (
	followUpShare  = 0.10
	amendmentShare = 0.02
	voidShare      = 0.005
)

var syntheticTeams = []string{
	"Synthetic ward 1 (acute medicine)", "Synthetic ward 2 (elderly care)", "Synthetic ward 3 (surgery)",
	"Synthetic community nursing", "Synthetic outpatients", "Synthetic frailty team",
}

var syntheticDistricts = sync.OnceValue(func() []string {
	var out []string
	for i := 1; i <= 29; i++ {
		out = append(out, "LS"+strconv.Itoa(i))
	}
	return append(out, "BD1", "BD3", "WF1", "HG1", "YO1")
})

var syntheticLanguages = []string{"Polish", "Urdu", "Punjabi", "Arabic", "Romanian", "Bengali", "Kurdish", "Portuguese"}

// synthetic is the generator's state.
type synthetic struct {
	rng     *rand.Rand
	opt     SyntheticOptions
	dir     questionnaire.Directory
	span    float64 // seconds
	made    int
	patient int
	// pool holds the current version of recent assessments that count,
	// at most one per patient (their latest), to follow up, amend or void.
	pool []*record.Record
}

// poolSize bounds the assessments kept to follow up, amend or void.
const poolSize = 5000

// Synthesise makes opt.Count synthetic records and saves them in st, in
// batches of one transaction each. It returns the number saved.
func Synthesise(st *store.Store, opt SyntheticOptions) (int, error) {
	if opt.Count <= 0 {
		return 0, errors.New("give a count of records to make")
	}
	if !opt.From.Before(opt.To) {
		return 0, fmt.Errorf("the span %s to %s is empty", opt.From.Format(time.DateOnly), opt.To.Format(time.DateOnly))
	}
	if opt.Batch <= 0 {
		opt.Batch = 2000
	}
	if len(opt.Directory.Programmes) == 0 {
		opt.Directory = questionnaire.National
	}
	g := &synthetic{rng: newRNG(opt.Seed), opt: opt, dir: opt.Directory,
		span: opt.To.Sub(opt.From).Seconds()}
	// The next batch is made while the last is saved.
	batches := make(chan []record.Record, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		for made := 0; made < opt.Count; {
			b := g.batch(min(opt.Batch, opt.Count-made))
			made += len(b)
			select {
			case batches <- b:
			case <-stop:
				return
			}
		}
	}()
	saved := 0
	for batch := range batches {
		if err := st.SaveSynthetic(batch); err != nil {
			return saved, err
		}
		saved += len(batch)
		if opt.Progress != nil {
			opt.Progress(saved)
		}
	}
	return saved, nil
}

// What a record of a batch is.
const (
	kindNew = iota
	kindFollowUp
	kindAmendment
	kindVoid
)

// batch makes the next n records. Answers are drawn in order from the
// seeded generator; the assessments, which take most of the time, run in
// parallel; then each record is finished in order (consents, outcomes,
// voids' copies), so the same seed always makes the same records.
func (g *synthetic) batch(n int) []record.Record {
	recs := make([]record.Record, n)
	kinds := make([]int, n)
	bases := make([]*record.Record, n)
	insts := make([]*questionnaire.Instrument, n)
	for i := range recs {
		r := &recs[i]
		t := g.opt.From.Add(time.Duration((float64(g.made) + g.rng.Float64()) / float64(g.opt.Count) * g.span * float64(time.Second)))
		g.made++
		*r = record.Record{
			ID: g.id(t), Time: t.UTC().Truncate(time.Second), Synthetic: true, Clinician: "synthetic",
			Team: syntheticTeams[g.rng.IntN(len(syntheticTeams))], Status: record.Completed,
		}
		if g.opt.Team != "" {
			r.Team = g.opt.Team
		}
		kind := kindNew
		if len(g.pool) > 0 {
			switch u := g.rng.Float64(); {
			case u < voidShare:
				kind = kindVoid
			case u < voidShare+amendmentShare:
				kind = kindAmendment
			case u < voidShare+amendmentShare+followUpShare:
				kind = kindFollowUp
			}
		}
		kinds[i] = kind
		// Version 1's share falls from all at the start of the span to
		// none at its middle.
		ins := questionnaire.Current
		if g.chance(1 - 2*float64(g.made-1)/float64(g.opt.Count)) {
			ins = questionnaire.V1
		}
		if kind == kindNew {
			r.Patient = g.newPatient()
			r.Answers = g.answersFor(ins, nil)
			insts[i], r.InstrumentVersion = ins, ins.Version // read by versionOf before it is assessed
			g.keep(r)
			continue
		}
		// The base leaves the pool: what replaces it (a follow-up or an
		// amendment) is the patient's latest now, and a void leaves the
		// patient none to follow up.
		k := g.rng.IntN(len(g.pool))
		base := g.pool[k]
		g.pool[k] = g.pool[len(g.pool)-1]
		g.pool = g.pool[:len(g.pool)-1]
		bases[i] = base
		r.Patient = base.Patient
		switch kind {
		case kindFollowUp:
			// A patient assessed with version 2 is never asked version
			// 1's questions again.
			if versionOf(base) != questionnaire.V1 {
				ins = questionnaire.Current
			}
			r.FollowsUp = base.ID
			r.Answers = g.answersFor(ins, base.Answers)
			insts[i], r.InstrumentVersion = ins, ins.Version // read by versionOf before it is assessed
			g.keep(r)
		case kindAmendment:
			// An amendment corrects an assessment: it asks the questions
			// the assessment asked.
			ins = versionOf(base)
			r.Status, r.Amends, r.FollowsUp = record.Amended, base.ID, base.FollowsUp
			r.Answers = g.answersFor(ins, base.Answers)
			insts[i], r.InstrumentVersion = ins, ins.Version // read by versionOf before it is assessed
			g.keep(r)
		}
	}
	// Assess in parallel: it is a pure function of the answers.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if kinds[i] == kindVoid {
					continue
				}
				res, err := insts[i].Assess(recs[i].Answers, g.dir)
				if err != nil {
					panic(fmt.Sprintf("synthetic answers are invalid: %v: %v", err, recs[i].Answers))
				}
				recs[i].Result = res
			}
		}()
	}
	wg.Wait()
	for i := range recs {
		r, base := &recs[i], bases[i]
		switch kinds[i] {
		case kindVoid:
			// A void keeps the answers and result of what it voids.
			v := *base
			v.ID, v.Time, v.Team, v.Status, v.Amends = r.ID, r.Time, r.Team, record.EnteredInError, base.ID
			v.VoidReason, v.Change = "synthetic test record entered in error", nil
			*r = v
			continue
		case kindFollowUp:
			r.Outcomes = g.outcomes(*base)
		case kindAmendment:
			r.Outcomes = base.Outcomes
		}
		for j := range r.Recommendation.Referrals {
			r.Recommendation.Referrals[j].Consent = g.consent(j)
		}
	}
	// The store fills in parts of the records it saves (canonical ids, a
	// follow-up's change) while the next batch is made: the pool keeps
	// copies of its own.
	in := make(map[*record.Record]bool, n)
	for i := range recs {
		in[&recs[i]] = true
	}
	for k, p := range g.pool {
		if in[p] {
			cp := *p
			g.pool[k] = &cp
		}
	}
	return recs
}

// keep adds an assessment to the pool, forgetting the oldest when full.
func (g *synthetic) keep(r *record.Record) {
	if len(g.pool) >= poolSize {
		g.pool = g.pool[1:]
	}
	g.pool = append(g.pool, r)
}

// id is a UUIDv7 for time t whose random bits come from the seeded
// generator, so ids sort in time order and the same seed gives the same
// ids.
func (g *synthetic) id(t time.Time) record.ID {
	var u uuid.UUID
	ms := uint64(t.UnixMilli())
	binary.BigEndian.PutUint64(u[8:], g.rng.Uint64())
	binary.BigEndian.PutUint16(u[6:], uint16(g.rng.Uint32()))
	u[0], u[1], u[2], u[3], u[4], u[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	u[6] = 0x70 | u[6]&0x0f
	u[8] = 0x80 | u[8]&0x3f
	return record.ID(u)
}

// newPatient is a new test patient: an NHS number from the 999 range set
// aside for testing (with a valid check digit), and once the range's 909,091
// valid numbers are used up, local numbers SYN-1, SYN-2 and so on.
func (g *synthetic) newPatient() record.PatientID {
	for g.patient < 1000000 {
		s := fmt.Sprintf("999%06d", g.patient)
		g.patient++
		sum := 0
		for i := range 9 {
			sum += int(s[i]-'0') * (10 - i)
		}
		check := (11 - sum%11) % 11
		if check == 10 {
			continue // no valid number with these nine digits
		}
		return record.PatientID{Kind: record.NHSNumber, Value: s + strconv.Itoa(check)}
	}
	g.patient++
	return record.PatientID{Kind: record.LocalID, Value: "SYN-" + strconv.Itoa(g.patient-1000000)}
}

func (g *synthetic) pick(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	u := g.rng.IntN(total)
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

func (g *synthetic) chance(p float64) bool { return g.rng.Float64() < p }

// answers makes a plausible set of answers; from an earlier set (a
// follow-up or an amendment), it keeps the patient's equity answers and
// changes a little of the rest.
func (g *synthetic) answers(prev questionnaire.Answers) questionnaire.Answers {
	a := questionnaire.Answers{}
	var age int // 0..7, 7 not stated
	if prev != nil {
		for _, l := range []string{questionnaire.LinkAgeBand, questionnaire.LinkDisability, questionnaire.LinkBenefits,
			questionnaire.LinkMainLanguage, questionnaire.LinkEthnicity, questionnaire.LinkPostcodeDistrict} {
			if v, ok := prev[l]; ok {
				a[l] = slices.Clone(v)
			}
		}
		age = max(slices.Index(ageCodes, prev.One(questionnaire.LinkAgeBand)), 0)
	} else {
		age = g.pick(8, 12, 12, 14, 16, 18, 20, 2)
		if g.chance(0.85) { // the equity questions are optional
			a[questionnaire.LinkAgeBand] = []string{ageCodes[age]}
			a[questionnaire.LinkDisability] = []string{[]string{"yes", "no", "not-stated"}[g.pick(30, 60, 10)]}
			a[questionnaire.LinkBenefits] = []string{[]string{"yes", "no", "not-stated"}[g.pick(25, 65, 10)]}
			a[questionnaire.LinkMainLanguage] = []string{[]string{"yes", "no", "not-stated"}[g.pick(88, 10, 2)]}
			eth := []string{"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z"}
			a[questionnaire.LinkEthnicity] = []string{eth[g.pick(72, 1, 5, 1, 1, 1, 1, 3, 4, 1, 1, 1, 2, 1, 1, 1, 3)]}
			if g.chance(0.9) {
				districts := syntheticDistricts()
				a[questionnaire.LinkPostcodeDistrict] = []string{districts[g.rng.IntN(len(districts))]}
			}
		}
	}
	// How likely the patient is to be offline, by age band.
	excluded := g.chance([]float64{0.04, 0.04, 0.06, 0.08, 0.14, 0.25, 0.42, 0.15}[age])
	if prev != nil && g.chance(0.3) {
		excluded = !excluded
	}
	lowIncome := a.One(questionnaire.LinkBenefits) == "yes"
	if excluded {
		a[questionnaire.LinkDevices] = [][]string{{"basic-mobile"}, {"landline"}, {"none"}, {"shared"}, {"shared", "basic-mobile"}}[g.pick(35, 25, 10, 15, 15)]
		a[questionnaire.LinkInternet] = [][]string{{"none"}, {"public-wifi"}, {"mobile-data"}}[g.pick(50, 20, 30)]
	} else {
		a[questionnaire.LinkDevices] = [][]string{{"smartphone"}, {"smartphone", "computer"}, {"computer"}, {"smartphone", "landline"}}[g.pick(55, 25, 5, 15)]
		a[questionnaire.LinkInternet] = [][]string{{"home", "mobile-data"}, {"home"}, {"mobile-data"}, {"public-wifi"}}[g.pick(60, 22, 15, 3)]
	}
	if lowIncome {
		a[questionnaire.LinkAfford] = []string{[]string{"never", "sometimes", "often"}[g.pick(45, 35, 20)]}
	} else {
		a[questionnaire.LinkAfford] = []string{[]string{"never", "sometimes", "often"}[g.pick(80, 15, 5)]}
	}
	can := 0.92
	if excluded {
		can = 0.25
	}
	var tasks []string
	for _, task := range []string{"text", "email", "app", "login", "form", "video"} {
		if g.chance(can) {
			tasks = append(tasks, task)
		}
	}
	if len(tasks) == 0 {
		tasks = []string{"none"}
	}
	a[questionnaire.LinkTasks] = tasks
	if excluded {
		a[questionnaire.LinkHelp] = []string{[]string{"no-help", "some-help", "relies"}[g.pick(30, 40, 30)]}
		a[questionnaire.LinkWant] = []string{[]string{"yes", "with-help", "no"}[g.pick(25, 40, 35)]}
	} else {
		a[questionnaire.LinkHelp] = []string{[]string{"no-help", "some-help", "relies"}[g.pick(80, 18, 2)]}
		a[questionnaire.LinkWant] = []string{[]string{"yes", "with-help", "no"}[g.pick(70, 20, 10)]}
	}
	a[questionnaire.LinkWorry] = []string{[]string{"not", "a-little", "very"}[g.pick(50, 35, 15)]}
	a[questionnaire.LinkBadExperience] = []string{[]string{"no", "not-put-off", "put-off"}[g.pick(80, 12, 8)]}
	needs := []string{"none"}
	if g.chance(0.15) {
		others := []string{"large-print", "easy-read", "verbal", "bsl", "interpreter", "text-relay", "screen-reader", "via-carer"}
		needs = []string{others[g.pick(30, 15, 15, 3, 15, 3, 4, 15)]}
		if g.chance(0.2) {
			if extra := others[g.rng.IntN(len(others))]; extra != needs[0] {
				needs = append(needs, extra)
			}
		}
		if needs[0] == "bsl" && !slices.Contains(needs, "text-relay") && g.chance(0.5) {
			needs = append(needs, "text-relay")
		}
	}
	a[questionnaire.LinkCommNeeds] = needs
	if slices.Contains(needs, "interpreter") {
		a[questionnaire.LinkLanguage] = []string{syntheticLanguages[g.rng.IntN(len(syntheticLanguages))]}
	}
	a[questionnaire.LinkReadingHelp] = []string{[]string{"never", "rarely", "sometimes", "often", "always"}[g.pick(60, 15, 12, 8, 5)]}
	choices := []string{"nhs-app", "email", "sms", "phone", "letter", "carer", "no-preference"}
	a[questionnaire.LinkChoice] = []string{choices[g.pick(15, 6, 15, 12, 10, 2, 40)]}
	return a
}

// versionOf is the instrument a record was made with.
func versionOf(r *record.Record) *questionnaire.Instrument {
	if ins, ok := questionnaire.Lookup(r.InstrumentVersion); ok {
		return ins
	}
	return questionnaire.V1
}

// answersFor makes a plausible set of answers to the instrument's
// questions (answers); from an earlier set, of either version, it keeps
// the patient's equity answers and changes a little of the rest.
func (g *synthetic) answersFor(ins *questionnaire.Instrument, prev questionnaire.Answers) questionnaire.Answers {
	a := g.answers(prev)
	if ins.Version == questionnaire.V1.Version {
		return a
	}
	return g.v2(a, prev)
}

// v2 turns a set of version 1 answers into version 2's: the help answer
// split into "not needed" and "nobody helps", sign language and the
// interpreter's language coded, a print size, relay and carer needs as
// contact requirements, and the questions version 1 did not ask.
func (g *synthetic) v2(a, prev questionnaire.Answers) questionnaire.Answers {
	has := func(link, code string) bool { return slices.Contains(a[link], code) }
	excluded := !has(questionnaire.LinkDevices, questionnaire.DevSmartphone) && !has(questionnaire.LinkDevices, questionnaire.DevComputer)
	phone := has(questionnaire.LinkDevices, questionnaire.DevSmartphone) || has(questionnaire.LinkDevices, questionnaire.DevBasicMob) ||
		has(questionnaire.LinkDevices, questionnaire.DevLandline)
	if a.One(questionnaire.LinkHelp) == questionnaire.HelpNone {
		nobody := 0.05
		if excluded {
			nobody = 0.35
		}
		a[questionnaire.LinkHelp] = []string{questionnaire.HelpNotNeeded}
		if g.chance(nobody) {
			a[questionnaire.LinkHelp] = []string{questionnaire.HelpNobody}
		}
	}
	if a.One(questionnaire.LinkWant) == questionnaire.Yes && excluded && g.chance(0.2) {
		a[questionnaire.LinkWant] = []string{questionnaire.WantNotSure}
	}
	if has(questionnaire.LinkDevices, questionnaire.DevLandline) {
		a[questionnaire.LinkTelecare] = []string{[]string{questionnaire.Yes, questionnaire.No, questionnaire.NotSure}[g.pick(15, 80, 5)]}
	}
	a[questionnaire.LinkNHSApp] = []string{questionnaire.AppNo}
	if !excluded && has(questionnaire.LinkTasks, questionnaire.TaskApp) && g.chance(0.6) {
		a[questionnaire.LinkNHSApp] = []string{questionnaire.AppSelf}
	}
	tech := []string{questionnaire.TechNone, questionnaire.TechSight, questionnaire.TechHearing, questionnaire.TechHands, questionnaire.TechMemory}
	a[questionnaire.LinkTechAccess] = []string{tech[g.pick(80, 6, 5, 5, 4)]}

	needs, contact := questionnaire.NeedsFromV1(a)
	a[questionnaire.LinkCommNeeds], a[questionnaire.LinkContactNeeds] = needs, contact
	a[questionnaire.LinkContactAvoid] = []string{questionnaire.AvoidNone}
	if slices.Contains(needs, questionnaire.NeedLargePrint) {
		a[questionnaire.LinkPrintSize] = []string{[]string{"20", "24", "28"}[g.pick(50, 35, 15)]}
	}
	delete(a, questionnaire.LinkLanguage)
	if slices.Contains(needs, questionnaire.NeedInterpreter) {
		langs := []string{"pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it", questionnaire.LanguageOther}
		code := langs[g.pick(16, 10, 10, 14, 6, 4, 12, 10, 6, 2, 10)]
		if prev != nil && prev.One(questionnaire.LinkLanguageCode) != "" {
			code = prev.One(questionnaire.LinkLanguageCode) // the same language at a follow-up
		}
		a[questionnaire.LinkLanguageCode] = []string{code}
		if code == questionnaire.LanguageOther {
			a[questionnaire.LinkLanguage] = []string{"Kurdish"}
		}
		a[questionnaire.LinkTranslated] = []string{[]string{questionnaire.Yes, questionnaire.No}[g.pick(40, 60)]}
	}
	// A choice they cannot be reached by would be refused at the
	// question: such a patient states none.
	switch c := questionnaire.Route(a.One(questionnaire.LinkChoice)); {
	case c == questionnaire.RouteSMS && !has(questionnaire.LinkDevices, questionnaire.DevSmartphone) && !has(questionnaire.LinkDevices, questionnaire.DevBasicMob),
		c == questionnaire.RoutePhone && !phone:
		a[questionnaire.LinkChoice] = []string{questionnaire.ChoiceNone}
	}
	respondent := questionnaire.RespondentPatient
	switch {
	case slices.Contains(needs, questionnaire.NeedInterpreter) || slices.Contains(needs, questionnaire.NeedBSLInterpreter):
		if g.chance(0.7) {
			respondent = questionnaire.RespondentInterpreter
		}
	case a.One(questionnaire.LinkHelp) == questionnaire.HelpCarer || slices.Contains(contact, questionnaire.ContactCarer):
		if g.chance(0.5) {
			respondent = questionnaire.RespondentCarer
		}
	}
	a[questionnaire.LinkRespondent] = []string{respondent}
	return a
}

// consent is the answer to the referral ranked j (from 0). The result
// shows the first three and keeps the rest behind a key, so a busy
// clinician more often leaves those not discussed; a few referrals are
// saved with no answer at all, as records made before every referral
// needed one were.
func (g *synthetic) consent(j int) string {
	agreed, declined, notDiscussed := 0.60, 0.90, 0.96 // cumulative shares
	if j >= 3 {
		agreed, declined, notDiscussed = 0.40, 0.70, 0.95
	}
	switch u := g.rng.Float64(); {
	case u < agreed:
		return questionnaire.Agreed
	case u < declined:
		return questionnaire.Declined
	case u < notDiscussed:
		return questionnaire.NotDiscussed
	}
	return ""
}

var ageCodes = []string{"16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "not-stated"}

// outcomes says what became of the agreed referrals of the assessment a
// follow-up follows up.
func (g *synthetic) outcomes(prev record.Record) []record.ReferralOutcome {
	var out []record.ReferralOutcome
	for _, ref := range prev.Recommendation.Referrals {
		if ref.Consent != questionnaire.Agreed {
			continue
		}
		o := record.OutcomeCodes[g.pick(35, 35, 30)]
		ro := record.ReferralOutcome{ProgrammeID: ref.ProgrammeID, Outcome: o}
		if o == record.OutcomeNotTakenUp {
			ro.Reason = "synthetic: not taken up"
		}
		out = append(out, ro)
	}
	return out
}

func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }
