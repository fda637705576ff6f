package questionnaire

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// rankDir is a directory with one programme of each kind ranking tells
// apart, all for the access domain unless said.
func rankDir() Directory {
	p := func(id string, provides ...string) Programme {
		return Programme{ID: id, Name: "Name of " + id, Barriers: []Domain{Access}, Provides: provides, Source: "national"}
	}
	local := p("local-skills", ProvidesSkills)
	local.Source = "site.toml"
	sim := p("sim", ProvidesData)
	sim.NeedsHandset, sim.AdultsOnly = true, true
	online := p("online-course", ProvidesSkills)
	online.OnlineOnly = true
	sight := p("sight-help", ProvidesSupport)
	sight.For = []string{ForSight}
	trust := p("trust-help", ProvidesSupport)
	trust.Barriers = []Domain{Trust}
	return Directory{Programmes: []Programme{
		p("support", ProvidesSupport), trust, p("skills", ProvidesSkills), local, online,
		p("data", ProvidesData), sim, p("device", ProvidesDevice), sight, p("nothing-said"),
	}}
}

// candidates is every programme of the directory as a candidate referral
// for the barriers it helps with.
func candidates(dir Directory) []Referral {
	var out []Referral
	for _, p := range dir.Programmes {
		out = append(out, Referral{ProgrammeID: p.ID, Name: p.Name, Barriers: p.Barriers, Reason: "Access: significant barrier"})
	}
	return out
}

func ids(rs []Referral) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ProgrammeID)
	}
	return out
}

func excludedIDs(es []Excluded) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ProgrammeID)
	}
	return out
}

// adult is a patient whose age group starts at 18 or over, who can get
// online, has a mobile phone and has sight loss: every programme of
// rankDir suits them.
var adult = Patient{AgeLow: 25, AgeHigh: 34, Online: true, Handset: true, Circumstances: []string{ForSight}}

// with changes a copy of the patient.
func (p Patient) with(change func(*Patient)) Patient {
	change(&p)
	return p
}

// TestRankOrder: a device, then data, then skills, then support, then a
// programme that does not say; local before national within each; a
// significant barrier before some; otherwise directory order.
func TestRankOrder(t *testing.T) {
	dir := rankDir()
	f := RankFacts{Bands: Bands{Access: SignificantBarrier, Trust: SomeBarrier}, Patient: adult}
	got, ex := RankReferrals(candidates(dir), dir, f)
	want := []string{"device", "sight-help", "data", "sim", "local-skills", "skills", "online-course", "support", "trust-help", "nothing-said"}
	if !slices.Equal(ids(got), want) || len(ex) != 0 {
		t.Errorf("order = %v, excluded %v;\nwant %v", ids(got), excludedIDs(ex), want)
	}
	for i, r := range got {
		if !strings.HasPrefix(r.Reason, "Access: significant barrier. Ranked ") {
			t.Errorf("%s: reason %q does not keep the barrier and add its rank", r.ProgrammeID, r.Reason)
		}
		if want := "Ranked " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(got)); !strings.Contains(r.Reason, want) {
			t.Errorf("%s: reason %q, want %q", r.ProgrammeID, r.Reason, want)
		}
	}
	for id, says := range map[string]string{
		"device": "gives a device; national; meets a significant barrier", "local-skills": "gives skills; local",
		"trust-help": "gives support; national; meets some barrier", "nothing-said": "does not say what it gives",
	} {
		i := slices.Index(ids(got), id)
		if !strings.Contains(got[i].Reason, says) {
			t.Errorf("%s: reason %q, want it to say %q", id, got[i].Reason, says)
		}
	}
}

// TestRankBoundaries decides each rule that leaves a programme out at its
// boundary.
func TestRankBoundaries(t *testing.T) {
	base := RankFacts{Bands: Bands{Access: SignificantBarrier}, Patient: adult}
	tests := []struct {
		name   string
		change func(*Patient)
		out    []string // left out
	}{
		{"can get online, has a phone, adult, sight loss", func(*Patient) {}, nil},
		{"cannot get online: no online-only course", func(p *Patient) { p.Online = false }, []string{"online-course"}},
		{"age 16-24 straddles 18: no adults-only SIM", func(p *Patient) { p.AgeLow, p.AgeHigh = 16, 24 }, []string{"sim"}},
		{"age not known: no adults-only SIM", func(p *Patient) { p.AgeLow, p.AgeHigh = -1, -1 }, []string{"sim"}},
		{"age 18 exactly: the SIM", func(p *Patient) { p.AgeLow, p.AgeHigh = 18, 24 }, nil},
		{"no sight loss: no sight programme", func(p *Patient) { p.Circumstances = nil }, []string{"sight-help"}},
		{"another circumstance only: no sight programme", func(p *Patient) { p.Circumstances = []string{ForLandline} }, []string{"sight-help"}},
		{"no handset, a device programme: the SIM stays, paired", func(p *Patient) { p.Handset = false }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base
			f.Patient = adult.with(tt.change)
			dir := rankDir()
			got, ex := RankReferrals(candidates(dir), dir, f)
			if !slices.Equal(excludedIDs(ex), tt.out) {
				t.Errorf("left out %v, want %v", excludedIDs(ex), tt.out)
			}
			if len(got)+len(ex) != len(dir.Programmes) {
				t.Errorf("%d ranked and %d left out of %d", len(got), len(ex), len(dir.Programmes))
			}
			for _, e := range ex {
				if e.Reason == "" || e.Name == "" {
					t.Errorf("left out %s with no reason or name: %+v", e.ProgrammeID, e)
				}
			}
		})
	}
}

// TestSIMWithoutHandsetNeedsADevice: a SIM card is offered to a patient
// with no mobile phone only paired with a programme that gives a device,
// and says so; with no device programme left, it is left out.
func TestSIMWithoutHandsetNeedsADevice(t *testing.T) {
	dir := rankDir()
	f := RankFacts{Bands: Bands{Access: SignificantBarrier}, Patient: adult.with(func(p *Patient) { p.Handset = false })}
	got, _ := RankReferrals(candidates(dir), dir, f)
	i := slices.Index(ids(got), "sim")
	if i < 0 || i < slices.Index(ids(got), "device") || !strings.Contains(got[i].Reason, "paired with Name of device") {
		t.Fatalf("SIM for a patient with no phone: %v, reason %q", ids(got), got[max(i, 0)].Reason)
	}
	// With a phone, no pairing is said.
	f.Patient.Handset = true
	got, _ = RankReferrals(candidates(dir), dir, f)
	if r := got[slices.Index(ids(got), "sim")]; strings.Contains(r.Reason, "paired") {
		t.Errorf("SIM for a patient with a phone says %q", r.Reason)
	}
	// No device programme among the candidates: the SIM is left out.
	f.Patient.Handset = false
	noDevice := slices.DeleteFunc(candidates(dir), func(r Referral) bool { return r.ProgrammeID == "device" })
	got, ex := RankReferrals(noDevice, dir, f)
	if slices.Contains(ids(got), "sim") || !slices.Contains(excludedIDs(ex), "sim") {
		t.Errorf("SIM with no phone and no device: ranked %v, left out %v", ids(got), excludedIDs(ex))
	}
	// A device programme that is itself left out does not pair.
	online := dir
	online.Programmes = slices.Clone(dir.Programmes)
	for i := range online.Programmes {
		if online.Programmes[i].ID == "device" {
			online.Programmes[i].OnlineOnly = true
		}
	}
	f.Patient.Online = false
	got, _ = RankReferrals(candidates(online), online, f)
	if slices.Contains(ids(got), "sim") {
		t.Errorf("SIM paired with a device programme that was left out: %v", ids(got))
	}
}

// TestRankLeavesInputAlone: ranking returns new referrals; the candidates
// passed in keep their order and reasons.
func TestRankLeavesInputAlone(t *testing.T) {
	dir := rankDir()
	in := candidates(dir)
	before := slices.Clone(in)
	RankReferrals(in, dir, RankFacts{Patient: adult})
	for i := range in {
		if in[i].ProgrammeID != before[i].ProgrammeID || in[i].Reason != before[i].Reason {
			t.Fatalf("candidate %d changed: %+v", i, in[i])
		}
	}
}

// TestRankUnknownProgrammeKeptLast: a candidate not in the directory is
// not dropped, and ranks after every known one.
func TestRankUnknownProgrammeKeptLast(t *testing.T) {
	dir := rankDir()
	in := append([]Referral{{ProgrammeID: "gone", Name: "Gone", Barriers: []Domain{Access}}}, candidates(dir)...)
	got, _ := RankReferrals(in, dir, RankFacts{Patient: adult})
	if ids(got)[len(got)-1] != "gone" {
		t.Errorf("unknown programme not last: %v", ids(got))
	}
}

// TestPatientFactsForRanking reads the facts ranking and the directory's
// restrictions need from v1 answers, each at its boundary.
func TestPatientFactsForRanking(t *testing.T) {
	tests := []struct {
		name                      string
		change                    Answers
		online, handset, landline bool
	}{
		{"smartphone and home internet", nil, true, true, false},
		{"computer only", Answers{LinkDevices: {DevComputer}}, true, false, false},
		{"shared device, public wifi", Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}}, true, false, false},
		{"smartphone, no connection", Answers{LinkInternet: {NetNone}}, false, true, false},
		{"basic mobile and home internet", Answers{LinkDevices: {DevBasicMob}}, false, true, false},
		{"landline only", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}}, false, false, true},
		{"smartphone and landline", Answers{LinkDevices: {DevSmartphone, DevLandline}}, true, true, true},
		{"no device", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}}, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := PatientFacts(with(tt.change))
			if p.Online != tt.online || p.Handset != tt.handset || slices.Contains(p.Circumstances, ForLandline) != tt.landline {
				t.Errorf("facts = %+v", p)
			}
		})
	}
}

// TestNationalDatabankRules: the National Databank is for adults on a low
// income, and its SIM card is paired with the National Device Bank for a
// patient with no phone of their own.
func TestNationalDatabankRules(t *testing.T) {
	db, _ := National.Lookup("national-databank")
	if !db.AdultsOnly || !db.NeedsHandset || !slices.Contains(db.Provides, ProvidesData) {
		t.Fatalf("Databank entry: %+v", db)
	}
	a := with(Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}, LinkBenefits: {Yes}, LinkAgeBand: {"45-54"}})
	res := assess(t, a)
	got, _ := RankReferrals(res.Recommendation.Referrals, National, RankFacts{Bands: res.Bands, Patient: PatientFacts(a)})
	dev, data := slices.Index(ids(got), "national-device-bank"), slices.Index(ids(got), "national-databank")
	if dev < 0 || data < dev || !strings.Contains(got[data].Reason, "paired with National Device Bank") {
		t.Errorf("no phone: ranked %v; Databank reason %q", ids(got), got[max(data, 0)].Reason)
	}
	if dev != 0 {
		t.Errorf("the device is not ranked first: %v", ids(got))
	}
}

// TestRankForTheNeedTheAnswersShow decides each rule that reorders or
// leaves out referrals by what the patient said, at its boundary: a safety
// need first; data only where its cost may be a barrier; support first for
// a patient who does not want to go online; a person's help before an
// online course where nobody helps; device before data before skills
// otherwise.
func TestRankForTheNeedTheAnswersShow(t *testing.T) {
	dir := rankDir()
	alarm := Programme{ID: "alarm-help", Name: "Name of alarm-help", Barriers: []Domain{Access}, Provides: []string{ProvidesSupport},
		For: []string{ForLandline, ForTelecare}, Source: "national"}
	both := Programme{ID: "data-and-skills", Name: "Name of data-and-skills", Barriers: []Domain{Access}, Provides: []string{ProvidesData, ProvidesSkills}, Source: "national"}
	dir.Programmes = append(dir.Programmes, alarm, both)
	withAlarm := adult.with(func(p *Patient) { p.Circumstances = []string{ForSight, ForLandline, ForTelecare} })
	landlineOnly := adult.with(func(p *Patient) { p.Circumstances = []string{ForSight, ForLandline} })
	tests := []struct {
		name  string
		facts RankFacts
		first []string // the first ranked, in order
		out   []string // left out
	}{
		{"wants to get online: device, data, skills", RankFacts{Patient: landlineOnly},
			[]string{"device", "sight-help", "data", "sim", "data-and-skills", "local-skills", "skills", "online-course"}, nil},
		{"care alarm on a landline: its help first", RankFacts{Patient: withAlarm},
			[]string{"alarm-help", "device", "sight-help", "data"}, nil},
		{"landline, no alarm: its help in its place", RankFacts{Patient: landlineOnly},
			[]string{"device"}, nil},
		{"cost never a problem: no data-only programme", RankFacts{Patient: landlineOnly, CostNeverProblem: true},
			[]string{"device", "sight-help", "local-skills", "skills"}, []string{"data", "sim"}},
		{"cost never a problem: data and skills ranked as skills", RankFacts{Patient: landlineOnly, CostNeverProblem: true},
			[]string{"device", "sight-help", "local-skills", "skills", "online-course", "data-and-skills"}, []string{"data", "sim"}},
		{"does not want to go online: support, then device before data before skills", RankFacts{Patient: landlineOnly, NotWanting: true},
			[]string{"sight-help", "support", "alarm-help", "trust-help", "device", "data", "sim", "data-and-skills", "local-skills", "skills", "online-course"}, nil},
		{"does not want to go online, care alarm: alarm help first still", RankFacts{Patient: withAlarm, NotWanting: true},
			[]string{"alarm-help", "sight-help", "support"}, nil},
		// The online course now ranks after every person's help, not
		// only after those giving skills (H49).
		{"nobody helps: a person's help before an online course", RankFacts{Patient: landlineOnly, NoOneHelps: true},
			[]string{"device", "sight-help", "data", "sim", "data-and-skills", "local-skills", "skills", "support", "alarm-help", "trust-help", "nothing-said", "online-course"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.facts
			f.Bands = Bands{Access: SignificantBarrier, Trust: SomeBarrier}
			got, ex := RankReferrals(candidates(dir), dir, f)
			if n := len(tt.first); len(got) < n || !slices.Equal(ids(got)[:n], tt.first) {
				t.Errorf("ranked %v, want it to start %v", ids(got), tt.first)
			}
			var out []string
			for _, id := range excludedIDs(ex) {
				if id != "alarm-help" { // for circumstances some cases lack
					out = append(out, id)
				}
			}
			if !slices.Equal(out, tt.out) {
				t.Errorf("left out %v, want %v", out, tt.out)
			}
		})
	}
}

// TestNobodyHelpsPutsAPersonBeforeAnOnlineCourse: among programmes that
// give skills, a self-directed online course ranks before a person's help
// only by directory order, and after it when nobody helps the patient.
func TestNobodyHelpsPutsAPersonBeforeAnOnlineCourse(t *testing.T) {
	course := Programme{ID: "course", Name: "Course", Barriers: []Domain{Skills}, Provides: []string{ProvidesSkills}, OnlineOnly: true}
	person := Programme{ID: "person", Name: "Person", Barriers: []Domain{Skills}, Provides: []string{ProvidesSkills}}
	dir := Directory{Programmes: []Programme{course, person}}
	for _, tc := range []struct {
		nobody bool
		want   []string
	}{{false, []string{"course", "person"}}, {true, []string{"person", "course"}}} {
		got, _ := RankReferrals(candidates(dir), dir, RankFacts{Bands: Bands{Skills: SignificantBarrier}, Patient: adult, NoOneHelps: tc.nobody})
		if !slices.Equal(ids(got), tc.want) {
			t.Errorf("nobody helps %v: %v, want %v", tc.nobody, ids(got), tc.want)
		}
		if tc.nobody && !strings.Contains(got[0].Reason, "help from a person, as nobody helps the patient") {
			t.Errorf("reason %q does not say why a person comes first", got[0].Reason)
		}
	}
}

// TestRankFactsFromAnswers reads what ranking weighs from the answers, at
// each answer's boundary.
func TestRankFactsFromAnswers(t *testing.T) {
	for _, tc := range []struct {
		a                                        Answers
		notWanting, nobody, never, carer, memory bool
	}{
		{Answers{LinkWant: {No}}, true, false, false, false, false},
		{Answers{LinkWant: {WantNotSure}}, false, false, false, false, false},
		{Answers{LinkHelp: {HelpNobody}}, false, true, false, false, false},
		{Answers{LinkHelp: {HelpNotNeeded}}, false, false, false, false, false},
		{Answers{LinkAfford: {"never"}}, false, false, true, false, false},
		{Answers{LinkAfford: {"sometimes"}}, false, false, false, false, false},
		{Answers{}, false, false, false, false, false}, // afford not asked: its cost may be a barrier
		{Answers{LinkRespondent: {RespondentCarer}}, false, false, false, true, false},
		{Answers{LinkRespondent: {RespondentPatient}}, false, false, false, false, false},
		{Answers{LinkTechAccess: {TechHands, TechMemory}}, false, false, false, false, true},
		{Answers{LinkTechAccess: {TechHands}}, false, false, false, false, false},
	} {
		f := RankFactsFor(tc.a, Bands{}, Patient{})
		if f.NotWanting != tc.notWanting || f.NoOneHelps != tc.nobody || f.CostNeverProblem != tc.never ||
			f.CarerAnswered != tc.carer || f.MemoryHard != tc.memory {
			t.Errorf("%v: %+v", tc.a, f)
		}
	}
}

// TestOneToOneHelpFirstForAnIsolatedPatient: for a patient nobody helps
// online, a programme in which a person helps them one to one comes first
// among those that meet the same need (after a safety need): a device and
// data the patient lacks still come before it (device before data before
// skills); for a patient who needs no help, has some, or has a carer, it
// keeps its place by what it gives.
func TestOneToOneHelpFirstForAnIsolatedPatient(t *testing.T) {
	dir := rankDir()
	champion := Programme{ID: "champion", Name: "Name of champion", Barriers: []Domain{Access}, Provides: []string{ProvidesSkills}, OneToOne: true, Source: "national"}
	alarm := Programme{ID: "alarm-help", Name: "Name of alarm-help", Barriers: []Domain{Access}, Provides: []string{ProvidesSupport},
		For: []string{ForTelecare}, Source: "national"}
	dir.Programmes = append(dir.Programmes, champion, alarm)
	withAlarm := adult.with(func(p *Patient) { p.Circumstances = []string{ForSight, ForTelecare} })
	for _, tc := range []struct {
		help    string
		patient Patient
		first   []string
	}{
		{HelpNobody, adult, []string{"device", "sight-help", "data", "sim", "champion", "local-skills", "skills"}},
		{HelpNotNeeded, adult, []string{"device", "sight-help", "data", "sim", "local-skills", "skills", "online-course", "champion"}},
		{HelpSome, adult, []string{"device", "sight-help", "data", "sim", "local-skills", "skills", "online-course", "champion"}},
		{HelpCarer, adult, []string{"device", "sight-help", "data", "sim", "local-skills", "skills", "online-course", "champion"}},
		{HelpNobody, withAlarm, []string{"alarm-help", "device", "sight-help", "data", "sim", "champion", "local-skills"}},
	} {
		t.Run(tc.help, func(t *testing.T) {
			f := RankFactsFor(Answers{LinkHelp: {tc.help}}, Bands{Access: SignificantBarrier}, tc.patient)
			got, _ := RankReferrals(candidates(dir), dir, f)
			if n := len(tc.first); len(got) < n || !slices.Equal(ids(got)[:n], tc.first) {
				t.Fatalf("ranked %v, want it to start %v", ids(got), tc.first)
			}
			i := slices.Index(ids(got), "champion")
			says := strings.Contains(got[i].Reason, "one-to-one help from a person, as nobody helps the patient")
			if says != (tc.help == HelpNobody) {
				t.Errorf("champion's reason %q: says one to one = %v", got[i].Reason, says)
			}
		})
	}
	// A programme marked both one to one and online only is online: it
	// does not come first among skills help.
	dir.Programmes[len(dir.Programmes)-2].OnlineOnly = true
	got, _ := RankReferrals(candidates(dir), dir, RankFacts{Bands: Bands{Access: SignificantBarrier}, Patient: adult, NoOneHelps: true})
	if slices.Index(ids(got), "champion") < slices.Index(ids(got), "skills") {
		t.Errorf("an online-only programme marked one to one ranks first: %v", ids(got))
	}
}

// TestPersonLedHelpBeforeAnOnlineCourse: a self-directed online course
// ranks after every programme in which a person helps for a patient a
// carer answered for, one whose memory or thinking makes technology hard,
// and one nobody helps (hazard H49); for anyone else it keeps its place by
// what it gives (skills before support).
func TestPersonLedHelpBeforeAnOnlineCourse(t *testing.T) {
	dir := rankDir()
	byPlace := []string{"device", "sight-help", "data", "sim", "local-skills", "skills", "online-course", "support"}
	personFirst := []string{"device", "sight-help", "data", "sim", "local-skills", "skills", "support", "trust-help", "nothing-said", "online-course"}
	for _, tc := range []struct {
		name string
		a    Answers
		want []string
		why  string
	}{
		{"the patient answered", Answers{LinkRespondent: {RespondentPatient}}, byPlace, ""},
		{"through an interpreter", Answers{LinkRespondent: {RespondentInterpreter}}, byPlace, ""},
		{"a carer answered", Answers{LinkRespondent: {RespondentCarer}}, personFirst, "a carer answered for the patient"},
		{"sight makes technology hard", Answers{LinkTechAccess: {TechSight}}, byPlace, ""},
		{"memory makes technology hard", Answers{LinkTechAccess: {TechMemory}}, personFirst, "memory or thinking makes technology hard for them"},
		{"memory and sight", Answers{LinkTechAccess: {TechSight, TechMemory}}, personFirst, "memory or thinking"},
		{"nothing makes it hard", Answers{LinkTechAccess: {TechNone}}, byPlace, ""},
		{"needs no help", Answers{LinkHelp: {HelpNotNeeded}}, byPlace, ""},
		{"nobody helps", Answers{LinkHelp: {HelpNobody}}, personFirst, "nobody helps the patient"},
		{"a carer answered and memory", Answers{LinkRespondent: {RespondentCarer}, LinkTechAccess: {TechMemory}}, personFirst,
			"a carer answered for the patient and memory or thinking"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := RankFactsFor(tc.a, Bands{Access: SignificantBarrier, Trust: SomeBarrier}, adult)
			got, _ := RankReferrals(candidates(dir), dir, f)
			if n := len(tc.want); len(got) < n || !slices.Equal(ids(got)[:n], tc.want) {
				t.Fatalf("ranked %v, want it to start %v", ids(got), tc.want)
			}
			course := got[slices.Index(ids(got), "online-course")]
			support := got[slices.Index(ids(got), "support")]
			if tc.why == "" {
				if strings.Contains(course.Reason, "after a person's help") || strings.Contains(support.Reason, "help from a person") {
					t.Errorf("reasons say a person comes first: %q, %q", course.Reason, support.Reason)
				}
				return
			}
			if !strings.Contains(course.Reason, "a self-directed online course, after a person's help, as "+tc.why) {
				t.Errorf("course reason %q does not say why it comes after (%q)", course.Reason, tc.why)
			}
			if !strings.Contains(support.Reason, "help from a person, as "+tc.why) {
				t.Errorf("support reason %q does not say why it comes first (%q)", support.Reason, tc.why)
			}
		})
	}
}

// TestSameGroundsLeavesOutOnlyThePlace: a referral's place among those
// ranked moves when another comes out beside it; its reason does not.
// Anything else that differs (the barrier met, the eligibility, why it is
// placed where it is) is another reason.
func TestSameGroundsLeavesOutOnlyThePlace(t *testing.T) {
	const was = "Skills: significant barrier. Ranked 1 of 2: gives skills and support; national; meets a significant barrier"
	for _, c := range []struct {
		now  string
		same bool
	}{
		{was, true},
		{"Skills: significant barrier. Ranked 1 of 3: gives skills and support; national; meets a significant barrier", true},
		{"Skills: significant barrier. Ranked 12 of 13: gives skills and support; national; meets a significant barrier", true},
		{"Skills: some barrier. Ranked 1 of 2: gives skills and support; national; meets some barrier", false},
		{"Skills: significant barrier; eligible: age 75 or over. Ranked 1 of 2: gives skills and support; national; meets a significant barrier", false},
		{"Skills: significant barrier. Ranked 1 of 2: gives skills and support; local; meets a significant barrier", false},
		{"Skills: significant barrier", false},
	} {
		if got := SameGrounds(was, c.now); got != c.same {
			t.Errorf("SameGrounds(%q, %q) = %v, want %v", was, c.now, got, c.same)
		}
	}
}
