package fhirclient

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestTheClientNamesTheServerAsConfigured: a server configured as
// http://localhost:PORT/fhir was named "127.0.0.1:PORT" in the client's
// messages (a host and port, not its URL, and spelt another way than the
// config): it is named by its URL as configured.
func TestTheClientNamesTheServerAsConfigured(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	base := "http://LOCALHOST:" + strconv.Itoa(port) + "/fhir/"
	want := "http://localhost:" + strconv.Itoa(port) + "/fhir"
	c, err := New(Config{Base: base, Attempts: 1, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name() != want {
		t.Errorf("Name() = %q, want %q", c.Name(), want)
	}
	if c.Base() != "http://127.0.0.1:"+strconv.Itoa(port)+"/fhir" {
		t.Errorf("Base() = %q: the identity the store keeps changed", c.Base())
	}
	_, err = c.Read(context.Background(), "QuestionnaireResponse", "x")
	if err == nil {
		t.Fatal("a closed port answered")
	}
	if msg := err.Error(); !strings.Contains(msg, "the FHIR server "+want+" ") || strings.Contains(msg, "server 127.0.0.1") {
		t.Errorf("the error does not name the server %s as configured: %s", want, msg)
	}
}
