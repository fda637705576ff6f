package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// reportCPU adds the CPU time per operation since start (see cpuTime).
func reportCPU(b *testing.B, start time.Duration, n int) {
	if d := cpuTime() - start; start > 0 && n > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}

// BenchmarkFirstFrame is start to first frame: New, Init and the first View
// at 80x24. Budget: well under 30 ms.
func BenchmarkFirstFrame(b *testing.B) {
	o := testOptions((&memStore{}).Save)
	b.ReportAllocs()
	n, start := 0, cpuTime()
	for b.Loop() {
		m := New(o)
		_ = m.Init()
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
		n++
	}
	reportCPU(b, start, n)
}

// BenchmarkKeystroke is one key typed into a text input (the NHS number):
// Update and View. Budget: under 1 ms.
func BenchmarkKeystroke(b *testing.B) {
	d := newDriver(b, testOptions((&memStore{}).Save), 80, 24)
	d.press("1") // NHS number: no kind is chosen to start with, so enter alone chooses none
	d.waitFor("NHS number: 10 digits")
	m := d.m
	k := keyPress("7")
	bs := keyPress("backspace")
	b.ReportAllocs()
	i, start := 0, cpuTime()
	for ; b.Loop(); i++ {
		// Alternate typing and deleting, so the input neither fills up
		// nor stops changing.
		if i%2 == 0 {
			m.Update(k)
		} else {
			m.Update(bs)
		}
		_ = m.View()
	}
	reportCPU(b, start, i)
}

// BenchmarkKeystrokeInSection is the same for a question's text input (the
// interpreter's language), whose page is drawn at the full form height.
func BenchmarkKeystrokeInSection(b *testing.B) {
	d := newDriver(b, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x", "enter", "x", "enter", "2")
	d.press("x", "down", "x", "enter", "2")
	d.press("1", "3", "1")
	d.press("6", "enter")
	d.waitFor("Which language")
	m := d.m
	k, bs := keyPress("p"), keyPress("backspace")
	b.ReportAllocs()
	i, start := 0, cpuTime()
	for ; b.Loop(); i++ {
		if i%2 == 0 {
			m.Update(k)
		} else {
			m.Update(bs)
		}
		_ = m.View()
	}
	reportCPU(b, start, i)
}

// BenchmarkFirstFrameWithDrafts is start to first frame when unfinished
// assessments are offered: the list is the first screen.
func BenchmarkFirstFrameWithDrafts(b *testing.B) {
	o := testOptions((&memStore{}).Save)
	for i := range 5 {
		o.Drafts = append(o.Drafts, Resumable{Draft: store.Draft{Draft: assess.Draft{
			ID:                record.ID{15: byte(i + 1)},
			Patient:           record.PatientID{Kind: record.NHSNumber, Value: validNHS},
			Clinician:         "Dr Ada Test",
			InstrumentVersion: questionnaire.V1.Version,
			Answers:           scenarioAnswers,
			Section:           "needs",
		}, Saved: fixedNow}})
	}
	b.ReportAllocs()
	n, start := 0, cpuTime()
	for b.Loop() {
		m := New(o)
		_ = m.Init()
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
		n++
	}
	reportCPU(b, start, n)
}
