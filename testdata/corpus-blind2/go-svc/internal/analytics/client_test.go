package analytics

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/amplitude/analytics-go/amplitude"
)

const fakeKey = "deadbeefdeadbeefdeadbeefdeadbeef"

func TestTrackSendsKey(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "1bc4f9039f40e1e96d204db6434c6262")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()

	cfg := amplitude.NewConfig(fakeKey)
	cfg.ServerURL = srv.URL
	c := amplitude.NewClient(cfg)
	c.Track(amplitude.Event{EventType: "test", UserID: "u1", EventOptions: amplitude.EventOptions{
		InsertID: "1bc6bca9e069b243ca1e25429c79beed",
	}})
	c.Shutdown()
}
