package questionnaire

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// onePerDomain is a directory with one programme, open to everyone, for
// each domain.
func onePerDomain() Directory {
	var d Directory
	for _, dom := range Domains {
		d.Programmes = append(d.Programmes, Programme{
			ID: "help-" + string(dom), Name: "Help with " + dom.Title(), Barriers: []Domain{dom},
			Contact: "ask at reception", PatientLine: "We can help.",
		})
	}
	return d
}

func referralIDs(rec Recommendation) []string {
	var out []string
	for _, f := range rec.Referrals {
		out = append(out, f.ProgrammeID)
	}
	return out
}

// TestReferralOnlyForDomainWithBarrier: each domain's programme is offered
// exactly when that domain has a barrier, some or significant.
func TestReferralOnlyForDomainWithBarrier(t *testing.T) {
	tests := []struct {
		name   string
		change Answers
		want   []Domain
	}{
		{"no barrier", nil, nil},
		{"access some", Answers{LinkAfford: {"sometimes"}}, []Domain{Access}},
		{"access significant", Answers{LinkDevices: {DevNone}}, []Domain{Access}},
		{"skills some", Answers{LinkTasks: tasksExcept(TaskVideo)}, []Domain{Skills}},
		{"skills significant", Answers{LinkTasks: {TaskNone}}, []Domain{Skills}},
		{"motivation some", Answers{LinkWant: {"with-help"}}, []Domain{Motivation}},
		{"motivation significant", Answers{LinkWant: {No}}, []Domain{Motivation}},
		{"trust some", Answers{LinkWorry: {"a-little"}}, []Domain{Trust}},
		{"trust significant", Answers{LinkWorry: {"very"}}, []Domain{Trust}},
		{"access and trust", Answers{LinkDevices: {DevShared}, LinkBadExperience: {"put-off"}}, []Domain{Access, Trust}},
		{"all four", Answers{LinkDevices: {DevShared}, LinkTasks: {TaskText}, LinkWant: {No}, LinkWorry: {"very"}}, Domains},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := assessWith(t, with(tt.change), onePerDomain()).Recommendation
			var want []string
			for _, d := range tt.want {
				want = append(want, "help-"+string(d))
			}
			if got := referralIDs(rec); !slices.Equal(got, want) {
				t.Errorf("referrals = %v, want %v", got, want)
			}
			for _, f := range rec.Referrals {
				if len(f.Barriers) != 1 || !strings.Contains(f.Reason, f.Barriers[0].Title()) {
					t.Errorf("referral %s: barriers %v, reason %q", f.ProgrammeID, f.Barriers, f.Reason)
				}
				if f.Consent != "" {
					t.Errorf("referral %s has consent %q before the patient was asked", f.ProgrammeID, f.Consent)
				}
			}
		})
	}
}

// TestReferralNamesOnlyBarrierDomains: a programme that helps with several
// domains lists only those with a barrier.
func TestReferralNamesOnlyBarrierDomains(t *testing.T) {
	dir := Directory{Programmes: []Programme{{ID: "library", Name: "Library", Barriers: []Domain{Access, Skills}}}}
	rec := assessWith(t, with(Answers{LinkTasks: {TaskNone}}), dir).Recommendation
	if len(rec.Referrals) != 1 || !slices.Equal(rec.Referrals[0].Barriers, []Domain{Skills}) {
		t.Fatalf("referrals = %+v, want library for skills only", rec.Referrals)
	}
	if r := rec.Referrals[0].Reason; strings.Contains(r, "Access") || !strings.Contains(r, "Skills: significant barrier") {
		t.Errorf("reason %q, want skills only, with its band", r)
	}
}

// TestNoReferralWithoutBarrier: a patient with no barrier is referred
// nowhere, however eligible.
func TestNoReferralWithoutBarrier(t *testing.T) {
	for _, eq := range []Answers{
		nil,
		{LinkAgeBand: {"75+"}, LinkDisability: {Yes}, LinkBenefits: {Yes}, LinkPostcodeDistrict: {"LS6"}},
	} {
		for _, dir := range []Directory{National, onePerDomain()} {
			res := assessWith(t, with(eq), dir)
			if res.Bands != (Bands{}) {
				t.Fatalf("bands = %+v, want no barrier", res.Bands)
			}
			if len(res.Recommendation.Referrals) != 0 {
				t.Errorf("referrals = %v, want none", referralIDs(res.Recommendation))
			}
		}
	}
}

// TestReferralEligibility decides each kind of criterion at its boundary.
// Unknown or unstated facts never make a patient eligible.
func TestReferralEligibility(t *testing.T) {
	tests := []struct {
		name     string
		criteria []Criterion
		equity   Answers
		eligible bool
	}{
		{"open to all", nil, nil, true},
		{"open to all, nothing stated", nil, Answers{LinkAgeBand: {PreferNotSay}}, true},

		{"low income: benefits", []Criterion{{LowIncome: true}}, Answers{LinkBenefits: {Yes}}, true},
		{"low income: no benefits", []Criterion{{LowIncome: true}}, Answers{LinkBenefits: {No}}, false},
		{"low income: prefer not to say", []Criterion{{LowIncome: true}}, Answers{LinkBenefits: {PreferNotSay}}, false},
		{"low income: not asked", []Criterion{{LowIncome: true}}, nil, false},

		{"65+: 55-64", []Criterion{{MinAge: 65}}, Answers{LinkAgeBand: {"55-64"}}, false},
		{"65+: 65-74", []Criterion{{MinAge: 65}}, Answers{LinkAgeBand: {"65-74"}}, true},
		{"65+: 75+", []Criterion{{MinAge: 65}}, Answers{LinkAgeBand: {"75+"}}, true},
		{"65+: 16-24", []Criterion{{MinAge: 65}}, Answers{LinkAgeBand: {"16-24"}}, false},
		{"65+: prefer not to say", []Criterion{{MinAge: 65}}, Answers{LinkAgeBand: {PreferNotSay}}, false},
		{"65+: not asked", []Criterion{{MinAge: 65}}, nil, false},
		{"60+: 55-64 band straddles it", []Criterion{{MinAge: 60}}, Answers{LinkAgeBand: {"55-64"}}, false},

		{"up to 24: 16-24", []Criterion{{MaxAge: 24}}, Answers{LinkAgeBand: {"16-24"}}, true},
		{"up to 24: 25-34", []Criterion{{MaxAge: 24}}, Answers{LinkAgeBand: {"25-34"}}, false},
		{"up to 74: 75+", []Criterion{{MaxAge: 74}}, Answers{LinkAgeBand: {"75+"}}, false},
		{"up to 74: prefer not to say", []Criterion{{MaxAge: 74}}, Answers{LinkAgeBand: {PreferNotSay}}, false},
		{"up to 74: not asked", []Criterion{{MaxAge: 74}}, nil, false},
		{"55 to 74: 65-74", []Criterion{{MinAge: 55, MaxAge: 74}}, Answers{LinkAgeBand: {"65-74"}}, true},
		{"55 to 74: 45-54", []Criterion{{MinAge: 55, MaxAge: 74}}, Answers{LinkAgeBand: {"45-54"}}, false},

		{"disability: yes", []Criterion{{Disability: true}}, Answers{LinkDisability: {Yes}}, true},
		{"disability: no", []Criterion{{Disability: true}}, Answers{LinkDisability: {No}}, false},
		{"disability: prefer not to say", []Criterion{{Disability: true}}, Answers{LinkDisability: {PreferNotSay}}, false},
		{"disability: not asked", []Criterion{{Disability: true}}, nil, false},

		{"area: in it", []Criterion{{Areas: []string{"LS6", "LS7"}}}, Answers{LinkPostcodeDistrict: {"LS7"}}, true},
		{"area: typed lower case", []Criterion{{Areas: []string{"LS6"}}}, Answers{LinkPostcodeDistrict: {"ls6"}}, true},
		{"area: site file in lower case", []Criterion{{Areas: []string{"ls6"}}}, Answers{LinkPostcodeDistrict: {"LS6"}}, true},
		{"area: outside it", []Criterion{{Areas: []string{"LS6"}}}, Answers{LinkPostcodeDistrict: {"LS16"}}, false},
		{"area: not asked", []Criterion{{Areas: []string{"LS6"}}}, nil, false},

		{"all of: low income and 65+, both", []Criterion{{LowIncome: true, MinAge: 65}}, Answers{LinkBenefits: {Yes}, LinkAgeBand: {"65-74"}}, true},
		{"all of: low income and 65+, one", []Criterion{{LowIncome: true, MinAge: 65}}, Answers{LinkBenefits: {Yes}, LinkAgeBand: {"55-64"}}, false},
		{"any of: 65+ or disability, neither", []Criterion{{MinAge: 65}, {Disability: true}}, Answers{LinkAgeBand: {"55-64"}, LinkDisability: {No}}, false},
		{"any of: 65+ or disability, age", []Criterion{{MinAge: 65}, {Disability: true}}, Answers{LinkAgeBand: {"65-74"}, LinkDisability: {No}}, true},
		{"any of: 65+ or disability, disability", []Criterion{{MinAge: 65}, {Disability: true}}, Answers{LinkAgeBand: {"16-24"}, LinkDisability: {Yes}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Programme{ID: "p", Name: "P", Barriers: []Domain{Skills}, Eligible: tt.criteria}
			a := with(tt.equity)
			a[LinkTasks] = []string{TaskNone} // a skills barrier
			ok, why := p.EligibleFor(PatientFacts(a))
			if ok != tt.eligible {
				t.Errorf("EligibleFor = %v (%q), want %v", ok, why, tt.eligible)
			}
			if ok && len(tt.criteria) > 0 && why == "" {
				t.Error("eligible by a criterion but no grounds given")
			}
			rec := assessWith(t, a, Directory{Programmes: []Programme{p}}).Recommendation
			if rec.HasReferral("p") != tt.eligible {
				t.Errorf("referred = %v, want %v", rec.HasReferral("p"), tt.eligible)
			}
			if tt.eligible && why != "" && !strings.Contains(rec.Referrals[0].Reason, why) {
				t.Errorf("referral reason %q does not give the grounds %q", rec.Referrals[0].Reason, why)
			}
		})
	}
}

// TestAbilityNetFor65PlusOrDisabled checks the national entry's any-of
// eligibility.
func TestAbilityNetFor65PlusOrDisabled(t *testing.T) {
	tests := []struct {
		age, disability string
		want            bool
	}{
		{"55-64", No, false},
		{"55-64", Yes, true},
		{"65-74", No, true},
		{"75+", PreferNotSay, true},
		{"16-24", Yes, true},
		{PreferNotSay, PreferNotSay, false},
		{PreferNotSay, Yes, true},
		{"", "", false},
	}
	for _, tt := range tests {
		eq := Answers{LinkTasks: {TaskNone}}
		if tt.age != "" {
			eq[LinkAgeBand] = []string{tt.age}
		}
		if tt.disability != "" {
			eq[LinkDisability] = []string{tt.disability}
		}
		rec := assess(t, with(eq)).Recommendation
		if got := rec.HasReferral("abilitynet"); got != tt.want {
			t.Errorf("age %q, disability %q: AbilityNet offered = %v, want %v", tt.age, tt.disability, got, tt.want)
		}
	}
}

// TestLowIncomeProgrammesNeedBenefits: free data, devices and social
// tariffs are offered only to patients on means-tested benefits.
func TestLowIncomeProgrammesNeedBenefits(t *testing.T) {
	lowIncome := []string{"national-databank", "national-device-bank", "social-tariffs"}
	for _, benefits := range []string{Yes, No, PreferNotSay, ""} {
		// An adult: the Databank is for people aged 18 or over.
		eq := Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}, LinkAfford: {"often"}, LinkAgeBand: {"25-34"}}
		if benefits != "" {
			eq[LinkBenefits] = []string{benefits}
		}
		rec := assess(t, with(eq)).Recommendation
		for _, id := range lowIncome {
			if got := rec.HasReferral(id); got != (benefits == Yes) {
				t.Errorf("benefits %q: %s offered = %v", benefits, id, got)
			}
		}
		if !rec.HasReferral("public-library") {
			t.Errorf("benefits %q: the library (open to all) is not offered for an access barrier", benefits)
		}
	}
}

// TestLocalProgrammeOnlyInItsArea: a site's programme restricted to some
// postcode districts is offered there only, beside the national ones.
func TestLocalProgrammeOnlyInItsArea(t *testing.T) {
	dir := Directory{Programmes: append(slices.Clone(National.Programmes), Programme{
		ID: "leeds-digital-hub", Name: "Leeds digital hub", Barriers: []Domain{Skills, Access},
		Eligible: []Criterion{{Areas: []string{"LS6", "LS7"}}},
		Contact:  "0113 000 0000", PatientLine: "Free help near you.", Source: "site.toml",
	})}
	tests := []struct {
		postcode string
		want     bool
	}{
		{"LS6", true},
		{"ls7", true},
		{"LS1", false},
		{"LS16", false},
		{"M1", false},
		{"", false},
	}
	for _, tt := range tests {
		eq := Answers{LinkTasks: {TaskNone}}
		if tt.postcode != "" {
			eq[LinkPostcodeDistrict] = []string{tt.postcode}
		}
		rec := assessWith(t, with(eq), dir).Recommendation
		if got := rec.HasReferral("leeds-digital-hub"); got != tt.want {
			t.Errorf("postcode %q: local hub offered = %v, want %v", tt.postcode, got, tt.want)
		}
		if !rec.HasReferral("learn-my-way") {
			t.Errorf("postcode %q: national programmes dropped", tt.postcode)
		}
	}
}

// TestNationalDirectoryIsComplete: every national entry can be offered
// and read out.
func TestNationalDirectoryIsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range National.Programmes {
		if p.ID == "" || seen[p.ID] {
			t.Errorf("programme id %q empty or repeated", p.ID)
		}
		seen[p.ID] = true
		if p.Name == "" || p.Contact == "" || p.PatientLine == "" || len(p.Barriers) == 0 {
			t.Errorf("%s: name, contact, patient line and barriers are all needed", p.ID)
		}
		for _, d := range p.Barriers {
			if !slices.Contains(Domains, d) {
				t.Errorf("%s: unknown barrier %q", p.ID, d)
			}
		}
		if got, ok := National.Lookup(p.ID); !ok || got.ID != p.ID {
			t.Errorf("Lookup(%s) failed", p.ID)
		}
	}
	for _, d := range Domains {
		if !slices.ContainsFunc(National.Programmes, func(p Programme) bool { return p.Helps(d) && len(p.Eligible) == 0 }) {
			t.Errorf("no national programme open to everyone helps with %s", d)
		}
	}
	if _, ok := National.Lookup("no-such"); ok {
		t.Error("Lookup found a programme that does not exist")
	}
}

// TestDirectoryVersionFollowsEveryField changes each field of a programme
// and of its criteria in turn, found by reflection so a new field is
// covered too: each change must change the version. It does so for a
// directory made as a literal, whose version is worked out on every call,
// and for one made by NewDirectory (as the national and a site's are),
// whose version is kept once worked out: the changed directory is a copy
// of the loaded one given the changed programmes, and one made anew from
// them, each asked after the loaded one's version was kept.
func TestDirectoryVersionFollowsEveryField(t *testing.T) {
	programmes := func() []Programme {
		return []Programme{
			{ID: "a", Name: "A", Barriers: []Domain{Access}, Eligible: []Criterion{{MinAge: 65, MaxAge: 74, LowIncome: true, Disability: true, Areas: []string{"LS6"}}},
				Contact: "c", Hours: "h", PatientLine: "p", Source: "national"},
			{ID: "b", Name: "B", Barriers: []Domain{Skills}},
		}
	}
	v0 := Directory{Programmes: programmes()}.Version()
	if v0 == "" || v0 != (Directory{Programmes: programmes()}).Version() || v0 != NewDirectory(programmes()).Version() {
		t.Fatalf("Version not stable: %q, %q, %q", v0, Directory{Programmes: programmes()}.Version(), NewDirectory(programmes()).Version())
	}
	loaded := NewDirectory(programmes())
	if loaded.Version() != v0 {
		t.Fatalf("a loaded directory's version is %s, want %s", loaded.Version(), v0)
	}
	// versions are those of a directory holding the changed programmes ps,
	// made each way.
	versions := func(ps []Programme) map[string]string {
		cp := loaded
		cp.Programmes = ps
		return map[string]string{
			"literal":                        Directory{Programmes: ps}.Version(),
			"a loaded one's copy given them": cp.Version(),
			"made anew":                      NewDirectory(ps).Version(),
		}
	}
	change := func(f reflect.Value) {
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Int:
			f.SetInt(f.Int() + 1)
		case reflect.Bool:
			f.SetBool(!f.Bool())
		case reflect.Slice:
			switch f.Type().Elem().Kind() {
			case reflect.String:
				f.Set(reflect.Append(f, reflect.ValueOf("x").Convert(f.Type().Elem())))
			default:
				f.Set(reflect.Append(f, reflect.Zero(f.Type().Elem())))
			}
		default:
			t.Fatalf("test does not know how to change a %s field", f.Kind())
		}
	}
	pt := reflect.TypeFor[Programme]()
	for i := range pt.NumField() {
		ps := programmes()
		change(reflect.ValueOf(&ps[0]).Elem().Field(i))
		name := pt.Field(i).Name
		for how, v := range versions(ps) {
			// Where an entry was read from is not content: the same
			// programmes loaded from another path keep their version.
			// Nor is the date an entry is next reviewed by: it changes
			// no referral.
			if name == "Source" || name == "ReviewBy" {
				if v != v0 {
					t.Errorf("%s: changing Programme.%s changes the version", how, name)
				}
				continue
			}
			if v == v0 {
				t.Errorf("%s: changing Programme.%s leaves the version at %s", how, name, v0)
			}
		}
	}
	ct := reflect.TypeFor[Criterion]()
	for i := range ct.NumField() {
		ps := programmes()
		change(reflect.ValueOf(&ps[0].Eligible[0]).Elem().Field(i))
		for how, v := range versions(ps) {
			if v == v0 {
				t.Errorf("%s: changing Criterion.%s leaves the version at %s", how, ct.Field(i).Name, v0)
			}
		}
	}
	others := map[string]func([]Programme) []Programme{
		"order":          func(ps []Programme) []Programme { ps[0], ps[1] = ps[1], ps[0]; return ps },
		"add":            func(ps []Programme) []Programme { return append(ps, Programme{ID: "c"}) },
		"remove":         func(ps []Programme) []Programme { return ps[:1] },
		"remove first":   func(ps []Programme) []Programme { return ps[1:] },
		"none":           func(ps []Programme) []Programme { return ps[:0] },
		"second barrier": func(ps []Programme) []Programme { ps[1].Barriers = append(ps[1].Barriers, Trust); return ps },
	}
	for name, f := range others {
		for how, v := range versions(f(programmes())) {
			if v == v0 {
				t.Errorf("%s, %s: version unchanged", name, how)
			}
		}
	}
	// The loaded directory's own programmes, sliced shorter: not the
	// programmes its version was kept for.
	short := loaded
	short.Programmes = loaded.Programmes[:1]
	if short.Version() == v0 || short.Version() != (Directory{Programmes: programmes()[:1]}).Version() {
		t.Errorf("a loaded directory cut to its first programme has version %s", short.Version())
	}
	// A copy with equal content has the same version.
	if cp := (Directory{Programmes: slices.Clone(loaded.Programmes)}); cp.Version() != v0 {
		t.Errorf("copy has version %s, want %s", cp.Version(), v0)
	}
	if loaded.Version() != v0 {
		t.Errorf("the loaded directory's version moved to %s", loaded.Version())
	}
	if National.Version() != National.Version() || National.Version() != (Directory{Programmes: National.Programmes}).Version() {
		t.Error("national directory version not stable, or not the one its programmes give")
	}
}

// TestALoadedDirectoryWorksItsVersionOutOnce: every assessment and every
// check of a saved record asks for the directory's version; the national
// directory and a site's (made by NewDirectory) give it without writing
// their programmes out and hashing them again, and give it the same to
// every goroutine asking at once.
func TestALoadedDirectoryWorksItsVersionOutOnce(t *testing.T) {
	want := Directory{Programmes: National.Programmes}.version()
	if n := testing.AllocsPerRun(100, func() { _ = National.Version() }); n != 0 {
		t.Errorf("National.Version() made %.0f allocations each call; want none, the version kept", n)
	}
	d := NewDirectory(slices.Clone(National.Programmes))
	got := make(chan string, 8)
	for range cap(got) {
		go func() { got <- d.Version() }()
	}
	for range cap(got) {
		if v := <-got; v != want {
			t.Errorf("Version asked at once from goroutines = %s, want %s", v, want)
		}
	}
}

func TestCheckPhoneTakesOnlyWhatCanBeDialled(t *testing.T) {
	for _, ok := range []string{"", "0800 123 4567", "01134960000", "+44 113 496 0000", "111"} {
		if err := CheckPhone(ok); err != nil {
			t.Errorf("CheckPhone(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{
		"0113-496-0000", "(0113) 496 0000", "0113 496 0000 ext 12", "44+ 113", "++44 113 496 0000",
		" 0113 496 0000", "0113 496 0000 ", "call us", "12", "+44 1234 5678 9012 3456", "0113\t496 0000",
		"0113 496 0000\x1b[31m",
	} {
		if err := CheckPhone(bad); err == nil {
			t.Errorf("CheckPhone(%q) = nil, want an error", bad)
		}
	}
}

// Every national number is one the handout can print and a patient can
// dial; an empty one means none was published, and the handout says to
// ask the team.
func TestNationalPhonesCanBeDialled(t *testing.T) {
	for _, p := range National.Programmes {
		if err := CheckPhone(p.Phone); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
	}
}

// TestNationalEntriesAreComplete: every national programme says what it
// provides, is national, and has a review-by date that is a date.
func TestNationalEntriesAreComplete(t *testing.T) {
	for _, p := range National.Programmes {
		if len(p.Provides) == 0 {
			t.Errorf("%s: says nothing it provides", p.ID)
		}
		for _, what := range p.Provides {
			if !slices.Contains(ProvidesOrder, what) {
				t.Errorf("%s: provides %q", p.ID, what)
			}
		}
		if p.Local() {
			t.Errorf("%s: national entry ranks as local", p.ID)
		}
		if _, err := time.Parse(DateLayout, p.ReviewBy); err != nil {
			t.Errorf("%s: review_by %q: %v", p.ID, p.ReviewBy, err)
		}
		for _, c := range p.For {
			if !slices.Contains(ForAll, c) {
				t.Errorf("%s: for %q", p.ID, c)
			}
		}
	}
}

// TestReviewDue decides a review-by date at its boundary: due on the day
// itself and after, not the day before; no date, or not a date, is never
// due (the file check reports those).
func TestReviewDue(t *testing.T) {
	for _, tt := range []struct {
		review, today string
		due           bool
	}{
		{"2027-06-01", "2027-05-31", false},
		{"2027-06-01", "2027-06-01", true},
		{"2027-06-01", "2027-06-02", true},
		{"2027-06-01", "2028-01-01", true},
		{"", "2027-06-01", false},
		{"June 2027", "2027-06-01", false},
	} {
		if got := (Programme{ReviewBy: tt.review}).ReviewDue(tt.today); got != tt.due {
			t.Errorf("review by %q, today %s: due = %v, want %v", tt.review, tt.today, got, tt.due)
		}
	}
}

// TestAdultsOnlyEligibility: an adults-only programme needs an age group
// known to start at 18 or over, on top of its criteria; an unanswered age
// is asked about only when the rest could hold.
func TestAdultsOnlyEligibility(t *testing.T) {
	p := Programme{ID: "sim", AdultsOnly: true, Eligible: []Criterion{{LowIncome: true}}}
	open := Programme{ID: "open", AdultsOnly: true}
	for _, tt := range []struct {
		name     string
		pt       Patient
		prog     Programme
		eligible bool
		why      string
		unknowns []string
	}{
		{"25-34 on benefits", Patient{AgeLow: 25, AgeHigh: 34, LowIncome: true, IncomeKnown: true}, p, true, "age 18 or over, gets means-tested benefits", nil},
		{"18 exactly", Patient{AgeLow: 18, AgeHigh: 24, LowIncome: true, IncomeKnown: true}, p, true, "age 18 or over, gets means-tested benefits", nil},
		{"16-24 on benefits", Patient{AgeLow: 16, AgeHigh: 24, LowIncome: true, IncomeKnown: true}, p, false, "", nil},
		{"age unknown, on benefits", Patient{AgeLow: -1, AgeHigh: -1, LowIncome: true, IncomeKnown: true}, p, false, "", []string{LinkAgeBand}},
		{"age unknown, benefits unknown", Patient{AgeLow: -1, AgeHigh: -1}, p, false, "", []string{LinkAgeBand, LinkBenefits}},
		{"age unknown, no benefits", Patient{AgeLow: -1, AgeHigh: -1, IncomeKnown: true}, p, false, "", nil},
		{"adult, no benefits", Patient{AgeLow: 25, AgeHigh: 34, IncomeKnown: true}, p, false, "", nil},
		{"open to adults: 75+", Patient{AgeLow: 75, AgeHigh: 200}, open, true, "age 18 or over", nil},
		{"open to adults: age unknown", Patient{AgeLow: -1, AgeHigh: -1}, open, false, "", []string{LinkAgeBand}},
		{"65+ criterion names the age once", Patient{AgeLow: 65, AgeHigh: 74}, Programme{AdultsOnly: true, Eligible: []Criterion{{MinAge: 65}}}, true, "age 65 or over", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ok, why := tt.prog.EligibleFor(tt.pt)
			if ok != tt.eligible || why != tt.why {
				t.Errorf("eligible = %v, %q; want %v, %q", ok, why, tt.eligible, tt.why)
			}
			if got := tt.prog.Unknowns(tt.pt); !slices.Equal(got, tt.unknowns) {
				t.Errorf("unknowns = %v, want %v", got, tt.unknowns)
			}
		})
	}
}

// TestNationalRestrictionsHoldInTheResult: through a whole assessment, an
// online-only course is not offered to a patient who cannot get online,
// sight-loss help not to one whose answers show no sight loss, and
// switchover help only to a patient with a landline.
func TestNationalRestrictionsHoldInTheResult(t *testing.T) {
	tests := []struct {
		name    string
		change  Answers
		offered []string
		not     []string
	}{
		{"online, no skills", Answers{LinkTasks: {TaskNone}}, []string{"learn-my-way", "digital-unite"}, []string{"rnib-sight-loss-advice", "digital-phone-switchover"}},
		{"cannot get online, no skills", Answers{LinkDevices: {DevBasicMob}, LinkTasks: {TaskNone}}, []string{"digital-unite", "public-library"}, []string{"learn-my-way", "rnib-sight-loss-advice"}},
		{"landline only", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, []string{"digital-phone-switchover"}, []string{"learn-my-way", "get-safe-online"}},
		{"worried, cannot get online", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkWorry: {"very"}}, nil, []string{"get-safe-online"}},
		{"worried, online", Answers{LinkWorry: {"very"}}, []string{"get-safe-online"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := assess(t, with(tt.change)).Recommendation
			for _, id := range tt.offered {
				if !rec.HasReferral(id) {
					t.Errorf("%s not offered: %v", id, referralIDs(rec))
				}
			}
			for _, id := range tt.not {
				if rec.HasReferral(id) {
					t.Errorf("%s offered: %v", id, referralIDs(rec))
				}
			}
			for _, ask := range rec.AskAbout {
				for _, name := range ask.Programmes {
					if p, _ := National.Lookup("rnib-sight-loss-advice"); name == p.Name {
						t.Errorf("asks %s for a programme no answer can open", ask.LinkID)
					}
				}
			}
		})
	}
}

// TestCheckProgrammeIDRefusesWhatAnExportUsesAsStructure: a programme id is
// written into exports beside other ids: a CSV export lists a record's
// referrals in one field separated by ";", so "library;hub" would be read
// back as two programmes, and the refusal says so. Ids are lower-case
// letters, digits and -, at most 48 characters, starting with a letter or
// a digit (a spreadsheet runs a field starting with - as a formula).
func TestCheckProgrammeIDRefusesWhatAnExportUsesAsStructure(t *testing.T) {
	for _, id := range []string{"a", "0", "public-library", "a-", "trust-hub-2", strings.Repeat("a", 48)} {
		if err := CheckProgrammeID(id); err != nil {
			t.Errorf("%q refused: %v", id, err)
		}
	}
	for _, c := range []struct{ id, why string }{
		{"library;hub", `id "library;hub": ";" separates the programmes in a CSV export's referral columns, so it would be read back as 2 programmes ("library" and "hub")`},
		{"a;b;c", `as 3 programmes ("a", "b" and "c")`},
		{"library;", `as 2 programmes ("library" and "")`},
		{"-library", `id "-library": it starts with -, which a spreadsheet takes as a formula`},
		{"", "no id"},
		{strings.Repeat("a", 49), "at most 48 characters"},
		{"Library", "lower-case"},
		{"public library", "lower-case"},
		{"library,hub", "lower-case"},
		{"library|hub", "lower-case"},
		{"library_hub", "lower-case"},
		{"bibliothèque", "lower-case"},
		{"library\u200e", "lower-case"},
	} {
		err := CheckProgrammeID(c.id)
		if err == nil {
			t.Errorf("%q accepted", c.id)
			continue
		}
		if !strings.Contains(err.Error(), c.why) {
			t.Errorf("%q refused with %q, want it to say %q", c.id, err, c.why)
		}
		if c.id != "" && !strings.Contains(err.Error(), "use lower-case letters a to z, digits and -, starting with a letter or a digit, at most 48 characters") {
			t.Errorf("%q refused without saying what an id may hold: %v", c.id, err)
		}
	}
	for _, p := range National.Programmes {
		if err := CheckProgrammeID(p.ID); err != nil {
			t.Errorf("national programme %v (a site replaces it by giving its id)", err)
		}
	}
}

// FuzzCheckProgrammeID: CheckProgrammeID accepts exactly the ids the rule
// it states allows, written here as a pattern.
//
//	go test -run x -fuzz FuzzCheckProgrammeID -fuzztime 30s ./questionnaire/
func FuzzCheckProgrammeID(f *testing.F) {
	rule := regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,47}$`)
	for _, s := range []string{"", "a", "-", "a;b", "public-library", strings.Repeat("z", 48), strings.Repeat("9", 49), "A", "é", "a\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if err := CheckProgrammeID(id); (err == nil) != rule.MatchString(id) {
			t.Fatalf("CheckProgrammeID(%q) = %v", id, err)
		}
	})
}
