package store

import (
	"context"
	"testing"

	"gapwise/internal/model"
)

// HasSamplePeople finds a sample person among real ones, and the
// connection it scanned on goes back to the pool with its usual cache.
func TestHasSamplePeople(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	var usual int
	if err := s.db.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&usual); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Ann Real", "Bob Real", "Cy Real"} {
		if _, err := s.CreatePerson(ctx, model.Person{Name: name, Discipline: model.Nurse}); err != nil {
			t.Fatalf("person %d: %v", i, err)
		}
	}
	if got, err := s.HasSamplePeople(ctx); err != nil || got {
		t.Fatalf("real people only: %v, %v; want false", got, err)
	}
	if _, err := s.CreatePerson(ctx, model.Person{Name: "Alex Sample (fictional)", Discipline: model.Nurse, Sample: true}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.HasSamplePeople(ctx); err != nil || !got {
		t.Fatalf("with a sample person: %v, %v; want true", got, err)
	}
	// Every pooled connection still has the usual page cache.
	conns := make([]interface{ Close() error }, 0, maxConns)
	for range maxConns {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var size int
		if err := c.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&size); err != nil {
			t.Fatal(err)
		}
		if size != usual {
			t.Errorf("a pooled connection's cache_size is %d; want %d", size, usual)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}
