package fhirserver

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// closingServer answers the first request on each connection it accepts
// and keeps the connection open, as a server does for the next request;
// the next request on it is read and the connection dropped unanswered,
// as when the server's keep-alive timeout ends just as that request
// comes (Node closes an idle connection after 6 s: a helper's POST on it
// at that moment met "connection reset by peer" or EOF under load). It
// returns the server's URL and how many connections it accepted.
func closingServer(t *testing.T) (string, func() int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	conns := make(chan int, 1)
	conns <- 0
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns <- <-conns + 1
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for n := 0; ; n++ {
					req, err := http.ReadRequest(r)
					if err != nil {
						return
					}
					io.Copy(io.Discard, req.Body)
					if n > 0 {
						c.(*net.TCPConn).SetLinger(0) // a reset, as a closed socket answers
						return
					}
					io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
				}
			}()
		}
	}()
	return "http://" + l.Addr().String(), func() int { n := <-conns; conns <- n; return n }
}

// TestTheHelpersDoNotSendOnAConnectionTheServerMayBeClosing: the helpers
// that set a server's faults, read its counts, empty it and put records on
// it are not the program under test, and must not fail a test when the
// server closes a connection they kept from an earlier request. The
// program's own client meets the same and retries or reads back
// (fhirclient and push have tests of it).
func TestTheHelpersDoNotSendOnAConnectionTheServerMayBeClosing(t *testing.T) {
	root, conns := closingServer(t)
	s := &Server{Base: root + "/fhir", Root: root}
	s.Control(t, Control{ClearFaults: true})
	s.Faults(t, Fault{Status: 500})
	s.RequireToken(t, "")
	s.Stats(t)
	s.Stats(t)
	if err := s.reset(); err != nil {
		t.Fatalf("reset: %v", err)
	}
	if err := s.reset(); err != nil {
		t.Fatalf("reset: %v", err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	SendStore(t, s.Base, st)
	SendStore(t, s.Base, st)
	if n := conns(); n != 9 {
		t.Errorf("%d connections for 9 requests", n)
	}
}
