package verify

import (
	"context"
	"testing"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

func TestJudgeStatus(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status int
		want   string
	}{
		{200, scanner.VerifyLive},
		{401, scanner.VerifyInvalid},
		{403, scanner.VerifyUnknown},
		{404, scanner.VerifyUnknown},
		{429, scanner.VerifyUnknown},
		{500, scanner.VerifyUnknown},
		{503, scanner.VerifyUnknown},
		{302, scanner.VerifyUnknown},
	}
	for _, c := range cases {
		if got := judgeStatus(c.status, nil); got.status != c.want {
			t.Errorf("HTTP %d: %s (%s), want %s", c.status, got.status, got.reason, c.want)
		}
	}
	if got := publicConfigEndpoint.judge(403, nil); got.status != scanner.VerifyInvalid {
		t.Errorf("remote config 403: %s, want invalid", got.status)
	}
	if got := pairEndpoint.judge(403, nil); got.status != scanner.VerifyUnknown {
		t.Errorf("pair 403: %s, want unknown (plan limit)", got.status)
	}
}

func TestJudgeGraphQL(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status int
		body   string
		want   string
	}{
		{200, `{"data":{"__typename":"Query"}}`, scanner.VerifyLive},
		{200, `{"errors":[{"message":"unauthorized"}]}`, scanner.VerifyUnknown},
		{200, `<html>`, scanner.VerifyUnknown},
		{401, ``, scanner.VerifyInvalid},
		{500, `{"data":{"__typename":"Query"}}`, scanner.VerifyUnknown},
	}
	for _, c := range cases {
		if got := judgeGraphQL(c.status, []byte(c.body)); got.status != c.want {
			t.Errorf("HTTP %d %s: %s, want %s", c.status, c.body, got.status, c.want)
		}
	}
}

// TestCancelled: a cancelled scan sends nothing and says so.
func TestCancelled(t *testing.T) {
	t.Parallel()
	fake := newFake(t, nil)
	v := newTestVerifier(t, fake, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fs := []scanner.Finding{finding(rules.SCIMKey, gen("{{token}}"), "a/.env", 1)}
	if err := v.Verify(ctx, fs); err == nil {
		t.Error("no error from a cancelled verification")
	}
	if n := len(fake.requests()); n != 0 {
		t.Errorf("%d requests after cancel", n)
	}
	if fs[0].Verification.Status != scanner.VerifyUnknown {
		t.Errorf("got %+v", fs[0].Verification)
	}
}
