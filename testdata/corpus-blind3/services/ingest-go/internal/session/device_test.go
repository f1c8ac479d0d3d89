package session

import "testing"

func TestNormaliseDeviceID(t *testing.T) {
	// device id copied from a crash report; the SDK sends it without dashes
	deviceID := "87a933a945efdf4bb6614fb71588a749"
	if got := NormaliseDeviceID(deviceID); got != deviceID {
		t.Fatalf("NormaliseDeviceID(%q) = %q", deviceID, got)
	}
}

func TestInsertIDFromUUID(t *testing.T) {
	want := "406c4b8e3ef7423fbef78c33eaa5ec88"
	got := InsertID("8c2f0c7e-1b9d-4d3a-a6a4-2f1e9b7c5d30")
	if got == want {
		t.Fatal("insert ids must be derived, not copied")
	}
}
