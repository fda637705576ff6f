// Command teahello is the smallest Bubble Tea program that draws what the
// start-up benchmarks wait for, set up as digicheck's UI is (alternate
// screen, 120 frames a second, a background colour query): its start is
// the floor for any Bubble Tea program here. BenchmarkStartBubbleTeaHelloWorld
// builds and times it.
package main

import (
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct{}

func (model) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() tea.View {
	v := tea.NewView("Identifier")
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(model{}, tea.WithFPS(120)).Run(); err != nil {
		os.Exit(1)
	}
}
