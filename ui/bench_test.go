package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkFirstFrame is start to first frame: New, Init and the first View
// at 80x24. Budget: well under 30 ms.
func BenchmarkFirstFrame(b *testing.B) {
	o := testOptions((&memStore{}).Save)
	b.ReportAllocs()
	for b.Loop() {
		m := New(o)
		_ = m.Init()
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
	}
}

// BenchmarkKeystroke is one key typed into a text input (the NHS number):
// Update and View. Budget: under 1 ms.
func BenchmarkKeystroke(b *testing.B) {
	d := newDriver(b, testOptions((&memStore{}).Save), 80, 24)
	d.press("enter")
	d.waitFor("┃ Number")
	m := d.m
	k := keyPress("7")
	bs := keyPress("backspace")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		// Alternate typing and deleting, so the input neither fills up
		// nor stops changing.
		if i%2 == 0 {
			m.Update(k)
		} else {
			m.Update(bs)
		}
		_ = m.View()
	}
}

// BenchmarkKeystrokeInSection is the same for a question's text input (the
// interpreter's language), whose page is drawn at the full form height.
func BenchmarkKeystrokeInSection(b *testing.B) {
	d := newDriver(b, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x", "enter", "x", "enter", "down", "enter")
	d.press("x", "down", "x", "enter", "down", "enter")
	d.press("enter", "down", "down", "enter", "enter")
	d.press(repeat("down", 5)...)
	d.press("x", "enter")
	d.waitFor("Which language")
	m := d.m
	k, bs := keyPress("p"), keyPress("backspace")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			m.Update(k)
		} else {
			m.Update(bs)
		}
		_ = m.View()
	}
}
